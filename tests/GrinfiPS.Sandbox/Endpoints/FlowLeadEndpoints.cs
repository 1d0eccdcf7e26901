using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// Automations per contact: add one contact (existing, or created on the way), cancel it from
/// some or all automations, resume it, clear its history, list the flow-lead records, and the
/// automations' metrics.
/// </summary>
internal static class FlowLeadEndpoints
{
    // The pending task each running contact waits on, by node (the metrics count queue depth).
    private static readonly string[] _taskByNode = ["linkedin_send_connection_request", "linkedin_send_message", "email_send_message", "linkedin_send_message"];

    public static void Map(Router r)
    {
        r.Map("POST", "/flows/api/flows/{flowUuid}/leads/{leadUuid}", AddExisting);
        r.Map("POST", "/flows/api/flows/{flowUuid}/add-new-lead", AddNew);
        r.Map("PUT", "/flows/api/flows/leads/{leadUuid}/cancel", Cancel);
        r.Map("PUT", "/flows/api/flows/leads/{leadUuid}/cancel-all", CancelAll);
        r.Map("DELETE", "/flows/api/flows/leads/{leadUuid}", DeleteHistory);
        r.Map("PUT", "/flows/api/tasks/continue-automation", Continue);
        r.Map("POST", "/flows/api/flows-leads/list", List);
        r.Map("POST", "/flows/api/flows/metrics", Metrics);
    }

    private static ApiResult AddExisting(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var flow = store.FindFlow(req.Values[0]);
            if (flow is null) return ApiErrors.NotFound("Automation");
            var contact = store.FindContact(req.Values[1]);
            if (contact is null) return ApiErrors.NotFound("Lead");
            store.Mutate(contact, c => store.EnrolInFlow(flow.Uuid, c.Uuid));
            return ApiResult.NoContent();
        }
    }

    private static ApiResult AddNew(ApiRequest req)
    {
        var body = req.Object();
        var store = req.Team;
        var errors = new ValidationErrors();
        lock (store.Gate)
        {
            var flow = store.FindFlow(req.Id);
            if (flow is null) return ApiErrors.NotFound("Automation");
            var lead = body["lead"] as JsonObject;
            if (lead is null || lead.Count == 0) errors.Add("lead", "The lead field is required.");
            var listUuid = EndpointSupport.RequiredString(body, "list_uuid", errors);
            var list = store.FindList(listUuid);
            if (listUuid is not null && list is null) errors.Add("list_uuid", "The selected list uuid is invalid.");
            var values = lead is null ? [] : LeadWrites.Parse(lead, "lead.", errors, allowLinkedinId: true);
            if (lead is { Count: > 0 } && !values.ContainsKey("linkedin_id") && !errors.Has("lead.linkedin_id"))
            {
                errors.Add("lead.linkedin_id", "The lead.linkedin id field is required.");
            }
            if (values.TryGetValue("linkedin_id", out var given) && given is null) errors.Add("lead.linkedin_id", "The lead.linkedin id field is required.");
            var customFields = LeadWrites.ParseCustomFields(store, body["custom_fields"], errors);
            var update = LeadEndpoints.Flag(body, "update_lead_if_exists", true, errors);
            var move = LeadEndpoints.Flag(body, "move_to_list", false, errors);
            var skip = LeadEndpoints.Flag(body, "skip_if_lead_exists", false, errors);
            var segment = EndpointSupport.OptionalInt(body, "flow_segment_id", errors);
            if (segment is < 1) errors.Add("flow_segment_id", "The flow segment id must be at least 1.");
            if (errors.Any) return errors.ToResult();

            if (skip && LeadWrites.FindDuplicate(store, LinkedinId.Parse(values["linkedin_id"]!), values) is not null)
            {
                // The document: 200 with {reason: skipped} when the contact already exists.
                return ApiResult.Json(new JsonObject { ["reason"] = "skipped" });
            }
            var (contact, _) = LeadWrites.Upsert(store, list!, values, customFields, update, move);
            store.Mutate(contact, c => store.EnrolInFlow(flow.Uuid, c.Uuid));
            return ApiResult.NoContent();
        }
    }

    private static ApiResult Cancel(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var uuids = EndpointSupport.StringArray(body["flow_uuids"], "flow_uuids", errors, required: true);
        var store = req.Team;
        lock (store.Gate)
        {
            var flows = new List<Flow>();
            foreach (var uuid in uuids ?? [])
            {
                if (store.FindFlow(uuid.Trim()) is { } flow) flows.Add(flow);
                else errors.Add("flow_uuids", "The selected flow uuids is invalid.");
            }
            if (errors.Any) return errors.ToResult();
            var contact = store.FindContact(req.Id);
            if (contact is null) return ApiErrors.NotFound("Lead");
            store.Mutate(contact, c => flows.Aggregate(false, (changed, f) => store.CancelInFlow(f.Uuid, c.Uuid) | changed));
            return ApiResult.NoContent();
        }
    }

    private static ApiResult CancelAll(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var contact = store.FindContact(req.Id);
            if (contact is null) return ApiErrors.NotFound("Lead");
            var flows = store.FlowLeads.Where(m => m.IsActive && m.LeadUuid.Equals(contact.Uuid, StringComparison.OrdinalIgnoreCase)).Select(m => m.FlowUuid).ToList();
            store.Mutate(contact, c => flows.Aggregate(false, (changed, f) => store.CancelInFlow(f, c.Uuid) | changed));
            return ApiResult.NoContent();
        }
    }

    private static ApiResult DeleteHistory(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var contact = store.FindContact(req.Id);
            var removed = contact is null ? 0 : store.FlowLeads.RemoveAll(m => m.LeadUuid.Equals(contact.Uuid, StringComparison.OrdinalIgnoreCase));
            // The document: 404 "Contact not found or no records."
            return removed == 0 ? ApiErrors.Envelope(404, "bad_request", "Contact not found or no records.") : ApiResult.NoContent();
        }
    }

    private static ApiResult Continue(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var leadUuid = EndpointSupport.RequiredString(body, "lead_uuid", errors);
        var store = req.Team;
        lock (store.Gate)
        {
            var contact = store.FindContact(leadUuid);
            if (leadUuid is not null && contact is null) errors.Add("lead_uuid", "The selected lead uuid is invalid.");
            if (errors.Any) return errors.ToResult();
            var now = store.Now();
            foreach (var record in store.FlowLeads.Where(m => m.Status == FlowLead.Paused && m.LeadUuid.Equals(contact!.Uuid, StringComparison.OrdinalIgnoreCase)))
            {
                record.Status = FlowLead.InProgress;
                record.UpdatedAt = now;
            }
            // The document: 200 "Automation resumed.", with no body, whether anything was paused or not.
            return ApiResult.Empty();
        }
    }

    private static ApiResult List(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromBody(body, req.Sandbox.Options.MaxPageSize, errors);
        var filter = body["filter"] as JsonObject ?? [];
        var flows = Set(filter, "flow_uuid", errors);
        var leads = Set(filter, "lead_uuid", errors);
        var statuses = Set(filter, "status", errors);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var records = store.FlowLeads
                .Where(m => flows is null || flows.Contains(m.FlowUuid))
                .Where(m => leads is null || leads.Contains(m.LeadUuid))
                .Where(m => statuses is null || statuses.Contains(m.Status))
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Uuid, StringComparer.Ordinal)
                .ToList();
            // The document shows data, limit, offset, total and has_more: both readings send them.
            return EndpointSupport.Page(records, limit, offset, m => m.ToJson(req.Reading), PageFields.All);
        }
    }

    /// <summary>A filter key's values as a set; null when absent (no condition). An empty array matches nothing.</summary>
    private static HashSet<string>? Set(JsonObject filter, string key, ValidationErrors errors)
    {
        if (JsonRead.IsNullOrMissing(filter, key)) return null;
        var node = filter[key];
        if (JsonRead.Kind(node) == JsonValueKind.String) return new HashSet<string>(StringComparer.OrdinalIgnoreCase) { node!.GetValue<string>() };
        var values = EndpointSupport.StringArray(node, "filter." + key, errors, required: false);
        return values is null ? null : new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
    }

    private static ApiResult Metrics(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var uuids = EndpointSupport.StringArray(body["uuids"], "uuids", errors, required: true);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var answer = new JsonObject();
            foreach (var uuid in uuids!.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                // Keyed by the automations that exist; an unknown uuid is left out.
                if (store.FindFlow(uuid) is not { } flow || answer.ContainsKey(flow.Uuid)) continue;
                var records = store.FlowLeads.Where(m => m.FlowUuid == flow.Uuid).ToList();
                var tasks = new JsonObject();
                foreach (var group in records.Where(m => m.Status == FlowLead.InProgress)
                    .GroupBy(m => _taskByNode[(m.NodeId - 1) % _taskByNode.Length]).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    tasks[group.Key] = group.Count();
                }
                answer[flow.Uuid] = new JsonObject
                {
                    ["leads_count"] = records.Count,
                    ["in_progress_leads_count"] = records.Count(m => m.Status == FlowLead.InProgress),
                    ["finished_leads_count"] = records.Count(m => m.Status == FlowLead.Finished),
                    ["failed_leads_count"] = records.Count(m => m.Status == FlowLead.Failed),
                    ["task_counts"] = tasks,
                };
            }
            return ApiResult.Json(answer);
        }
    }
}
