using System.Collections.Generic;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Leads;

/// <summary>The planned actions the cmdlets share: tags, list moves and stage changes, named for prompts.</summary>
internal static class MassActionPlans
{
    /// <summary>One AddTag or RemoveTag action per tag (the payload takes one tag).</summary>
    public static async Task<List<PlannedAction>> TagActionsAsync(GrinfiMassAction action, IEnumerable<TagPipeBind> tags,
        ConnectionCache cache, string parameterName, CallContext ctx)
    {
        var plan = new List<PlannedAction>();
        foreach (var bind in tags)
        {
            var tag = await bind.ResolveAsync(cache.Tags, parameterName, ctx).ConfigureAwait(false);
            plan.Add(action == GrinfiMassAction.AddTag ? AddTag(tag) : RemoveTag(tag));
        }
        return plan;
    }

    public static PlannedAction AddTag(GrinfiTag tag) => new(nameof(GrinfiMassAction.AddTag), MassAction.AddTag(tag.Uuid), $"Add tag '{tag.Name}'");

    public static PlannedAction RemoveTag(GrinfiTag tag) => new(nameof(GrinfiMassAction.RemoveTag), MassAction.RemoveTag(tag.Uuid), $"Remove tag '{tag.Name}'");

    public static PlannedAction MoveToList(GrinfiList list) =>
        new(nameof(GrinfiMassAction.MoveToList), MassAction.MoveToList(list.Uuid), $"Move to list '{list.Name}'");

    public static PlannedAction ChangePipelineStage(GrinfiPipelineStage stage) =>
        new(nameof(GrinfiMassAction.ChangePipelineStage), MassAction.ChangePipelineStage(stage.Uuid), $"Change pipeline stage to '{stage.Name}'");

    public static PlannedAction SetCustomField(GrinfiCustomField field, string? value) =>
        new(nameof(GrinfiMassAction.SetCustomField), MassAction.SetCustomField(field.Uuid, value),
            value is null ? $"Clear custom field '{field.Name}'" : $"Set custom field '{field.Name}' to '{value}'");
}
