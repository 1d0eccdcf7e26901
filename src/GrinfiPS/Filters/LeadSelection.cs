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

    /// <summary>
    /// Loads the names <see cref="Describe"/> shows for the lists, stages and tags a filter
    /// names (each kind once per connection), so a UUID given in -Filter or -List reads as a
    /// name too, not only a name that was just resolved.
    /// </summary>
    public static async Task LoadNamesAsync(JsonObject filter, ConnectionCache cache, CallContext ctx)
    {
        if (filter.ContainsKey("list_uuid") || filter.ContainsKey("lists"))
        {
            await cache.Lists.GetAllAsync(ctx).ConfigureAwait(false);
        }
        if (filter.ContainsKey("pipeline_stage_uuid"))
        {
            await cache.LeadStages.GetAllAsync(ctx).ConfigureAwait(false);
        }
        if (filter.ContainsKey("lead_status_uuid"))
        {
            await cache.CompanyStages.GetAllAsync(ctx).ConfigureAwait(false);
        }
        if (filter.ContainsKey("tags"))
        {
            await cache.Tags.GetAllAsync(ctx).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A filter in words, with names for lists, stages and tags: "in list 'Cold outreach' with
    /// tag 'Hot' whose company_name is 'Acme'", for prompts, -WhatIf and Measure-GrinfiLead.
    /// </summary>
    public static string Describe(JsonObject filter, ConnectionCache cache)
    {
        if (filter.Count == 0)
        {
            return "every contact";
        }
        var parts = new List<string>();
        foreach (var condition in filter)
        {
            parts.Add(condition.Key switch
            {
                "list_uuid" => Named("in list", "in lists", condition.Value, u => cache.Lists.DisplayName(u)),
                "pipeline_stage_uuid" => Named("in stage", "in stages", condition.Value, u => cache.LeadStages.DisplayName(u)),
                "tags" => Named("with tag", "with any of the tags", condition.Value, u => cache.Tags.DisplayName(u)),
                _ => Field(condition.Key, condition.Value),
            });
        }
        return string.Join(" and ", parts);
    }

    internal static string Named(string one, string several, JsonNode? value, System.Func<string, string?> name)
    {
        var uuids = value is JsonArray array ? array.Select(v => v is null ? "" : JsonRead.AsString(v) ?? "").ToList() : new List<string> { JsonRead.AsString(value!) ?? "" };
        var names = uuids.Select(u => name(u) is string n ? $"'{n}'" : u).ToList();
        return (names.Count == 1 ? one : several) + " " + string.Join(", ", names);
    }

    internal static string Field(string field, JsonNode? value) => value switch
    {
        JsonValue v when JsonRead.AsString(v) == FilterAlgebra.IsNull => $"with no {field}",
        JsonValue v when JsonRead.AsString(v) == FilterAlgebra.IsNotNull => $"with a {field}",
        JsonArray array => $"whose {field} is " + string.Join(" or ", array.Select(i => $"'{(i is null ? "" : JsonRead.AsString(i))}'")),
        JsonObject operators => $"whose {field} " + string.Join(" and ", operators.Select(o => $"{o.Key} {(o.Value is null ? "null" : JsonRead.AsString(o.Value))}")),
        _ => $"whose {field} is '{(value is null ? "" : JsonRead.AsString(value))}'",
    };

    internal static async Task<IReadOnlyList<string>> ResolveAll<T>(IReadOnlyList<NamedPipeBind<T>>? binds, NameCache<T> cache, string parameter, CallContext ctx)
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
