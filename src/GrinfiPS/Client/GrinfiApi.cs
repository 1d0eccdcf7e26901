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

    /// <summary>Page size for reading every item of a paged collection (lists, custom fields, flows): the largest the API serves.</summary>
    internal const int CollectionPageSize = 1000;

    private readonly GrinfiConnection _connection;

    public GrinfiApi(GrinfiConnection connection) => _connection = connection;

    /// <summary>The team the connection's key works with, when the key says.</summary>
    public long? TeamId => _connection.TeamId;

    /// <summary>The connection's client; throws once the connection is closed.</summary>
    private GrinfiClient Http => _connection.Client;

    // ---- users ----

    public async Task<GrinfiUser> GetCurrentUserAsync(CallContext ctx) =>
        new(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Get("/id/api/users/current"), ctx).ConfigureAwait(false), "the current user"));

    // ---- leads ----

    public async Task<ApiPage<GrinfiLead>> SearchLeadsAsync(LeadQuery query, CallContext ctx) =>
        ApiPage<GrinfiLead>.From(await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/search", query.Body()), ctx).ConfigureAwait(false),
            "a lead search", Lead);

    /// <summary>
    /// How many contacts a selection holds. A filter is counted by a one-contact search that
    /// reads its total: the count endpoint takes ids or all, and an <c>all: true</c> that might
    /// ignore the filter must never inflate a delete prompt.
    /// </summary>
    public async Task<long> CountLeadsAsync(ContactSelection selection, CallContext ctx)
    {
        if (selection.Kind == ContactSelection.SelectionKind.Filter)
        {
            var page = await SearchLeadsAsync(new LeadQuery(selection.Filter, 1) { DisableAggregation = true }, ctx).ConfigureAwait(false);
            // The one contact that comes with the total tells whether the filter was applied:
            // a total of every contact must not pass for the count of a list (or a delete prompt).
            if (page.Items.FirstOrDefault() is { } sample && FilterAlgebra.ViolatedField(selection.Filter, sample.Json) is string field)
            {
                throw PageGuard.FilterIgnored("the count of the contacts a filter selects", $"contact {sample.Uuid}",
                    $"its {field} is {JsonRead.AsString(sample.Json[field]!) ?? sample.Json[field]?.ToJsonString() ?? "empty"}, which the filter does not allow");
            }
            return page.Total ?? throw new GrinfiApiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiCountUnavailable",
                "The search answer states no total, so the contacts a filter selects cannot be counted.");
        }
        var body = selection.Kind == ContactSelection.SelectionKind.All
            ? new JsonObject { ["all"] = true }
            : new JsonObject { ["ids"] = JsonFormat.Array(selection.Ids), ["all"] = false };
        var json = await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/count", body), ctx).ConfigureAwait(false);
        return json is JsonObject obj && JsonRead.Int64(obj, "total") is long total
            ? total
            : throw ApiJson.Unexpected("a lead count", json);
    }

    public async Task<GrinfiLead> GetLeadAsync(string uuid, CallContext ctx) =>
        Lead(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Get(ApiPath.Of(Leads, uuid)), ctx).ConfigureAwait(false), "a lead"));

    /// <summary>
    /// The contacts of these UUIDs that exist, by UUID: "uuid IN (...)" searches of up to
    /// <paramref name="batch"/> each, not one request per contact.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, GrinfiLead>> GetLeadsAsync(IEnumerable<string> uuids, CallContext ctx, int batch = 100)
    {
        var found = new Dictionary<string, GrinfiLead>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in uuids.Distinct(StringComparer.OrdinalIgnoreCase).Select((u, i) => (u, i)).GroupBy(x => x.i / batch, x => x.u))
        {
            foreach (var lead in await SearchAllAsync(new JsonObject { ["uuid"] = JsonFormat.Array(chunk) }, chunk.Count(), "contacts by UUID", ctx).ConfigureAwait(false))
            {
                found[lead.Uuid] = lead;
            }
        }
        return found;
    }

    /// <summary>
    /// Every contact a filter matches when they are known to be few (lookups by identifiers):
    /// pages of <paramref name="expected"/> (at least 100) by uuid, under the stall guard.
    /// </summary>
    public async Task<IReadOnlyList<GrinfiLead>> SearchAllAsync(JsonObject filter, int expected, string what, CallContext ctx)
    {
        var pager = new LeadPager(this, filter, "uuid", descending: false, firstPageSize: Math.Max(100, Math.Min(expected, LeadPager.MaxPageSize)),
            pageSize: LeadPager.MaxPageSize, wanted: null, what: what);
        var all = new List<GrinfiLead>();
        while (true)
        {
            var page = await pager.NextAsync(ctx).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return all;
            }
            all.AddRange(page);
        }
    }

    public async Task<GrinfiLead> LookupLeadAsync(LeadLookup lookup, CallContext ctx) =>
        Lead(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/lookup-one", lookup.Body), ctx).ConfigureAwait(false), "a lead lookup"));

    /// <summary>Creates or updates a contact; the answer is the contact (200 for both, per the vendor).</summary>
    /// <remarks>Safe to retry: a resent upsert matches the contact the first one made.</remarks>
    public async Task<GrinfiLead> UpsertLeadAsync(LeadUpsert upsert, CallContext ctx)
    {
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Post, Leads + "/upsert") { Body = upsert.Body(), Idempotent = true };
        return Lead(ApiJson.Single(await Http.SendJsonAsync(request, ctx).ConfigureAwait(false), "an upsert"));
    }

    public async Task<GrinfiLead> UpdateLeadAsync(string uuid, LeadUpdate update, CallContext ctx) =>
        Lead(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Leads, uuid), update.Body()), ctx).ConfigureAwait(false), "a lead update"));

    public Task DeleteLeadAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Leads, uuid)), ctx);

    /// <summary>
    /// Runs a mass action on a selection. The vendor's answer is a 200 with no body; a server
    /// that says more (a count, data) is read, else Count is null.
    /// </summary>
    public async Task<MassActionAnswer> MassActionAsync(MassAction action, ContactSelection selection, CallContext ctx)
    {
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Put, Leads + "/mass-action") { Body = action.Body(selection), Idempotent = action.Idempotent };
        var obj = await Http.SendJsonAsync(request, ctx).ConfigureAwait(false) as JsonObject;
        return new MassActionAnswer(obj is null ? null : JsonRead.Int64(obj, "count"), obj?["data"]);
    }

    /// <summary>Sets (null clears) one custom field of a contact or company; values are text, as the schema types them.</summary>
    public async Task SetCustomFieldValueAsync(string customFieldUuid, string objectType, string objectUuid, string? value, CallContext ctx)
    {
        var body = new JsonObject
        {
            ["custom_field_uuid"] = customFieldUuid,
            ["object_type"] = objectType,
            ["object_uuid"] = objectUuid,
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

    /// <summary>
    /// Contacts per list. The metrics endpoint first (one request for all); the vendor defines
    /// no shape for its answer, so a list it says nothing usable about is counted by a
    /// one-contact search reading its total.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> GetListLeadCountsAsync(IReadOnlyCollection<string> uuids, CallContext ctx)
    {
        var counts = (await GetListMetricsAsync(uuids, ctx).ConfigureAwait(false)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var uuid in uuids.Where(u => !counts.ContainsKey(u)))
        {
            counts[uuid] = await CountLeadsAsync(ContactSelection.Where("list_uuid", uuid), ctx).ConfigureAwait(false);
        }
        return counts;
    }

    /// <summary>Contacts per list, as the metrics endpoint says: [{uuid, leads_count}] or { uuid: count } and a few names for the count; empty when it says nothing.</summary>
    private async Task<IReadOnlyDictionary<string, long>> GetListMetricsAsync(IReadOnlyCollection<string> uuids, CallContext ctx)
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

    public async Task<GrinfiPipelineStage> CreatePipelineStageAsync(string name, string objectType, string category, int? order, CallContext ctx)
    {
        var body = new JsonObject { ["name"] = name, ["object"] = objectType, ["category"] = category };
        if (order is int o)
        {
            body["order"] = o;
        }
        return Attach(new GrinfiPipelineStage(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(Stages, body), ctx).ConfigureAwait(false), "a new pipeline stage")));
    }

    public async Task<GrinfiPipelineStage> UpdatePipelineStageAsync(string uuid, string? name, string? category, int? order, CallContext ctx)
    {
        var body = Changes(("name", name), ("category", category));
        if (order is int o)
        {
            body["order"] = o;
        }
        return Attach(new GrinfiPipelineStage(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Stages, uuid), body), ctx).ConfigureAwait(false), "an updated pipeline stage")));
    }

    public Task DeletePipelineStageAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Stages, uuid)), ctx);

    // ---- tags ----

    public async Task<IReadOnlyList<GrinfiTag>> GetTagsAsync(CallContext ctx) =>
        ApiJson.Items(await Http.SendJsonAsync(GrinfiRequest.Get(Tags), ctx).ConfigureAwait(false), "tags")
            .Select(j => Attach(new GrinfiTag(j))).ToList();

    public async Task<GrinfiTag> CreateTagAsync(string name, string? color, CallContext ctx) =>
        Attach(new GrinfiTag(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(Tags, Changes(("name", name), ("color", color))), ctx).ConfigureAwait(false), "a new tag")));

    public async Task<GrinfiTag> UpdateTagAsync(string uuid, string? name, string? color, CallContext ctx) =>
        Attach(new GrinfiTag(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Tags, uuid), Changes(("name", name), ("color", color))), ctx).ConfigureAwait(false), "an updated tag")));

    public Task DeleteTagAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Tags, uuid)), ctx);

    // ---- custom fields ----

    /// <summary>The most custom fields a team can have: the vendor documents at most 100 per object type (lead, company).</summary>
    internal const int MostCustomFields = 200;

    /// <summary>
    /// Every custom field definition (lead and company). The collection states no total; at most
    /// 100 fields per object type exist, which bounds the read: more than 200 is a server
    /// inventing items, whatever it claims.
    /// </summary>
    public Task<IReadOnlyList<GrinfiCustomField>> GetCustomFieldsAsync(CallContext ctx) =>
        GetAllPagesAsync(CustomFields, null, "custom fields", j => Attach(new GrinfiCustomField(j)), ctx,
            new PageGuard("custom fields", CollectionPageSize, MostCustomFields, "the vendor allows at most 100 per object type, lead and company"));

    public async Task<GrinfiCustomField> CreateCustomFieldAsync(string name, string objectType, int? order, CallContext ctx)
    {
        var body = new JsonObject { ["name"] = name, ["object"] = objectType };
        if (order is int o)
        {
            body["order"] = o;
        }
        return Attach(new GrinfiCustomField(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(CustomFields, body), ctx).ConfigureAwait(false), "a new custom field")));
    }

    public async Task<GrinfiCustomField> UpdateCustomFieldAsync(string uuid, string? name, int? order, CallContext ctx)
    {
        var body = Changes(("name", name));
        if (order is int o)
        {
            body["order"] = o;
        }
        return Attach(new GrinfiCustomField(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(CustomFields, uuid), body), ctx).ConfigureAwait(false), "an updated custom field")));
    }

    /// <summary>Deletes a custom field definition and every value of it.</summary>
    public Task DeleteCustomFieldAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(CustomFields, uuid)), ctx);

    // ---- automations ----

    public async Task<IReadOnlyList<GrinfiAutomation>> GetAutomationsAsync(string? status, CallContext ctx)
    {
        var all = await GetAllPagesAsync(Flows, status is null ? null : new[] { new KeyValuePair<string, string>("filter[status]", status) },
            "automations", j => Attach(new GrinfiAutomation(j)), ctx).ConfigureAwait(false);
        // An automation of another status means the server ignored the filter: none may pass as "on".
        if (status is not null && all.FirstOrDefault(a => !string.Equals(a.Status, status, StringComparison.OrdinalIgnoreCase)) is { } stray)
        {
            throw PageGuard.FilterIgnored("automations", $"automation '{stray.Name}' ({stray.Uuid})", $"its status is {stray.Status ?? "empty"}, where the filter asked for {status}");
        }
        return all;
    }

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

    /// <summary>Any request, for Invoke-GrinfiRequest: the same limiter, retries and error mapping.</summary>
    public Task<GrinfiResponse> SendAsync(GrinfiRequest request, CallContext ctx) => Http.SendAsync(request, ctx);

    // ---- helpers ----

    /// <summary>
    /// Reads every page of a GET collection at the largest page size, advancing by what arrived.
    /// Whether more follow goes by has_more, else the total, else a full page; the stall guard
    /// ends a read whose pages bring nothing new or never end.
    /// </summary>
    private async Task<IReadOnlyList<T>> GetAllPagesAsync<T>(string path, IEnumerable<KeyValuePair<string, string>>? filter,
        string what, Func<JsonObject, T> map, CallContext ctx, PageGuard? guard = null)
        where T : GrinfiObject
    {
        var all = new List<T>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        guard ??= new PageGuard(what, CollectionPageSize);
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
            var fresh = page.Items.Where(i => seen.Add(i.Uuid)).ToList();
            all.AddRange(fresh);
            offset += page.Items.Count;
            var more = page.Items.Count > 0 && (page.HasMore ?? (page.Total is long total ? offset < total : page.Items.Count >= CollectionPageSize));
            guard.Next(fresh.Count, more, page.Total, CollectionPageSize, page.Limit);
            if (!more)
            {
                return all;
            }
        }
    }

    /// <summary>A body of the given values, leaving out the ones not given.</summary>
    private static JsonObject Changes(params (string Name, string? Value)[] values) =>
        new(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, JsonNode?>(v.Name, v.Value)));

    private GrinfiLead Lead(JsonObject json) => Attach(new GrinfiLead(json));

    private T Attach<T>(T item)
        where T : GrinfiObject
    {
        item.Connection = _connection;
        return item;
    }
}
