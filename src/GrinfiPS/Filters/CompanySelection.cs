using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Filters;

/// <summary>
/// The companies a command selects: -Filter AND -List AND -PipelineStage AND -Tag AND -Search,
/// as one API filter for POST /leads/api/companies/list. The filter language and its checks
/// are the contacts' (<see cref="FilterConverter"/>), over the company fields.
/// </summary>
internal sealed class CompanySelection
{
    /// <summary>The filter key of the free-text search the company list documents.</summary>
    public const string SearchKey = "q";

    public object? Filter { get; init; }

    /// <summary>Lists: a company in any of them matches (a company can be in several).</summary>
    public IReadOnlyList<ListPipeBind>? Lists { get; init; }

    /// <summary>Company pipeline stages, looked up among the company stages.</summary>
    public IReadOnlyList<PipelineStagePipeBind>? Stages { get; init; }

    public IReadOnlyList<TagPipeBind>? Tags { get; init; }

    /// <summary>Free text for the API's own search (the filter's q): what it searches is the server's to say.</summary>
    public string? Search { get; init; }

    public bool AllowUnknownField { get; init; }

    /// <summary>Checks the filter locally (no request); throws with the field and the fix.</summary>
    public JsonObject ConvertFilter()
    {
        var filter = FilterConverter.Convert(Filter, AllowUnknownField, fields: FieldSet.Companies);
        if (Search is { Length: > 0 } text)
        {
            if (filter.ContainsKey(SearchKey))
            {
                throw GrinfiException.InvalidInput("GrinfiConflictingFilter", "-Search and -Filter both set 'q'.", text, "Use -Search for the free-text search.");
            }
            filter[SearchKey] = text;
        }
        return filter;
    }

    /// <summary>The whole selection as an API filter; names are resolved through the connection's cache.</summary>
    public async Task<JsonObject> ToFilterAsync(GrinfiConnection connection, CallContext ctx)
    {
        var filter = ConvertFilter();
        var cache = connection.Cache;
        FilterConverter.AddIdentity(filter, "lists", await LeadSelection.ResolveAll(Lists, cache.Lists, "List", ctx).ConfigureAwait(false), "List");
        FilterConverter.AddIdentity(filter, "lead_status_uuid", await LeadSelection.ResolveAll(Stages, cache.CompanyStages, "PipelineStage", ctx).ConfigureAwait(false), "PipelineStage");
        FilterConverter.AddIdentity(filter, "tags", await LeadSelection.ResolveAll(Tags, cache.Tags, "Tag", ctx).ConfigureAwait(false), "Tag");
        return filter;
    }

    /// <summary>A filter in words, with names for lists, stages and tags, for prompts and -WhatIf.</summary>
    public static string Describe(JsonObject filter, ConnectionCache cache)
    {
        if (filter.Count == 0)
        {
            return "every company";
        }
        var parts = new List<string>();
        foreach (var condition in filter)
        {
            parts.Add(condition.Key switch
            {
                "lists" => LeadSelection.Named("in list", "in any of the lists", condition.Value, u => cache.Lists.DisplayName(u)),
                "lead_status_uuid" => LeadSelection.Named("in stage", "in stages", condition.Value, u => cache.CompanyStages.DisplayName(u)),
                "tags" => LeadSelection.Named("with tag", "with any of the tags", condition.Value, u => cache.Tags.DisplayName(u)),
                SearchKey => $"found by '{(condition.Value is null ? "" : Model.JsonRead.AsString(condition.Value))}'",
                _ => LeadSelection.Field(condition.Key, condition.Value),
            });
        }
        return string.Join(" and ", parts);
    }
}
