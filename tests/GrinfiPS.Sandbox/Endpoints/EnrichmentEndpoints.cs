using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// Advanced enrichment of contacts and companies (queued, never run: the sandbox has no
/// LinkedIn to read), the queue, and the month's usage.
/// </summary>
internal static class EnrichmentEndpoints
{
    private static readonly string[] _orderFields = ["created_at", "updated_at", "status", "uuid"];

    public static void Map(Router r)
    {
        r.Map("PUT", "/leads/api/leads/advanced-enrichment", EnrichLeads);
        r.Map("PUT", "/leads/api/companies/advanced-enrichment", EnrichCompanies);
        r.Map("GET", "/leads/api/enrichment-queue", Queue);
        r.Map("POST", "/leads/api/enrichment-queue/metrics", Metrics);
    }

    // Uuids not of the team are skipped, as a mass action skips unknown ids. The document: the
    // contacts' answer is 200 "Enrichment queued." with no body (the generous reading adds a
    // count); the companies' shows a count.
    private static ApiResult EnrichLeads(ApiRequest req) =>
        Enrich(req, "lead", (store, uuid) => store.FindContact(uuid)?.Uuid,
            (store, filter) => LeadQuery.All(store, LeadFilter.Parse(filter)).Select(c => c.Uuid), countAlways: false);

    private static ApiResult EnrichCompanies(ApiRequest req) =>
        Enrich(req, "company", (store, uuid) => store.FindCompany(uuid)?.Uuid,
            (store, filter) => CompanyEndpoints.All(store, CompanyFilter.Parse(filter)).Select(c => c.Uuid), countAlways: true);

    /// <summary>Queues the objects of <c>uuids</c>, or those a <c>filter</c> selects, each once.</summary>
    private static ApiResult Enrich(ApiRequest req, string objectType, Func<TeamStore, string, string?> find,
        Func<TeamStore, JsonNode?, IEnumerable<string>> select, bool countAlways)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var uuids = EndpointSupport.StringArray(body["uuids"], "uuids", errors, required: false);
        if (uuids is null && body["filter"] is null && !errors.Any) errors.Add("uuids", "The uuids field is required when filter is not present.");
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            List<string> found;
            try
            {
                found = uuids is not null
                    ? uuids.Distinct(StringComparer.OrdinalIgnoreCase).Select(u => find(store, u)).OfType<string>().ToList()
                    : select(store, body["filter"]).ToList();
            }
            catch (ValidationException ex)
            {
                return ApiErrors.Validation(ex.Field, ex.Message);
            }
            var queued = Enqueue(store, objectType, found);
            return countAlways || req.Reading != SandboxReading.Minimal ? ApiResult.Json(new JsonObject { ["count"] = queued }) : ApiResult.Empty();
        }
    }

    /// <summary>Queues each uuid once; returns how many were queued. Call under the lock.</summary>
    private static int Enqueue(TeamStore store, string objectType, IEnumerable<string> uuids)
    {
        var now = store.Now();
        var queued = 0;
        foreach (var uuid in uuids.Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            store.EnrichmentQueue.Add(new EnrichmentEntry
            {
                Uuid = EndpointSupport.NewUuid(), TeamId = store.TeamId, ObjectType = objectType, ObjectUuid = uuid,
                // One microsecond apart, so the queue's order is the order of the requests.
                CreatedAt = now + queued * Timestamps.TicksPerMicrosecond,
            });
            queued++;
        }
        return queued;
    }

    private static ApiResult Queue(ApiRequest req)
    {
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromQuery(req.Query, req.Sandbox.Options.MaxPageSize, errors);
        var orderField = req.Query["order_field"].ToString();
        if (orderField.Length == 0) orderField = "created_at";
        else if (!_orderFields.Contains(orderField)) errors.Add("order_field", "The selected order field is invalid.");
        var orderType = req.Query["order_type"].ToString();
        if (orderType.Length == 0) orderType = "asc";
        else if (orderType is not ("asc" or "desc")) errors.Add("order_type", "The selected order type is invalid.");
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            Func<EnrichmentEntry, string> key = orderField switch
            {
                "status" => e => e.Status,
                "uuid" => e => e.Uuid,
                _ => e => e.CreatedAt.ToString("D20", System.Globalization.CultureInfo.InvariantCulture),
            };
            var ordered = orderType == "desc"
                ? store.EnrichmentQueue.OrderByDescending(key, StringComparer.Ordinal).ThenByDescending(e => e.Uuid, StringComparer.Ordinal)
                : store.EnrichmentQueue.OrderBy(key, StringComparer.Ordinal).ThenBy(e => e.Uuid, StringComparer.Ordinal);
            // The document shows only data; the generous reading adds the paging fields.
            var fields = req.Reading == SandboxReading.Minimal ? PageFields.None : PageFields.All;
            return EndpointSupport.Page(ordered.ToList(), limit, offset, e => e.ToJson(req.Reading), fields);
        }
    }

    private static ApiResult Metrics(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var now = store.Time.GetUtcNow();
            var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
            var count = store.EnrichmentQueue.Count(e => e.CreatedAt >= monthStart);
            return ApiResult.Json(new JsonObject { ["this_month_count"] = count });
        }
    }
}
