using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Client;

/// <summary>How a lead field's values compare and what a filter on it may hold.</summary>
internal enum FieldKind
{
    Text,
    Uuid,
    Number,
    Date,
    Array,
}

/// <summary>
/// The lead fields this module knows, by API name. Filters and -SortBy are checked against
/// them so that a typo (emial) is an error, not a filter the server silently ignores, which
/// would widen a delete to every contact.
/// </summary>
internal static class LeadFields
{
    private static readonly Dictionary<string, FieldKind> s_kinds = new(StringComparer.Ordinal)
    {
        ["uuid"] = FieldKind.Uuid,
        ["team_id"] = FieldKind.Number,
        ["user_id"] = FieldKind.Number,
        ["list_uuid"] = FieldKind.Uuid,
        ["pipeline_stage_uuid"] = FieldKind.Uuid,
        ["company_uuid"] = FieldKind.Uuid,
        ["sender_profile_uuid"] = FieldKind.Uuid,
        ["data_source_uuid"] = FieldKind.Uuid,
        ["name"] = FieldKind.Text,
        ["first_name"] = FieldKind.Text,
        ["last_name"] = FieldKind.Text,
        ["company_name"] = FieldKind.Text,
        ["position"] = FieldKind.Text,
        ["headline"] = FieldKind.Text,
        ["about"] = FieldKind.Text,
        ["avatar_url"] = FieldKind.Text,
        ["ln_id"] = FieldKind.Text,
        ["sn_id"] = FieldKind.Text,
        ["linkedin"] = FieldKind.Text,
        ["facebook"] = FieldKind.Text,
        ["twitter"] = FieldKind.Text,
        ["work_email"] = FieldKind.Text,
        ["personal_email"] = FieldKind.Text,
        ["work_phone_number"] = FieldKind.Text,
        ["personal_phone_number"] = FieldKind.Text,
        ["connections_number"] = FieldKind.Number,
        ["followers_number"] = FieldKind.Number,
        ["raw_address"] = FieldKind.Text,
        ["location"] = FieldKind.Array,
        ["experience"] = FieldKind.Array,
        ["educations"] = FieldKind.Array,
        ["posts"] = FieldKind.Array,
        ["skills"] = FieldKind.Array,
        ["tags"] = FieldKind.Array,
        ["status"] = FieldKind.Text,
        ["linkedin_status"] = FieldKind.Text,
        ["email_status"] = FieldKind.Text,
        ["unread_counts"] = FieldKind.Array,
        ["last_automation_approve_at"] = FieldKind.Date,
        ["created_at"] = FieldKind.Date,
        ["updated_at"] = FieldKind.Date,
    };

    // "CompanyName", "companyname" and "company_name" all mean company_name: users write
    // filters with the property names they see on GrinfiLead.
    private static readonly Dictionary<string, string> s_byLooseName =
        s_kinds.Keys.ToDictionary(Loose, k => k, StringComparer.Ordinal);

    /// <summary>Every known field, by API name.</summary>
    public static IEnumerable<string> Names => s_kinds.Keys;

    /// <summary>Fields -SortBy accepts: every scalar field.</summary>
    public static IEnumerable<string> SortableNames => s_kinds.Where(k => k.Value != FieldKind.Array).Select(k => k.Key);

    /// <summary>The API name and kind for a field written as the API or as our property names.</summary>
    public static bool TryResolve(string name, out string apiName, out FieldKind kind)
    {
        if (s_byLooseName.TryGetValue(Loose(name), out var found))
        {
            apiName = found;
            kind = s_kinds[found];
            return true;
        }
        apiName = name;
        kind = FieldKind.Text;
        return false;
    }

    /// <summary>The kind of a field, Text for fields this module does not know.</summary>
    public static FieldKind KindOf(string apiName) => s_kinds.TryGetValue(apiName, out var kind) ? kind : FieldKind.Text;

    /// <summary>
    /// Known field names close to a misspelt one. A field also matches by its parts, so
    /// "emial" suggests work_email and personal_email.
    /// </summary>
    public static IReadOnlyList<string> Suggest(string name)
    {
        var wanted = name.ToLowerInvariant().Replace(" ", "_").Replace("-", "_");
        return s_kinds.Keys
            .Select(k => (Name: k, Distance: Math.Min(
                Fuzzy.EditDistance(k, wanted),
                PartDistance(k, wanted))))
            .Where(x => x.Distance <= Math.Max(2, wanted.Length / 3))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Name)
            .ToList();
    }

    // Matching a part costs one more than matching the whole, and a part that is not the last
    // (the noun: work_EMAIL) one more again.
    private static int PartDistance(string field, string wanted)
    {
        var parts = field.Split('_');
        return parts.Select((part, i) => Fuzzy.EditDistance(part, wanted) + (i == parts.Length - 1 ? 1 : 2)).Min();
    }

    private static string Loose(string name) => name.Replace("_", "").Replace("-", "").Replace(" ", "").ToLowerInvariant();
}
