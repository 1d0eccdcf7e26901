using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Lists and their contact counts.</summary>
internal sealed partial class GrinfiApi
{
    public Task<IReadOnlyList<GrinfiList>> GetListsAsync(CallContext ctx) =>
        GetAllPagesAsync(Lists, null, "lists", j => Attach(new GrinfiList(j)), ctx);

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
}
