using System.Collections.Generic;
using System.Linq;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>
/// What Sync-GrinfiLead matches rows and contacts by, compared as the API stores it: a LinkedIn
/// value (URL, handle or member id) against the contact's linkedin, ln_id and sn_id after
/// normalising, or an email against its work and personal email, trimmed; any letter case.
/// The write-only fields (linkedin_id, email) are never compared: only what a contact holds.
/// </summary>
internal sealed class SyncKey
{
    private SyncKey(string name) => Name = name;

    public static SyncKey LinkedIn { get; } = new("LinkedIn");

    public static SyncKey Email { get; } = new("Email");

    public string Name { get; }

    /// <summary>The row's key ("h:jane-doe", "m:ACoAA...", "e:jane@acme.com"), or null when it has none.</summary>
    public string? KeyOf(LeadRow row) => this == LinkedIn
        ? LinkedInOf(row) is { } id ? Tagged(id) : null
        : row.Fields.TryGetValue("email", out var email) && email.Trim().Length > 0 ? "e:" + email.Trim().ToLowerInvariant() : null;

    /// <summary>
    /// The row's LinkedIn value: its LinkedIn column, or else its member id or Sales Navigator id
    /// column (a file exported from Grinfi has LnId for contacts without a profile URL).
    /// </summary>
    private static LinkedInProfileId? LinkedInOf(LeadRow row)
    {
        if (row.LinkedIn is { } id)
        {
            return id;
        }
        foreach (var field in new[] { "ln_id", "sn_id" })
        {
            if (row.Fields.TryGetValue(field, out var value) && LinkedInIds.TryParse(value, out var parsed, out _))
            {
                return parsed;
            }
        }
        return null;
    }

    /// <summary>Every key a contact answers to.</summary>
    public IEnumerable<string> KeysOf(GrinfiLead lead)
    {
        if (this == Email)
        {
            return new[] { lead.WorkEmail, lead.PersonalEmail }.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => "e:" + e!.Trim().ToLowerInvariant());
        }
        var keys = new List<string>();
        foreach (var stored in new[] { lead.LinkedIn, lead.LnId, lead.SnId })
        {
            if (LinkedInIds.TryParse(stored, out var id, out _))
            {
                keys.Add(Tagged(id!));
            }
        }
        return keys;
    }

    public override string ToString() => Name;

    private static string Tagged(LinkedInProfileId id) => id.Kind switch
    {
        LinkedInIdKind.Handle => "h:",
        LinkedInIdKind.MemberId => "m:",
        LinkedInIdKind.SalesNavigatorId => "s:",
        _ => "n:",
    } + id.Value.ToLowerInvariant();
}
