using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// One mass action as the API takes it: what it acts on (contacts or companies), its wire type
/// and payload, per the vendor's table (PUT /leads/api/leads/mass-action) and its list of
/// company types (PUT /leads/api/companies/mass-action). Made through the factories, so no
/// caller shapes a payload.
/// </summary>
internal sealed class MassAction
{
    private static readonly Dictionary<GrinfiMassAction, (string Type, string[] PayloadKeys)> s_types = new()
    {
        [GrinfiMassAction.AddTag] = ("contact_add_tags", new[] { "tag_uuid" }),
        [GrinfiMassAction.RemoveTag] = ("contact_remove_tags", new[] { "tag_uuid" }),
        [GrinfiMassAction.ReplaceTags] = ("contact_replace_tags", new[] { "tag_uuids" }),
        [GrinfiMassAction.MoveToList] = ("contact_change_list", new[] { "list_uuid" }),
        [GrinfiMassAction.ChangePipelineStage] = ("contact_change_pipeline_stage", new[] { "pipeline_stage_uuid" }),
        [GrinfiMassAction.SetCustomField] = ("contact_change_custom_field", new[] { "custom_field_uuid", "value" }),
        [GrinfiMassAction.AddToAutomation] = ("contact_add_to_flow", new[] { "flow_uuid" }),
        [GrinfiMassAction.CancelFromAutomations] = ("contact_cancel_from_flows", new[] { "flow_uuids" }),
        [GrinfiMassAction.Delete] = ("contact_delete", Array.Empty<string>()),
        [GrinfiMassAction.ExportCsv] = ("contact_export_csv", Array.Empty<string>()),
        [GrinfiMassAction.MarkRead] = ("contact_mark_read", Array.Empty<string>()),
    };

    // An earlier edition of the API reference named three types differently; same payloads.
    private static readonly Dictionary<string, GrinfiMassAction> s_legacy = new(StringComparer.OrdinalIgnoreCase)
    {
        ["contact_assign_tag"] = GrinfiMassAction.AddTag,
        ["contact_remove_tag"] = GrinfiMassAction.RemoveTag,
        ["contact_move_to_list"] = GrinfiMassAction.MoveToList,
    };

    // The document lists the company types without their payloads; its one example gives
    // company_add_tags a tag_uuid, as contact_add_tags takes. The rest follow the contact table.
    private static readonly Dictionary<GrinfiCompanyMassAction, (string Type, string[] PayloadKeys)> s_companyTypes = new()
    {
        [GrinfiCompanyMassAction.AddTag] = ("company_add_tags", new[] { "tag_uuid" }),
        [GrinfiCompanyMassAction.RemoveTag] = ("company_remove_tags", new[] { "tag_uuid" }),
        [GrinfiCompanyMassAction.ReplaceTags] = ("company_replace_tags", new[] { "tag_uuids" }),
        [GrinfiCompanyMassAction.ChangePipelineStage] = ("company_change_pipeline_stage", new[] { "pipeline_stage_uuid" }),
        [GrinfiCompanyMassAction.Delete] = ("company_delete", Array.Empty<string>()),
    };

    private MassAction(string type, JsonObject? payload, GrinfiObjectType on = GrinfiObjectType.Lead)
    {
        Type = type;
        Payload = payload;
        On = on;
    }

    /// <summary>What it acts on: contacts (PUT /leads/api/leads/mass-action) or companies (PUT /leads/api/companies/mass-action).</summary>
    public GrinfiObjectType On { get; }

    /// <summary>The wire type.</summary>
    public string Type { get; }

    /// <summary>The payload, or null for actions that take none.</summary>
    public JsonObject? Payload { get; }

    /// <summary>
    /// Whether sending it twice is harmless. Starting an automation or an export is a job that a
    /// resend would start again; tagging, moving, deleting are the same done twice.
    /// </summary>
    public bool Idempotent => Type is not ("contact_add_to_flow" or "contact_export_csv")
        && (On == GrinfiObjectType.Company ? s_companyTypes.Values.Select(t => t.Type) : s_types.Values.Select(t => t.Type)).Contains(Type);

    public static MassAction AddTag(string tagUuid) => Make(GrinfiMassAction.AddTag, new JsonObject { ["tag_uuid"] = tagUuid });

    public static MassAction RemoveTag(string tagUuid) => Make(GrinfiMassAction.RemoveTag, new JsonObject { ["tag_uuid"] = tagUuid });

    public static MassAction ReplaceTags(IEnumerable<string> tagUuids) =>
        Make(GrinfiMassAction.ReplaceTags, new JsonObject { ["tag_uuids"] = JsonFormat.Array(tagUuids) });

    public static MassAction MoveToList(string listUuid) => Make(GrinfiMassAction.MoveToList, new JsonObject { ["list_uuid"] = listUuid });

    public static MassAction ChangePipelineStage(string stageUuid) =>
        Make(GrinfiMassAction.ChangePipelineStage, new JsonObject { ["pipeline_stage_uuid"] = stageUuid });

    /// <summary>Sets (or with null clears) one custom field; the schema types values as string or null.</summary>
    public static MassAction SetCustomField(string customFieldUuid, string? value) =>
        Make(GrinfiMassAction.SetCustomField, new JsonObject { ["custom_field_uuid"] = customFieldUuid, ["value"] = value });

    public static MassAction AddToAutomation(string flowUuid) => Make(GrinfiMassAction.AddToAutomation, new JsonObject { ["flow_uuid"] = flowUuid });

    public static MassAction CancelFromAutomations(IEnumerable<string> flowUuids) =>
        Make(GrinfiMassAction.CancelFromAutomations, new JsonObject { ["flow_uuids"] = JsonFormat.Array(flowUuids) });

    public static MassAction Delete { get; } = Make(GrinfiMassAction.Delete, null);

    public static MassAction ExportCsv { get; } = Make(GrinfiMassAction.ExportCsv, null);

    public static MassAction MarkRead { get; } = Make(GrinfiMassAction.MarkRead, null);

    /// <summary>A payload the user gave as is, for a known action (checked for its keys by the caller) or a raw wire type.</summary>
    public static MassAction Raw(string type, JsonObject? payload, GrinfiObjectType on = GrinfiObjectType.Lead) => new(type, payload, on);

    public static string TypeOf(GrinfiMassAction action) => s_types[action].Type;

    /// <summary>Payload keys an action needs.</summary>
    public static IReadOnlyList<string> PayloadKeys(GrinfiMassAction action) => s_types[action].PayloadKeys;

    /// <summary>The friendly action for a wire type, today's or an older name.</summary>
    public static GrinfiMassAction? FromType(string type) =>
        s_legacy.TryGetValue(type, out var legacy) ? legacy
        : s_types.Where(t => string.Equals(t.Value.Type, type, StringComparison.OrdinalIgnoreCase)).Select(t => (GrinfiMassAction?)t.Key).FirstOrDefault();

    /// <summary>The request body for a selection of contacts.</summary>
    public JsonObject Body(ContactSelection selection)
    {
        var body = new JsonObject { ["type"] = Type, ["filter"] = selection.ToMassActionFilter() };
        if (Payload is not null)
        {
            body["payload"] = Payload.DeepClone();
        }
        return body;
    }

    private static MassAction Make(GrinfiMassAction action, JsonObject? payload) => new(s_types[action].Type, payload);

    /// <summary>The company mass actions (PUT /leads/api/companies/mass-action).</summary>
    public static class OnCompanies
    {
        public static MassAction AddTag(string tagUuid) => Make(GrinfiCompanyMassAction.AddTag, new JsonObject { ["tag_uuid"] = tagUuid });

        public static MassAction RemoveTag(string tagUuid) => Make(GrinfiCompanyMassAction.RemoveTag, new JsonObject { ["tag_uuid"] = tagUuid });

        public static MassAction ReplaceTags(IEnumerable<string> tagUuids) =>
            Make(GrinfiCompanyMassAction.ReplaceTags, new JsonObject { ["tag_uuids"] = JsonFormat.Array(tagUuids) });

        public static MassAction ChangePipelineStage(string stageUuid) =>
            Make(GrinfiCompanyMassAction.ChangePipelineStage, new JsonObject { ["pipeline_stage_uuid"] = stageUuid });

        public static MassAction Delete { get; } = Make(GrinfiCompanyMassAction.Delete, null);

        /// <summary>A payload the user gave as is, for a company action or a raw company wire type.</summary>
        public static MassAction Raw(string type, JsonObject? payload) => new(type, payload, GrinfiObjectType.Company);

        public static string TypeOf(GrinfiCompanyMassAction action) => s_companyTypes[action].Type;

        /// <summary>Payload keys a company action needs.</summary>
        public static IReadOnlyList<string> PayloadKeys(GrinfiCompanyMassAction action) => s_companyTypes[action].PayloadKeys;

        /// <summary>The friendly action for a company wire type.</summary>
        public static GrinfiCompanyMassAction? FromType(string type) =>
            s_companyTypes.Where(t => string.Equals(t.Value.Type, type, StringComparison.OrdinalIgnoreCase)).Select(t => (GrinfiCompanyMassAction?)t.Key).FirstOrDefault();

        private static MassAction Make(GrinfiCompanyMassAction action, JsonObject? payload) => new(s_companyTypes[action].Type, payload, GrinfiObjectType.Company);
    }
}
