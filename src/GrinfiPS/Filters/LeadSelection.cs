using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Filters;

/// <summary>
/// The contacts a command selects: -Filter AND -List AND -PipelineStage AND -Tag, as one API
/// filter. Shared by every cmdlet that selects contacts, so they all check alike.
/// </summary>
internal sealed class LeadSelection
{
    public object? Filter { get; init; }

    public IReadOnlyList<ListPipeBind>? Lists { get; init; }

    public IReadOnlyList<PipelineStagePipeBind>? Stages { get; init; }

    public IReadOnlyList<TagPipeBind>? Tags { get; init; }

    public bool AllowUnknownField { get; init; }

    /// <summary>Checks the filter locally (no request); throws with the field and the fix.</summary>
    public JsonObject ConvertFilter() => FilterConverter.Convert(Filter, AllowUnknownField);

    /// <summary>The whole selection as an API filter; names are resolved through the connection's cache.</summary>
    public async Task<JsonObject> ToFilterAsync(GrinfiConnection connection, CallContext ctx)
    {
        var filter = ConvertFilter();
        var cache = connection.Cache;
        FilterConverter.AddIdentity(filter, "list_uuid", await ResolveAll(Lists, cache.Lists, "List", ctx).ConfigureAwait(false), "List");
        FilterConverter.AddIdentity(filter, "pipeline_stage_uuid", await ResolveAll(Stages, cache.LeadStages, "PipelineStage", ctx).ConfigureAwait(false), "PipelineStage");
        FilterConverter.AddIdentity(filter, "tags", await ResolveAll(Tags, cache.Tags, "Tag", ctx).ConfigureAwait(false), "Tag");
        return filter;
    }

    private static async Task<IReadOnlyList<string>> ResolveAll<T>(IReadOnlyList<NamedPipeBind<T>>? binds, NameCache<T> cache, string parameter, CallContext ctx)
        where T : GrinfiNamedObject
    {
        var uuids = new List<string>();
        foreach (var bind in binds ?? Enumerable.Empty<NamedPipeBind<T>>())
        {
            uuids.Add(await bind.ResolveUuidAsync(cache, parameter, ctx).ConfigureAwait(false));
        }
        return uuids.Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
    }
}
