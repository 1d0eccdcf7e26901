using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary><c>PUT /leads/api/leads/mass-action</c>: the contract's eleven action types.</summary>
internal static class MassActionEndpoints
{
    public static void Map(Router r) => r.Map("PUT", "/leads/api/leads/mass-action", MassAction);

    private static ApiResult MassAction(ApiRequest req)
    {
        var body = req.Object();
        var type = JsonRead.Kind(body["type"]) == JsonValueKind.String ? body["type"]!.GetValue<string>() : null;
        if (type is null) return ApiErrors.Validation("type", "The type field is required.");
        var payload = body["payload"] as JsonObject ?? [];
        var store = req.Team;
        lock (store.Gate)
        {
            // Type and payload first, as the real validator reports them, then the selection.
            var action = Prepare(type, payload, store);
            if (action is null) return ApiErrors.Validation("type", "The selected type is invalid.");
            if (action.Errors.Any) return action.Errors.ToResult();
            var selection = ContactSelection.Parse(body["filter"], requireSelector: true, req.Sandbox.Options.MaxMassActionIds);
            var contacts = selection.Resolve(store);
            var affected = new JsonArray(contacts.Select(c => (JsonNode?)c.Uuid).ToArray());

            switch (type)
            {
                case "contact_delete":
                    LeadEndpoints.ScheduleDelete(req.Sandbox, store, contacts);
                    break;
                case "contact_export_csv":
                    var export = FileEndpoints.CreateExport(store, contacts, body["filter"], req.Sandbox.Options.ExportDelayMs);
                    return req.Reading == SandboxReading.Minimal
                        ? ApiResult.Empty()
                        : ApiResult.Json(new JsonObject { ["count"] = contacts.Count, ["data"] = new JsonObject { ["uuid"] = export.Uuid } });
                default:
                    foreach (var c in contacts) store.Mutate(c, action.Change!);
                    break;
            }
            // The document: "200 Action executed", with no body.
            return req.Reading == SandboxReading.Minimal
                ? ApiResult.Empty()
                : ApiResult.Json(new JsonObject { ["count"] = contacts.Count, ["data"] = affected });
        }
    }

    /// <summary>Validates the payload for a type and builds the change; null for an unknown type.</summary>
    private static Action? Prepare(string type, JsonObject payload, TeamStore store)
    {
        var errors = new ValidationErrors();
        var action = new Action(errors);
        switch (type)
        {
            case "contact_add_tags":
            {
                var tag = Existing(payload, "tag_uuid", errors, u => store.FindTag(u)?.Uuid);
                action.Change = c => tag is not null && !c.Tags.Contains(tag) && Do(() => c.Tags.Add(tag));
                break;
            }
            case "contact_remove_tags":
            {
                var tag = Existing(payload, "tag_uuid", errors, u => store.FindTag(u)?.Uuid);
                action.Change = c => tag is not null && c.Tags.Remove(tag);
                break;
            }
            case "contact_replace_tags":
            {
                var tags = ExistingMany(payload, "tag_uuids", errors, u => store.FindTag(u)?.Uuid);
                action.Change = c =>
                {
                    if (tags is null || c.Tags.SequenceEqual(tags)) return false;
                    c.Tags = [.. tags];
                    return true;
                };
                break;
            }
            case "contact_change_list":
            {
                var list = Existing(payload, "list_uuid", errors, u => store.FindList(u)?.Uuid);
                action.Change = c => list is not null && c.ListUuid != list && Do(() => c.ListUuid = list);
                break;
            }
            case "contact_change_pipeline_stage":
            {
                var stage = Existing(payload, "pipeline_stage_uuid", errors,
                    u => store.FindStage(u) is { Object: "lead" } s ? s.Uuid : null);
                action.Change = c => stage is not null && c.PipelineStageUuid != stage && Do(() => c.PipelineStageUuid = stage);
                break;
            }
            case "contact_change_custom_field":
            {
                var field = Existing(payload, "custom_field_uuid", errors,
                    u => store.FindField(u) is { Object: "lead" } f ? f.Uuid : null);
                CustomValue? value = null;
                if (!payload.ContainsKey("value")) errors.Add("payload.value", "The payload.value field must be present.");
                else if (!LeadWrites.TryCustomValue(payload["value"], out value)) errors.Add("payload.value", "The payload.value must be a string, number, boolean or null.");
                action.Change = c => field is not null && LeadWrites.SetCustomField(c, field, value);
                break;
            }
            case "contact_add_to_flow":
            {
                // Memberships live beside the contact, but joining or leaving a flow still
                // counts as a change to it (updated_at moves), as it would for the real lead.
                var flow = Existing(payload, "flow_uuid", errors, u => store.FindFlow(u)?.Uuid);
                action.Change = c => flow is not null && store.EnrolInFlow(flow, c.Uuid);
                break;
            }
            case "contact_cancel_from_flows":
            {
                var flows = ExistingMany(payload, "flow_uuids", errors, u => store.FindFlow(u)?.Uuid);
                action.Change = c => flows is not null && flows.Aggregate(false, (changed, f) => store.CancelInFlow(f, c.Uuid) | changed);
                break;
            }
            case "contact_mark_read":
                action.Change = c => c.UnreadCounts.Length > 0 && Do(() => c.UnreadCounts = []);
                break;
            case "contact_delete" or "contact_export_csv":
                break;
            default:
                // The older names (contact_assign_tag, contact_remove_tag, contact_move_to_list) land here too.
                return null;
        }
        return action;
    }

    private static string? Existing(JsonObject payload, string key, ValidationErrors errors, Func<string, string?> find)
    {
        var name = "payload." + key;
        var node = payload[key];
        if (JsonRead.Kind(node) != JsonValueKind.String || node!.GetValue<string>().Trim().Length == 0)
        {
            errors.Add(name, node is null ? $"The {name} field is required." : $"The {name} must be a string.");
            return null;
        }
        var found = find(node.GetValue<string>().Trim());
        if (found is null) errors.Add(name, $"The selected {name} is invalid.");
        return found;
    }

    private static List<string>? ExistingMany(JsonObject payload, string key, ValidationErrors errors, Func<string, string?> find)
    {
        var name = "payload." + key;
        var items = EndpointSupport.StringArray(payload[key], name, errors, required: true);
        if (items is null) return null;
        var found = new List<string>();
        foreach (var item in items)
        {
            var uuid = find(item.Trim());
            if (uuid is null)
            {
                errors.Add(name, $"The selected {name} is invalid.");
                return null;
            }
            if (!found.Contains(uuid)) found.Add(uuid);
        }
        return found;
    }

    private static bool Do(System.Action change)
    {
        change();
        return true;
    }

    /// <summary>A validated action: its errors, and the change to apply per contact.</summary>
    private sealed class Action(ValidationErrors errors)
    {
        public ValidationErrors Errors { get; } = errors;

        public Func<Contact, bool>? Change { get; set; }
    }
}
