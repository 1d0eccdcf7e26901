using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>
/// Which contacts a count, a mass action or an export is about: given contacts (ids), the
/// contacts a field filter matches, or every contact of the team. The one place that turns
/// "which contacts" into the forms the API takes, so no two calls shape it differently.
/// A company mass action takes the same forms, so given companies are a selection by ids too.
/// </summary>
internal sealed class ContactSelection
{
    private ContactSelection(SelectionKind kind, IReadOnlyList<string> ids, JsonObject filter)
    {
        Kind = kind;
        Ids = ids;
        Filter = filter;
    }

    public enum SelectionKind
    {
        Ids,
        Filter,
        All,
    }

    public SelectionKind Kind { get; }

    /// <summary>The contacts' UUIDs (kind Ids).</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>The field conditions (kind Filter; empty otherwise).</summary>
    public JsonObject Filter { get; }

    /// <summary>Every contact of the team. Only this means everything: an empty filter never does.</summary>
    public static ContactSelection Everyone { get; } = new(SelectionKind.All, Array.Empty<string>(), new JsonObject());

    /// <summary>Given contacts, each once.</summary>
    public static ContactSelection OfIds(IEnumerable<string> ids)
    {
        var list = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return list.Count > 0
            ? new ContactSelection(SelectionKind.Ids, list, new JsonObject())
            : throw new ArgumentException("A selection of contacts by id needs at least one id.", nameof(ids));
    }

    /// <summary>The contacts a field filter matches; an empty filter is refused, never read as "all".</summary>
    public static ContactSelection Where(JsonObject filter) => filter.Count > 0
        ? new ContactSelection(SelectionKind.Filter, Array.Empty<string>(), (JsonObject)filter.DeepClone())
        : throw new ArgumentException("An empty filter selects nothing; use ContactSelection.Everyone for every contact.", nameof(filter));

    /// <summary>
    /// What a search filter reads: the contacts it matches, or every contact when it has no
    /// conditions (as Get-GrinfiLead with no filter reads them all). For reads, counts and
    /// exports only; a mass action never takes "no conditions" as "all".
    /// </summary>
    public static ContactSelection OfSearch(JsonObject filter) => filter.Count == 0 ? Everyone : Where(filter);

    /// <summary>The contacts whose <paramref name="field"/> is (or, for tags, holds) <paramref name="value"/>.</summary>
    public static ContactSelection Where(string field, string value) => Where(new JsonObject { [field] = value });

    /// <summary>
    /// The mass action's <c>filter</c>: <c>{ids: [...]}</c> for given contacts, or
    /// <c>{all: true, ...field filters}</c> for "all matching contacts".
    /// </summary>
    public JsonObject ToMassActionFilter()
    {
        switch (Kind)
        {
            case SelectionKind.Ids:
                return new JsonObject { ["ids"] = JsonFormat.Array(Ids) };
            default:
                var filter = new JsonObject { ["all"] = true };
                foreach (var field in Filter)
                {
                    filter[field.Key] = field.Value?.DeepClone();
                }
                return filter;
        }
    }

    /// <summary>The export's <c>filter</c>: the field filter, <c>{all: true}</c> for everything, or the ids.</summary>
    public JsonObject ToExportFilter() => Kind switch
    {
        SelectionKind.All => new JsonObject { ["all"] = true },
        SelectionKind.Ids => new JsonObject { ["uuid"] = JsonFormat.Array(Ids) },
        _ => (JsonObject)Filter.DeepClone(),
    };

    public override string ToString() => Kind switch
    {
        SelectionKind.All => "every contact",
        SelectionKind.Ids => $"{Ids.Count} contact(s)",
        _ => JsonFormat.Text(Filter),
    };
}
