using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Advanced enrichment: start it for contacts or companies, read the queue and the month's usage.</summary>
internal sealed partial class GrinfiApi
{
    private const string EnrichmentQueue = "/leads/api/enrichment-queue";

    /// <summary>
    /// Queues advanced enrichment for contacts (<paramref name="objectType"/> lead) or companies
    /// (company), by UUID. It spends credits (402 when the team has too few). Returns the count
    /// the server says it queued: the companies' answer has one, the contacts' none (null).
    /// </summary>
    /// <remarks>Never retried: a resent request may queue, and pay for, the same objects twice.</remarks>
    public async Task<long?> EnrichAsync(string objectType, IReadOnlyCollection<string> uuids, CallContext ctx)
    {
        var path = objectType == "company" ? "/leads/api/companies/advanced-enrichment" : Leads + "/advanced-enrichment";
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Put, path) { Body = new JsonObject { ["uuids"] = JsonFormat.Array(uuids) }, Idempotent = false };
        var json = await Http.SendJsonAsync(request, ctx).ConfigureAwait(false);
        return json is JsonObject obj ? JsonRead.Int64(obj, "count") : null;
    }

    /// <summary>The enrichment queue, streamed; oldest first unless <paramref name="descending"/>.</summary>
    public CollectionPager<GrinfiEnrichmentQueueEntry> EnrichmentQueuePager(bool descending, int pageSize) =>
        new((limit, offset, ctx) => ReadPageAsync(EnrichmentQueue, Paging(limit, offset, descending ? false : null), "a page of the enrichment queue",
                j => Attach(new GrinfiEnrichmentQueueEntry(j)), ctx),
            "the enrichment queue", pageSize);

    /// <summary>Enrichment jobs queued or processed this calendar month, as the server counts them.</summary>
    public async Task<GrinfiEnrichmentMetric> GetEnrichmentMetricsAsync(CallContext ctx)
    {
        var json = await Http.SendJsonAsync(GrinfiRequest.Read(EnrichmentQueue + "/metrics", new JsonObject()), ctx).ConfigureAwait(false);
        return json is JsonObject obj ? new GrinfiEnrichmentMetric(obj) : throw ApiJson.Unexpected("the enrichment metrics", json);
    }
}
