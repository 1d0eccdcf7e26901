using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Every endpoint GrinfiPS uses, in one place: paths, which requests are safe to retry, and
/// the shapes of answers. Cmdlets call these; none builds a URL or a body by hand.
/// </summary>
internal sealed class GrinfiApi
{
    private const string Leads = "/leads/api/leads";
    private const string Lists = "/leads/api/lists";
    private const string Stages = "/leads/api/pipeline-stages";
    private const string Tags = "/leads/api/tags";
    private const string CustomFields = "/leads/api/custom-fields";
    private const string Flows = "/flows/api/flows";

    /// <summary>Page size for reading every item of a paged collection (lists, custom fields, flows).</summary>
    internal const int CollectionPageSize = 100;

    private readonly GrinfiConnection _connection;

    public GrinfiApi(GrinfiConnection connection) => _connection = connection;

    /// <summary>The connection's client; throws once the connection is closed.</summary>
    private GrinfiClient Http => _connection.Client;

    // ---- users ----

    public async Task<GrinfiUser> GetCurrentUserAsync(CallContext ctx) =>
        new(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Get("/id/api/users/current"), ctx).ConfigureAwait(false), "the current user"));

    // ---- leads ----

    public async Task<ApiPage<GrinfiLead>> SearchLeadsAsync(JsonObject body, CallContext ctx) =>
        ApiPage<GrinfiLead>.From(await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/search", body), ctx).ConfigureAwait(false),
            "a lead search", Lead);

    /// <summary>Contacts matching a filter; an empty filter counts every contact.</summary>
    public async Task<long> CountLeadsAsync(JsonObject filter, CallContext ctx)
    {
        var body = filter.Count == 0 ? new JsonObject { ["all"] = true } : new JsonObject { ["filter"] = filter.DeepClone() };
        var json = await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/count", body), ctx).ConfigureAwait(false);
        return json is JsonObject obj && JsonRead.Int64(obj, "total") is long total
            ? total
            : throw ApiJson.Unexpected("a lead count", json);
    }

    public async Task<GrinfiLead> GetLeadAsync(string uuid, CallContext ctx) =>
        Lead(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Get(ApiPath.Of(Leads, uuid)), ctx).ConfigureAwait(false), "a lead"));

    public async Task<GrinfiLead> LookupLeadAsync(JsonObject body, CallContext ctx) =>
        Lead(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/lookup-one", body), ctx).ConfigureAwait(false), "a lead lookup"));

    /// <summary>Creates or updates; <c>Created</c> is null when the answer does not tell.</summary>
    /// <remarks>Safe to retry: a resent upsert matches the contact the first one made.</remarks>
    public async Task<(GrinfiLead Lead, bool? Created)> UpsertLeadAsync(JsonObject body, CallContext ctx)
    {
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Post, Leads + "/upsert") { Body = body, Idempotent = true };
        var response = await Http.SendAsync(request, ctx).ConfigureAwait(false);
        bool? created = response.StatusCode switch { 201 => true, 200 => false, _ => null };
        return (Lead(ApiJson.Single(response.Json, "an upsert")), created);
    }

    public async Task<GrinfiLead> UpdateLeadAsync(string uuid, JsonObject body, CallContext ctx) =>
        Lead(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Leads, uuid), body), ctx).ConfigureAwait(false), "a lead update"));

    public Task DeleteLeadAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Leads, uuid)), ctx);

    /// <summary>Runs a mass action; <paramref name="idempotent"/> says whether a resend is harmless.</summary>
    public async Task<(long Count, JsonNode? Data)> MassActionAsync(JsonObject body, bool idempotent, CallContext ctx)
    {
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Put, Leads + "/mass-action") { Body = body, Idempotent = idempotent };
        var json = await Http.SendJsonAsync(request, ctx).ConfigureAwait(false);
        var obj = json as JsonObject;
        return (obj is null ? 0 : JsonRead.Int64(obj, "count") ?? 0, obj?["data"]);
    }

    public async Task SetCustomFieldValueAsync(string customFieldUuid, string leadUuid, JsonNode? value, CallContext ctx)
    {
        var body = new JsonObject
        {
            ["custom_field_uuid"] = customFieldUuid,
            ["object_type"] = "lead",
            ["object_uuid"] = leadUuid,
            ["value"] = value,
        };
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Post, "/leads/api/custom-field-values") { Body = body, Idempotent = true };
        await Http.SendAsync(request, ctx).ConfigureAwait(false);
    }

    // ---- lists ----

    public Task<IReadOnlyList<GrinfiList>> GetListsAsync(CallContext ctx) =>
        GetAllPagesAsync(Lists, null, "lists", j => Attach(new GrinfiList(j)), ctx);

    public async Task<GrinfiList> GetListAsync(string uuid, CallContext ctx) =>
        Attach(new GrinfiList(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Get(ApiPath.Of(Lists, uuid)), ctx).ConfigureAwait(false), "a list")));

    public async Task<GrinfiList> CreateListAsync(string name, CallContext ctx) =>
        Attach(new GrinfiList(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(Lists, new JsonObject { ["name"] = name }), ctx).ConfigureAwait(false), "a new list")));

    public async Task<GrinfiList> RenameListAsync(string uuid, string name, CallContext ctx) =>
        Attach(new GrinfiList(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Lists, uuid), new JsonObject { ["name"] = name }), ctx).ConfigureAwait(false), "a renamed list")));

    public Task DeleteListAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Lists, uuid)), ctx);

    /// <summary>Contacts per list. Accepts [{uuid, leads_count}] or { uuid: count } and a few names for the count.</summary>
    public async Task<IReadOnlyDictionary<string, long>> GetListMetricsAsync(IReadOnlyCollection<string> uuids, CallContext ctx)
    {
        var result = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        if (uuids.Count == 0)
        {
            return result;
        }
        var body = new JsonObject { ["uuids"] = new JsonArray(uuids.Select(u => (JsonNode?)u).ToArray()) };
        var json = await Http.SendJsonAsync(GrinfiRequest.Read(Lists + "/metrics", body), ctx).ConfigureAwait(false);
        var data = json is JsonObject o && o["data"] is JsonNode d ? d : json;
        if (data is JsonArray array)
        {
            foreach (var item in array.OfType<JsonObject>())
            {
                var uuid = JsonRead.String(item, "uuid") ?? JsonRead.String(item, "list_uuid");
                var count = JsonRead.Int64(item, "leads_count") ?? JsonRead.Int64(item, "leads") ?? JsonRead.Int64(item, "count") ?? JsonRead.Int64(item, "total");
                if (uuid is not null && count is long n)
                {
                    result[uuid] = n;
                }
            }
        }
        else if (data is JsonObject map)
        {
            foreach (var pair in map)
            {
                var count = pair.Value is JsonObject inner
                    ? JsonRead.Int64(inner, "leads_count") ?? JsonRead.Int64(inner, "count") ?? JsonRead.Int64(inner, "total")
                    : pair.Value is JsonValue ? JsonRead.Int64(map, pair.Key) : null;
                if (count is long n)
                {
                    result[pair.Key] = n;
                }
            }
        }
        return result;
    }

    // ---- pipeline stages ----

    public async Task<IReadOnlyList<GrinfiPipelineStage>> GetPipelineStagesAsync(string objectType, CallContext ctx)
    {
        var query = new[] { new KeyValuePair<string, string>("filter", new JsonObject { ["object"] = objectType }.ToJsonString()) };
        var json = await Http.SendJsonAsync(GrinfiRequest.Get(Stages, query), ctx).ConfigureAwait(false);
        return ApiJson.Items(json, "pipeline stages").Select(j => Attach(new GrinfiPipelineStage(j)))
            .OrderBy(s => s.Order ?? int.MaxValue).ToList();
    }

    public async Task<GrinfiPipelineStage> CreatePipelineStageAsync(JsonObject body, CallContext ctx) =>
        Attach(new GrinfiPipelineStage(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(Stages, body), ctx).ConfigureAwait(false), "a new pipeline stage")));

    public async Task<GrinfiPipelineStage> UpdatePipelineStageAsync(string uuid, JsonObject body, CallContext ctx) =>
        Attach(new GrinfiPipelineStage(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Stages, uuid), body), ctx).ConfigureAwait(false), "an updated pipeline stage")));

    public Task DeletePipelineStageAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Stages, uuid)), ctx);

    // ---- tags ----

    public async Task<IReadOnlyList<GrinfiTag>> GetTagsAsync(CallContext ctx) =>
        ApiJson.Items(await Http.SendJsonAsync(GrinfiRequest.Get(Tags), ctx).ConfigureAwait(false), "tags")
            .Select(j => Attach(new GrinfiTag(j))).ToList();

    public async Task<GrinfiTag> CreateTagAsync(JsonObject body, CallContext ctx) =>
        Attach(new GrinfiTag(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(Tags, body), ctx).ConfigureAwait(false), "a new tag")));

    public async Task<GrinfiTag> UpdateTagAsync(string uuid, JsonObject body, CallContext ctx) =>
        Attach(new GrinfiTag(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Tags, uuid), body), ctx).ConfigureAwait(false), "an updated tag")));

    public Task DeleteTagAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Tags, uuid)), ctx);

    // ---- custom fields ----

    public Task<IReadOnlyList<GrinfiCustomField>> GetCustomFieldsAsync(CallContext ctx) =>
        GetAllPagesAsync(CustomFields, null, "custom fields", j => Attach(new GrinfiCustomField(j)), ctx);

    public async Task<GrinfiCustomField> CreateCustomFieldAsync(JsonObject body, CallContext ctx) =>
        Attach(new GrinfiCustomField(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(CustomFields, body), ctx).ConfigureAwait(false), "a new custom field")));

    public async Task<GrinfiCustomField> UpdateCustomFieldAsync(string uuid, JsonObject body, CallContext ctx) =>
        Attach(new GrinfiCustomField(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(CustomFields, uuid), body), ctx).ConfigureAwait(false), "an updated custom field")));

    // ---- automations ----

    public Task<IReadOnlyList<GrinfiAutomation>> GetAutomationsAsync(string? status, CallContext ctx) =>
        GetAllPagesAsync(Flows, status is null ? null : new[] { new KeyValuePair<string, string>("filter[status]", status) },
            "automations", j => Attach(new GrinfiAutomation(j)), ctx);

    // ---- file import and export ----

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
        return new GrinfiFileImport(ApiJson.Single(await Http.SendJsonAsync(request, ctx).ConfigureAwait(false), "an upload"));
    }

    /// <summary>Starts importing an uploaded file: a job, never sent twice.</summary>
    public async Task<GrinfiFileImport> StartImportAsync(string importUuid, JsonObject body, CallContext ctx) =>
        new(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(ApiPath.Of("/leads/api/file-imports", importUuid, "import-leads"), body), ctx).ConfigureAwait(false), "an import"));

    /// <summary>Queues an export of the contacts a filter selects (an empty filter: all of them).</summary>
    public async Task<GrinfiFileExport> QueueExportAsync(JsonObject filter, CallContext ctx)
    {
        var selection = filter.Count == 0 ? new JsonObject { ["all"] = true } : (JsonObject)filter.DeepClone();
        var json = await Http.SendJsonAsync(GrinfiRequest.Create("/leads/api/file-exports/leads", new JsonObject { ["filter"] = selection }), ctx).ConfigureAwait(false);
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

    /// <summary>Any request, for Invoke-GrinfiRequest: the same limiter, retries and error mapping.</summary>
    public Task<GrinfiResponse> SendAsync(GrinfiRequest request, CallContext ctx) => Http.SendAsync(request, ctx);

    // ---- helpers ----

    /// <summary>Reads every page of a GET collection, by the limit and total the server reports.</summary>
    private async Task<IReadOnlyList<T>> GetAllPagesAsync<T>(string path, IEnumerable<KeyValuePair<string, string>>? filter,
        string what, Func<JsonObject, T> map, CallContext ctx)
    {
        var all = new List<T>();
        var offset = 0;
        while (true)
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new("limit", CollectionPageSize.ToString(CultureInfo.InvariantCulture)),
                new("offset", offset.ToString(CultureInfo.InvariantCulture)),
            };
            if (filter is not null)
            {
                query.AddRange(filter);
            }
            var page = ApiPage<T>.From(await Http.SendJsonAsync(GrinfiRequest.Get(path, query), ctx).ConfigureAwait(false), what, map);
            all.AddRange(page.Items);
            if (!page.MoreMayFollow(CollectionPageSize))
            {
                return all;
            }
            offset += page.Items.Count;
        }
    }

    private GrinfiLead Lead(JsonObject json) => Attach(new GrinfiLead(json));

    private T Attach<T>(T item)
        where T : GrinfiObject
    {
        item.Connection = _connection;
        return item;
    }
}
