using System.Collections.Generic;
using System.Linq;
using GrinfiPS.Client;
using GrinfiPS.Leads;
using GrinfiPS.Model;

namespace GrinfiPS.DoNotContact;

/// <summary>
/// What identifies a person to a do-not-contact list: the emails and LinkedIn profile of a
/// contact (or of a row, or the one value given), and, for finding entries made by name, the
/// contact's name and company.
/// </summary>
internal sealed class PersonIdentifiers
{
    public PersonIdentifiers(IEnumerable<BlockedValue> values, string? name = null, string? companyName = null)
    {
        Values = values.Distinct().ToList();
        Name = name;
        CompanyName = companyName;
    }

    public IReadOnlyList<BlockedValue> Values { get; }

    public string? Name { get; }

    public string? CompanyName { get; }

    /// <summary>
    /// A contact's identifiers: its work and personal emails and its LinkedIn handle (the
    /// member id too, for finding entries). Values the contact holds that are not well formed
    /// are left out: they identify nobody.
    /// </summary>
    public static PersonIdentifiers Of(GrinfiLead lead)
    {
        var values = new List<BlockedValue>();
        foreach (var email in new[] { lead.WorkEmail, lead.PersonalEmail })
        {
            if (EmailAddresses.TryParse(email, out var address, out _))
            {
                values.Add(BlockedValue.Email(address));
            }
        }
        foreach (var linkedIn in new[] { lead.LinkedIn, lead.LnId })
        {
            if (LinkedInIds.TryParse(linkedIn, out var id, out _))
            {
                if (id!.Kind == LinkedInIdKind.Handle)
                {
                    values.Add(BlockedValue.LinkedIn(id.Value));
                }
                else if (id.Kind == LinkedInIdKind.MemberId)
                {
                    values.Add(BlockedValue.MemberId(id.Value));
                }
            }
        }
        return new PersonIdentifiers(values, lead.Name, lead.CompanyName);
    }

    /// <summary>Whether an entry is about this person.</summary>
    public bool Matches(GrinfiDoNotContact entry) =>
        Values.Any(v => EntryMatch.Matches(entry, v)) || (Name is not null && EntryMatch.MatchesName(entry, Name, CompanyName));
}
