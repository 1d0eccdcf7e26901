using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// <c>POST /leads/api/leads/metrics</c>: team-wide outreach counts for a period. The sandbox
/// sends nothing, so the counts are read off the automation records made in the period; as the
/// document says, <c>filter</c> and <c>group_by</c> are accepted and change nothing.
/// </summary>
internal static class EngagementEndpoints
{
    public static void Map(Router r) => r.Map("POST", "/leads/api/leads/metrics", Metrics);

    private static ApiResult Metrics(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var from = Instant(body, "period_from", errors);
        var to = Instant(body, "period_to", errors);
        if (from is long f && to is long t && t < f) errors.Add("period_to", "The period to must be a date after or equal to period from.");
        var metrics = EndpointSupport.StringArray(body["metrics"], "metrics", errors, required: true);
        var flows = EndpointSupport.StringArray(body["flows"], "flows", errors, required: false);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var records = store.FlowLeads
                .Where(m => m.CreatedAt >= from && m.CreatedAt <= to)
                .Where(m => flows is not { Count: > 0 } || flows.Contains(m.FlowUuid, StringComparer.OrdinalIgnoreCase))
                .ToList();
            var total = new JsonObject();
            foreach (var metric in metrics!.Distinct(StringComparer.Ordinal))
            {
                total[metric] = Count(metric, records);
            }
            return ApiResult.Json(new JsonObject { ["total"] = total });
        }
    }

    /// <summary>A contact's progress read as what was sent: every enrolment sent a request, later nodes messages and e-mails.</summary>
    private static int Count(string metric, List<FlowLead> records)
    {
        bool Past(FlowLead m, int node) => m.Status == FlowLead.Finished || m.NodeId >= node;
        var finished = records.Count(m => m.Status == FlowLead.Finished);
        var failed = records.Count(m => m.Status == FlowLead.Failed);
        return metric switch
        {
            "linkedin_connection_request_sent_count" => records.Count,
            "linkedin_connection_request_accepted_count" or "linkedin_sent_count" => records.Count(m => Past(m, 2)),
            "linkedin_opened_count" or "email_sent_count" => records.Count(m => Past(m, 3)),
            "linkedin_inbox_count" or "email_opened_count" => finished,
            "linkedin_inmail_sent_count" or "email_bounced_count" => failed,
            "email_clicked_count" => finished / 2,
            "email_inbox_count" => finished / 3,
            _ => 0,
        };
    }

    private static long? Instant(JsonObject body, string field, ValidationErrors errors)
    {
        if (JsonRead.Kind(body[field]) != JsonValueKind.String)
        {
            errors.Add(field, body[field] is null ? $"The {JsonRead.Words(field)} field is required." : $"The {JsonRead.Words(field)} is not a valid date.");
            return null;
        }
        if (Timestamps.TryParse(body[field]!.GetValue<string>(), out var ticks)) return ticks;
        errors.Add(field, $"The {JsonRead.Words(field)} is not a valid date.");
        return null;
    }
}
