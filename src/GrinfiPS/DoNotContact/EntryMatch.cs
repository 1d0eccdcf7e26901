using System;
using GrinfiPS.Client;
using GrinfiPS.Leads;
using GrinfiPS.Model;

namespace GrinfiPS.DoNotContact;

/// <summary>
/// Whether a do-not-contact entry is about a value. The API has no search on its lists, so
/// Get- and Remove- read the list and compare here: emails ignoring case, LinkedIn values as
/// profiles (a URL and a handle of one person match), domains as hosts (www.acme.com is acme.com).
/// </summary>
internal static class EntryMatch
{
    public static bool Matches(GrinfiDoNotContact entry, BlockedValue value) => value.Field switch
    {
        BlockedValue.EmailField => Same(entry.Email, value.Value)
            || (EmailAddresses.TryParse(entry.Email, out var email, out _) && Same(email, value.Value)),
        BlockedValue.LinkedInField => Same(entry.LinkedIn, value.Value)
            || (LinkedInIds.TryParse(entry.LinkedIn, out var handle, out _) && handle!.Kind == LinkedInIdKind.Handle && handle.Value == value.Value),
        BlockedValue.MemberIdField => string.Equals(entry.LnId?.Trim(), value.Value, StringComparison.Ordinal)
            || (LinkedInIds.TryParse(entry.LinkedIn, out var id, out _) && id!.Kind == LinkedInIdKind.MemberId && id.Value == value.Value),
        _ => false,
    };

    public static bool Matches(GrinfiCompanyDoNotContact entry, BlockedValue value) =>
        value.Field == BlockedValue.DomainField
        && (Same(entry.Domain, value.Value) || (CellValues.TryGetHost(entry.Domain, out var host, out _) && host == value.Value));

    /// <summary>
    /// An entry made by name (in the web app) matches a contact of that name, and of that
    /// company when the entry names one.
    /// </summary>
    public static bool MatchesName(GrinfiDoNotContact entry, string? name, string? companyName) =>
        !string.IsNullOrWhiteSpace(entry.Name) && Same(entry.Name, name)
        && (string.IsNullOrWhiteSpace(entry.CompanyName) || Same(entry.CompanyName, companyName));

    private static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
