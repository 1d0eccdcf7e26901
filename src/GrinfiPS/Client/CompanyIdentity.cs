using System;
using System.Collections.Generic;
using System.Linq;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// What makes two companies the same one, for New-GrinfiCompany's duplicate check: the same
/// web host (of the domain or website: scheme, www., port and path aside), or the same LinkedIn
/// page; the name only when neither is known (two companies may share a name). Compared here,
/// on what the lookup returns, so a lookup that matches loosely never skips a row wrongly.
/// </summary>
internal static class CompanyIdentity
{
    /// <summary>The keys of a company to create (create field name → value).</summary>
    public static IReadOnlyList<string> Keys(IReadOnlyDictionary<string, string> fields) =>
        Keys(fields.TryGetValue("domain", out var d) ? d : null, fields.TryGetValue("website", out var w) ? w : null,
            fields.TryGetValue("linkedin", out var l) ? l : null, fields.TryGetValue("name", out var n) ? n : null, alwaysName: false);

    /// <summary>The keys of an existing company: its name always, so that a row known only by name finds it.</summary>
    public static IReadOnlyList<string> Keys(GrinfiCompany company) => Keys(company.Domain, company.Website, company.LinkedIn, company.Name, alwaysName: true);

    /// <summary>
    /// The lookup criteria that find a company with these fields: its website host, its LinkedIn
    /// page, and its name when it has neither.
    /// </summary>
    public static IEnumerable<CompanyLookup> Lookups(IReadOnlyDictionary<string, string> fields)
    {
        foreach (var key in Keys(fields))
        {
            var at = key.IndexOf(':');
            var (kind, value) = (key.Substring(0, at), key.Substring(at + 1));
            yield return kind switch
            {
                "host" => CompanyLookup.ByWebsite(value),
                "linkedin" => CompanyLookup.ByLinkedIn(value),
                _ => CompanyLookup.ByName(value),
            };
        }
    }

    /// <summary>The host of a website or domain, lower case, without www.; null for none.</summary>
    public static string? Host(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value!.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            text = text.Substring(scheme + 3);
        }
        var end = text.IndexOfAny(new[] { '/', '?', '#', ':' });
        if (end >= 0)
        {
            text = text.Substring(0, end);
        }
        text = text.ToLowerInvariant();
        text = text.StartsWith("www.", StringComparison.Ordinal) ? text.Substring(4) : text;
        return text.Length > 0 ? text : null;
    }

    private static IReadOnlyList<string> Keys(string? domain, string? website, string? linkedin, string? name, bool alwaysName)
    {
        var keys = new List<string>();
        foreach (var host in new[] { Host(domain), Host(website) }.Where(h => h is not null).Distinct(StringComparer.Ordinal))
        {
            keys.Add("host:" + host);
        }
        if (!string.IsNullOrWhiteSpace(linkedin))
        {
            keys.Add("linkedin:" + CompanyLookup.CompanyHandle(linkedin!.Trim()).ToLowerInvariant());
        }
        if ((keys.Count == 0 || alwaysName) && !string.IsNullOrWhiteSpace(name))
        {
            keys.Add("name:" + name!.Trim().ToLowerInvariant());
        }
        return keys;
    }
}
