using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// Which contacts a mass action, count or export means: <c>{"ids": [...]}</c>,
/// <c>{"all": false, "ids": [...], "excludeIds": [...]}</c>, or <c>{"all": true, field filters}</c>.
/// </summary>
internal sealed class ContactSelection
{
    private static readonly HashSet<string> _selectorKeys = new(StringComparer.Ordinal) { "all", "ids", "excludeIds" };

    private ContactSelection(List<string>? ids, HashSet<string> excluded, LeadFilter? filter)
    {
        Ids = ids;
        Excluded = excluded;
        Filter = filter;
    }

    /// <summary>Given ids (when not selecting all).</summary>
    public List<string>? Ids { get; }

    public HashSet<string> Excluded { get; }

    /// <summary>Field filters (when selecting all).</summary>
    public LeadFilter? Filter { get; }

    /// <summary>
    /// Parses a selection. With <paramref name="requireSelector"/> (mass actions) a filter
    /// with neither ids nor <c>all: true</c> is a 422 <c>filter</c>; otherwise (count,
    /// export) it means "all contacts matching the field filters".
    /// </summary>
    public static ContactSelection Parse(JsonNode? node, bool requireSelector, int? maxIds)
    {
        if (node is null || node is JsonArray { Count: 0 })
        {
            if (requireSelector) throw new ValidationException("filter", "The filter field is required.");
            return new ContactSelection(null, [], LeadFilter.Empty);
        }
        if (node is not JsonObject obj) throw new ValidationException("filter", "The filter must be an object.");

        var all = false;
        if (!JsonRead.IsNullOrMissing(obj, "all") && !JsonRead.TryBoolean(obj["all"], out all))
        {
            throw new ValidationException("filter.all", "The filter.all field must be true or false.");
        }
        var errors = new ValidationErrors();
        var ids = EndpointSupport.StringArray(obj["ids"], "filter.ids", errors, required: false);
        var excluded = EndpointSupport.StringArray(obj["excludeIds"], "filter.excludeIds", errors, required: false);
        if (errors.Any) throw new ValidationException(errors.Has("filter.ids") ? "filter.ids" : "filter.excludeIds", "The filter ids must be an array of strings.");
        if (maxIds is { } max && ids is not null && ids.Count > max)
        {
            throw new ValidationException("filter.ids", $"The filter.ids may not have more than {max} items.");
        }
        var excludedSet = (excluded ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase);

        if (all) return new ContactSelection(null, excludedSet, LeadFilter.Parse(obj, _selectorKeys.Contains));
        if (ids is { Count: > 0 }) return new ContactSelection(ids, excludedSet, null);
        if (requireSelector) throw new ValidationException("filter", "The filter must give ids or all: true.");
        return new ContactSelection(null, excludedSet, LeadFilter.Parse(obj, _selectorKeys.Contains));
    }

    /// <summary>The selected contacts that exist, each once: given ids in their order, else the default order. Call under the lock.</summary>
    public List<Contact> Resolve(TeamStore store)
    {
        if (Ids is null)
        {
            var matches = LeadQuery.All(store, Filter ?? LeadFilter.Empty);
            if (Excluded.Count > 0) matches.RemoveAll(c => Excluded.Contains(c.Uuid));
            return matches;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Contact>(Ids.Count);
        foreach (var id in Ids)
        {
            if (Excluded.Contains(id)) continue;
            if (store.FindContact(id) is { } c && seen.Add(c.Uuid)) result.Add(c);
        }
        return result;
    }
}
