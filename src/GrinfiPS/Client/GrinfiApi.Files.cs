using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>File imports and exports.</summary>
internal sealed partial class GrinfiApi
{
    /// <summary>Uploads a CSV (multipart: file, type=csv_leads). Creates a record: never sent twice.</summary>
    public async Task<GrinfiFileImport> UploadCsvAsync(string fileName, byte[] csv, CallContext ctx)
    {
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Post, "/leads/api/file-imports/upload-csv")
        {
            Idempotent = false,
            Content = () =>
            {
                var form = new System.Net.Http.MultipartFormDataContent();
                var file = new System.Net.Http.ByteArrayContent(csv);
                file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
                form.Add(file, "file", fileName);
                form.Add(new System.Net.Http.StringContent("csv_leads"), "type");
                return form;
            },
        };
        return new GrinfiFileImport(ApiJson.Single(await Http.SendJsonAsync(request, ctx).ConfigureAwait(false), "an upload")) { UploadedAs = fileName };
    }

    /// <summary>
    /// Starts importing an uploaded file: a job, never sent twice. The vendor answers 200 with
    /// no body, and documents no way to follow the job.
    /// </summary>
    public Task StartImportAsync(string importUuid, IEnumerable<(string Source, string Target)> columns, string listUuid, IEnumerable<string> tagUuids, CallContext ctx)
    {
        var body = new JsonObject
        {
            ["columns"] = new JsonArray(columns.Select(c => (JsonNode?)new JsonObject { ["source"] = c.Source, ["target"] = c.Target }).ToArray()),
            ["list_uuid"] = listUuid,
            ["tags"] = JsonFormat.Array(tagUuids),
        };
        return Http.SendAsync(GrinfiRequest.Create(ApiPath.Of("/leads/api/file-imports", importUuid, "import-leads"), body), ctx);
    }

    /// <summary>Queues an export of the contacts a selection holds.</summary>
    public async Task<GrinfiFileExport> QueueExportAsync(ContactSelection selection, CallContext ctx)
    {
        var json = await Http.SendJsonAsync(GrinfiRequest.Create("/leads/api/file-exports/leads", new JsonObject { ["filter"] = selection.ToExportFilter() }), ctx).ConfigureAwait(false);
        return new GrinfiFileExport(ApiJson.Single(json, "an export"));
    }

    /// <summary>Downloads an export's file; a 404 means it is not ready (or not there).</summary>
    public async Task<byte[]> DownloadExportAsync(string fileName, CallContext ctx)
    {
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Post, "/leads/api/file-exports/download")
        {
            Body = new JsonObject { ["file_name"] = fileName },
            Idempotent = true,
            ExpectJson = false,
        };
        return (await Http.SendAsync(request, ctx).ConfigureAwait(false)).Body;
    }
}
