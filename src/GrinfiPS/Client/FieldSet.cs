using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Client;

/// <summary>
/// The fields of one kind of record as searches need them: how a field's values compare, the
/// names users may write for it (the API's or our property names), close names for a typo, and
/// which fields hold UUID lists (a condition on them means "holds any of"). Contacts and
/// companies share one filter language, one keyset pager and one guard against a server that
/// ignores a filter; each brings its own field set.
/// </summary>
internal sealed class FieldSet
{
    private readonly Func<string, FieldKind> _kindOf;
    private readonly TryResolveField _resolve;
    private readonly Func<string, IReadOnlyList<string>> _suggest;
    private readonly HashSet<string> _uuidLists;

    private FieldSet(string record, string item, string items, string example, Func<string, FieldKind> kindOf, TryResolveField resolve,
        Func<string, IReadOnlyList<string>> suggest, IEnumerable<string> sortable, params string[] uuidLists)
    {
        Record = record;
        Item = item;
        Items = items;
        Example = example;
        _kindOf = kindOf;
        _resolve = resolve;
        _suggest = suggest;
        SortableNames = sortable.ToList();
        _uuidLists = new HashSet<string>(uuidLists, StringComparer.Ordinal);
    }

    private delegate bool TryResolveField(string name, out string apiName, out FieldKind kind);

    /// <summary>Contacts (<see cref="LeadFields"/>).</summary>
    public static FieldSet Leads { get; } = new("lead", "contact", "contacts", "company_name", LeadFields.KindOf, LeadFields.TryResolve,
        n => LeadFields.Suggest(n), LeadFields.SortableNames, "tags");

    /// <summary>Companies (<see cref="CompanyFields"/>): a company is in several lists, so lists is a UUID list as tags are.</summary>
    public static FieldSet Companies { get; } = new("company", "company", "companies", "industry", CompanyFields.KindOf, CompanyFields.TryResolve,
        CompanyFields.Suggest, CompanyFields.SortableNames, "lists", "tags");

    /// <summary>What the fields belong to, for "is not a lead field": lead, company.</summary>
    public string Record { get; }

    /// <summary>One record, in messages: contact, company.</summary>
    public string Item { get; }

    /// <summary>Several records, in messages: contacts, companies.</summary>
    public string Items { get; }

    /// <summary>A field to suggest in fixes: company_name, industry.</summary>
    public string Example { get; }

    /// <summary>Fields -SortBy takes.</summary>
    public IReadOnlyList<string> SortableNames { get; }

    /// <summary>How a field's values compare; Text for fields this module does not know.</summary>
    public FieldKind KindOf(string apiName) => _kindOf(apiName);

    /// <summary>The field a name means, written as the API or as our property names.</summary>
    public bool TryResolve(string name, out string apiName, out FieldKind kind) => _resolve(name, out apiName, out kind);

    /// <summary>Fields close to a misspelt name.</summary>
    public IReadOnlyList<string> Suggest(string name) => _suggest(name);

    /// <summary>Whether the field holds a list of UUIDs (tags; a company's lists): a value means "holds it".</summary>
    public bool HoldsUuids(string apiName) => _uuidLists.Contains(apiName);

    /// <summary>The API field a -SortBy value names; a list field, or an unknown one unless allowed, is an error saying why.</summary>
    /// <exception cref="GrinfiException">GrinfiInvalidSortField.</exception>
    public string SortField(string sortBy, bool allowUnknown)
    {
        if (TryResolve(sortBy, out var field, out var kind))
        {
            return kind != FieldKind.Array
                ? field
                : throw GrinfiException.InvalidInput("GrinfiInvalidSortField", $"-SortBy '{sortBy}' is a list field, which cannot be sorted by.",
                    sortBy, "Sort by a single-valued field such as created_at, updated_at or name.");
        }
        if (allowUnknown)
        {
            return sortBy;
        }
        var close = Suggest(sortBy);
        throw GrinfiException.InvalidInput("GrinfiInvalidSortField",
            $"-SortBy '{sortBy}' is not a {Record} field." + (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : ""),
            sortBy, $"Sort by a {Record} field such as created_at, updated_at or name; add -AllowUnknownField for a field GrinfiPS does not know yet.");
    }
}
