using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Metrics: team engagement over a period, contacts per tag.</summary>
internal sealed partial class GrinfiApi
{
    /// <summary>
    /// Team-wide outreach counts for a period (both ends inclusive), for the metrics named (API
    /// names). The vendor documents that the endpoint ignores every filter and answers for the
    /// whole team, so none is sent. A metric the answer leaves out is absent from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> GetEngagementMetricsAsync(DateTime fromUtc, DateTime toUtc, IReadOnlyCollection<string> metrics, CallContext ctx)
    {
        var body = new JsonObject
        {
            ["period_from"] = Filters.FilterConverter.Iso(fromUtc),
            ["period_to"] = Filters.FilterConverter.Iso(toUtc),
            ["metrics"] = JsonFormat.Array(metrics),
        };
        var json = await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/metrics", body), ctx).ConfigureAwait(false);
        if (json is not JsonObject obj || obj["total"] is not JsonObject total)
        {
            throw ApiJson.Unexpected("the engagement metrics", json);
        }
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in total)
        {
            if (JsonRead.Int64(total, pair.Key) is long n)
            {
                result[pair.Key] = n;
            }
        }
        return result;
    }

    /// <summary>
    /// Contacts (and companies) per tag. The metrics endpoint first, asking for both counts (its
    /// metrics field is required); the vendor defines no shape for its answer, so a tag it says
    /// nothing usable about has its contacts counted by a one-contact search reading the total,
    /// and its companies left unknown (null).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (long? Leads, long? Companies)>> GetTagCountsAsync(IReadOnlyCollection<string> uuids, CallContext ctx)
    {
        var result = new Dictionary<string, (long? Leads, long? Companies)>(StringComparer.OrdinalIgnoreCase);
        if (uuids.Count == 0)
        {
            return result;
        }
        var body = new JsonObject
        {
            ["uuids"] = JsonFormat.Array(uuids),
            ["metrics"] = JsonFormat.Array(new[] { "leads_count", "companies_count" }),
        };
        var json = await Http.SendJsonAsync(GrinfiRequest.Read(Tags + "/metrics", body), ctx).ConfigureAwait(false);
        foreach (var (uuid, entry) in MetricEntries(json))
        {
            if (uuids.Contains(uuid, StringComparer.OrdinalIgnoreCase))
            {
                result[uuid] = (Count(entry, "leads_count", "leads", "count", "total"), Count(entry, "companies_count", "companies"));
            }
        }
        foreach (var uuid in uuids)
        {
            if (!result.TryGetValue(uuid, out var counts) || counts.Leads is null)
            {
                result[uuid] = (await CountLeadsAsync(ContactSelection.Where("tags", uuid), ctx).ConfigureAwait(false), counts.Companies);
            }
        }
        return result;
    }

    /// <summary>
    /// The per-object entries of a metrics answer whose shape the vendor leaves open: an array
    /// of objects with a uuid ({data: [...]} or bare), or an object keyed by uuid whose values
    /// are objects or a bare count (read as {leads_count: n}).
    /// </summary>
    private static IEnumerable<(string Uuid, JsonObject Entry)> MetricEntries(JsonNode? json)
    {
        var data = json is JsonObject o && o["data"] is JsonNode d ? d : json;
        if (data is JsonArray array)
        {
            foreach (var item in array.OfType<JsonObject>())
            {
                if (JsonRead.String(item, "uuid") is string uuid)
                {
                    yield return (uuid, item);
                }
            }
        }
        else if (data is JsonObject map)
        {
            foreach (var pair in map)
            {
                if (pair.Value is JsonObject inner)
                {
                    yield return (pair.Key, inner);
                }
                else if (JsonRead.Int64(map, pair.Key) is long n)
                {
                    yield return (pair.Key, new JsonObject { ["leads_count"] = n });
                }
            }
        }
    }

    private static long? Count(JsonObject entry, params string[] names) =>
        names.Select(n => JsonRead.Int64(entry, n)).FirstOrDefault(n => n is not null);
}
