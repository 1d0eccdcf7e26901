using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Leads;

/// <summary>The API's mass-action types, their payloads, and the older names scripts still use.</summary>
internal static class MassActions
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

    public static string TypeOf(GrinfiMassAction action) => s_types[action].Type;

    /// <summary>Payload keys the action needs.</summary>
    public static IReadOnlyList<string> PayloadKeys(GrinfiMassAction action) => s_types[action].PayloadKeys;

    public static bool IsKnownType(string type) => s_types.Values.Any(t => t.Type == type);

    /// <summary>One AddTag or RemoveTag action per tag (the payload takes one tag).</summary>
    public static async Task<List<PlannedAction>> TagActionsAsync(GrinfiMassAction action, IEnumerable<TagPipeBind> tags,
        ConnectionCache cache, string parameterName, CallContext ctx)
    {
        var verb = action == GrinfiMassAction.AddTag ? "Add" : "Remove";
        var plan = new List<PlannedAction>();
        foreach (var bind in tags)
        {
            var tag = await bind.ResolveAsync(cache.Tags, parameterName, ctx).ConfigureAwait(false);
            plan.Add(new PlannedAction(action.ToString(), TypeOf(action), new JsonObject { ["tag_uuid"] = tag.Uuid }, $"{verb} tag '{tag.Name}'"));
        }
        return plan;
    }

    public static PlannedAction MoveToList(GrinfiList list) =>
        new(nameof(GrinfiMassAction.MoveToList), TypeOf(GrinfiMassAction.MoveToList), new JsonObject { ["list_uuid"] = list.Uuid }, $"Move to list '{list.Name}'");

    public static PlannedAction ChangePipelineStage(GrinfiPipelineStage stage) =>
        new(nameof(GrinfiMassAction.ChangePipelineStage), TypeOf(GrinfiMassAction.ChangePipelineStage),
            new JsonObject { ["pipeline_stage_uuid"] = stage.Uuid }, $"Change pipeline stage to '{stage.Name}'");

    /// <summary>The friendly action for a wire type, today's or an older name.</summary>
    public static GrinfiMassAction? FromType(string type) =>
        s_legacy.TryGetValue(type, out var legacy) ? legacy
        : s_types.Where(t => string.Equals(t.Value.Type, type, StringComparison.OrdinalIgnoreCase)).Select(t => (GrinfiMassAction?)t.Key).FirstOrDefault();
}
