using System;
using System.Collections.Generic;
using System.Linq;
using GrinfiPS.Client;

namespace GrinfiPS.Leads;

/// <summary>
/// The column names that mean something by themselves: the module's own (every lead field by
/// its API and property name, the Uuid, the display-only ListName, PipelineStageName and
/// TagNames) and the headers of the exports people feed in (LinkedIn Sales Navigator exporters,
/// prospecting tools, HubSpot, Salesforce, Apollo, Outlook, Google contacts). Names match after
/// <see cref="HeaderName.Normalise"/>, so each entry stands for all its spellings.
/// </summary>
/// <remarks>
/// Decisions, also in about_GrinfiPS_Columns:
/// <list type="bullet">
/// <item>A company's website (Website, Company Website, Website URL, Company Domain, Domain) writes
/// <c>domain</c> as the site's host: the API uses the domain to find work emails, and every
/// website names one. A person's own web page (Outlook's Web Page, Google's Website 1 - Value) is
/// warned instead: its host is a blog or a portfolio, not the employer's mail domain.</item>
/// <item>A full name (Full Name, fullName) is warned, never split: "Mary Ann van der Berg" has no
/// first/last boundary a program can know. Name itself is read-only: this module's objects carry
/// it, made from first_name and last_name.</item>
/// <item>LinkedIn, the property of this module's objects that holds the handle, means linkedin_id:
/// it identifies the contact for an upsert (an update writes it as linkedin).</item>
/// <item>WorkEmail means email: the API stores the email it takes as the work email.</item>
/// <item>Phone numbers, other tools' record ids, owners, stages, sources and address parts have
/// no writable field: they are named in the warning with what they are, never guessed into one.</item>
/// </list>
/// </remarks>
internal static class KnownColumns
{
    private const string Phone = "a phone number; the API takes no phone field, and WorkPhoneNumber and PersonalPhoneNumber are read-only";
    private const string RecordId = "another tool's record id; the API takes no outside ids, and a Grinfi contact is identified by its Uuid";
    private const string Owner = "the record's owner in another tool; the API takes no owner";
    private const string Stage = "a stage, status or score of another tool; the API takes none, and -PipelineStage sets a Grinfi pipeline stage";
    private const string Source = "where another tool got the contact; the API takes no source";
    private const string OtherDate = "a date kept by another tool; the API takes no such date, and Grinfi sets created_at itself";
    private const string FullName = "a full name; the API takes first_name and last_name separately, and a full name is not split by guessing";
    private const string NamePart = "a part of a name the API has no field for; it takes first_name and last_name";
    private const string SecondEmail = "a further e-mail address; the API keeps one email per contact, from the first e-mail column";
    private const string WebPage = "a person's own web page, not the company's website; its host is not the company's mail domain, so it does not become domain";
    private const string CompanyPage = "the company's LinkedIn page; the API takes no company page, and CompanyLnId is read-only";
    private const string Social = "a social profile other than LinkedIn; the API takes none, and Facebook and Twitter are read-only";
    private const string Picture = "a picture; the API takes none, and AvatarUrl is read-only";
    private const string AddressPart = "a part of an address; raw_address takes the whole address as one text, so join the parts into one column";
    private const string Labels = "labels or lists of another tool; the API takes none from a column, so use -AddTag or -List";
    internal const string CourtesyTitle = "a courtesy title such as Mr. or Dr.; this file's Job Title column is the position";

    private static readonly KnownColumn[] s_all = Build();
    private static readonly Dictionary<string, KnownColumn> s_byKey = s_all.ToDictionary(c => c.Key, StringComparer.Ordinal);

    /// <summary>Every recognised name: the explicit entries, then every lead field by its names, then the unwritable ones.</summary>
    public static IReadOnlyList<KnownColumn> All => s_all;

    /// <summary>The entry a column name matches, or null.</summary>
    public static KnownColumn? Find(string header) => s_byKey.TryGetValue(HeaderName.Normalise(header), out var known) ? known : null;

    private static KnownColumn[] Build()
    {
        var list = new List<KnownColumn>
        {
            new("Uuid", ColumnKind.Identity, null, own: true),
            new("LeadUuid", ColumnKind.Identity, null, own: true),

            // The LinkedIn profile: the upsert's identifier.
            Linked("LinkedInId", own: true),
            Linked("LinkedIn", own: true),
            Linked("LinkedIn URL"),
            Linked("LinkedIn Profile"),
            Linked("LinkedIn Profile URL"),
            Linked("Person Linkedin Url"),
            Linked("Profile URL"),
            Linked("defaultProfileUrl"),
            Linked("Sales Navigator URL"),

            Field("first_name", "Given Name"),
            Field("first_name", "First"),
            Field("last_name", "Family Name"),
            Field("last_name", "Surname"),
            Field("last_name", "Last"),
            Field("company_name", "Company"),
            Field("company_name", "Company / Account"),
            Field("company_name", "Account Name"),
            Field("company_name", "Associated Company"),
            Field("company_name", "Company Name for Emails"),
            Field("company_name", "Organization"),
            Field("company_name", "Organisation"),
            Field("company_name", "Organization Name"),
            Field("company_name", "Organization 1 - Name"),
            Field("email", "WorkEmail", own: true),
            Field("email", "Email Address"),
            Field("email", "Work Email Address"),
            Field("email", "Business Email"),
            Field("email", "Primary Email"),
            Field("email", "E-mail 1 - Value"),
            Field("position", "Title"),
            Field("position", "Job Title"),
            Field("position", "Organization Title"),
            Field("position", "Organization 1 - Title"),
            Field("about", "Summary"),
            Field("raw_address", "Address"),
            Field("raw_address", "Full Address"),
            Field("raw_address", "Mailing Address"),
            Field("raw_address", "Address 1 - Formatted"),
            Field("sn_id", "Sales Navigator ID"),

            // A company's website writes domain as its host (see the remarks).
            Site("Website"),
            Site("Website URL"),
            Site("Company Website"),
            Site("Company Website URL"),
            Site("Company Domain"),
            Site("Company Domain Name"),

            // The display-only properties of GrinfiLead.
            ReadOnly("ListName", "list_uuid", ReadOnlyDisplay.ListName),
            ReadOnly("PipelineStageName", "pipeline_stage_uuid", ReadOnlyDisplay.PipelineStageName),
            ReadOnly("TagNames", "tags", ReadOnlyDisplay.TagNames),
        };

        // Every lead field by its API and property names: writable ones write themselves, the rest
        // are read-only. Names an entry above already gives a meaning keep it (linkedin is the
        // profile, work_email the email).
        foreach (var field in LeadFields.All)
        {
            foreach (var name in new[] { field.Property, field.Name })
            {
                if (list.Any(c => c.Key == HeaderName.Normalise(name)))
                {
                    continue;
                }
                list.Add(field.Writable
                    ? new KnownColumn(name, ColumnKind.Field, field.Name, ValueOf(field.Name), own: true)
                    : new KnownColumn(name, ColumnKind.ReadOnly, field.Name, readOnly: new ReadOnlyColumn(field, ReadOnlyDisplay.Value, InsteadOf(field.Name)), own: true));
            }
        }

        list.AddRange(new[]
        {
            No("Phone", Phone), No("Phone Number", Phone), No("Mobile", Phone), No("Mobile Phone", Phone),
            No("Mobile Phone Number", Phone), No("Work Phone", Phone), No("Work Direct Phone", Phone),
            No("Business Phone", Phone), No("Business Phone 2", Phone), No("Home Phone", Phone), No("Home Phone 2", Phone),
            No("Corporate Phone", Phone), No("Company Phone", Phone), No("Company Main Phone", Phone), No("Other Phone", Phone),
            No("Primary Phone", Phone), No("First Phone", Phone), No("Phone 1 - Value", Phone), No("Car Phone", Phone),
            No("Assistant's Phone", Phone), No("Callback", Phone), No("ISDN", Phone), No("Radio Phone", Phone),
            No("TTY/TDD Phone", Phone), No("Telex", Phone), No("Pager", Phone), No("Fax", Phone), No("Business Fax", Phone),
            No("Home Fax", Phone), No("Other Fax", Phone),

            No("Id", RecordId), No("Record ID", RecordId), No("Contact ID", RecordId), No("Lead ID", RecordId),
            No("Account ID", RecordId), No("Apollo Contact Id", RecordId), No("Apollo Account Id", RecordId),
            No("companyId", RecordId), No("Associated Company ID", RecordId), No("Associated Company IDs", RecordId),
            No("Primary Associated Company ID", RecordId),

            No("Owner", Owner), No("Contact Owner", Owner), No("Lead Owner", Owner), No("Account Owner", Owner),

            No("Lifecycle Stage", Stage), No("Lead Status", Stage), No("Stage", Stage), No("Rating", Stage),
            No("Marketing Contact Status", Stage), No("Lead Source", Source), No("Original Source", Source),

            No("Create Date", OtherDate), No("Created Date", OtherDate), No("Last Activity Date", OtherDate),
            No("Last Modified Date", OtherDate), No("Last Contacted", OtherDate), No("Connected On", OtherDate),
            No("timestamp", OtherDate),

            No("Full Name", FullName),
            No("Middle Name", NamePart), No("Additional Name", NamePart), No("Name Prefix", NamePart),
            No("Name Suffix", NamePart), No("Suffix", NamePart), No("Salutation", NamePart), No("Nickname", NamePart),
            No("Initials", NamePart), No("File As", NamePart), No("Phonetic First Name", NamePart),
            No("Phonetic Middle Name", NamePart), No("Phonetic Last Name", NamePart), No("Given Name Yomi", NamePart),
            No("Family Name Yomi", NamePart),

            No("E-mail 2 Address", SecondEmail), No("E-mail 3 Address", SecondEmail), No("Secondary Email", SecondEmail),
            No("Tertiary Email", SecondEmail),

            No("Web Page", WebPage), No("Personal Website", WebPage), No("Website 1 - Value", WebPage),

            No("Company Linkedin Url", CompanyPage), No("companyUrl", CompanyPage), No("regularCompanyUrl", CompanyPage),
            No("Facebook Url", Social), No("Twitter Url", Social),
            No("Photo", Picture), No("Picture", Picture), No("profileImageUrl", Picture),

            No("Street", AddressPart), No("City", AddressPart), No("State", AddressPart), No("Country", AddressPart),
            No("Zip", AddressPart), No("Zip Code", AddressPart), No("Postal Code", AddressPart),
            No("State/Region", AddressPart), No("Country/Region", AddressPart), No("State/Province", AddressPart),
            No("Zip/Postal Code", AddressPart), No("Mailing Street", AddressPart), No("Mailing City", AddressPart),
            No("Mailing State/Province", AddressPart), No("Mailing Zip/Postal Code", AddressPart),
            No("Mailing Country", AddressPart), No("Business Street", AddressPart), No("Business City", AddressPart),
            No("Business State", AddressPart), No("Business Postal Code", AddressPart),
            No("Business Country/Region", AddressPart), No("Home Street", AddressPart), No("Home City", AddressPart),
            No("Home State", AddressPart), No("Home Postal Code", AddressPart), No("Home Country/Region", AddressPart),
            No("Business Street 2", AddressPart), No("Business Street 3", AddressPart), No("Business Address PO Box", AddressPart),
            No("Home Street 2", AddressPart), No("Home Street 3", AddressPart), No("Home Address PO Box", AddressPart),
            No("Other Street", AddressPart), No("Other Street 2", AddressPart), No("Other Street 3", AddressPart),
            No("Other City", AddressPart), No("Other State", AddressPart), No("Other Postal Code", AddressPart),
            No("Other Country/Region", AddressPart), No("Other Address PO Box", AddressPart),
            No("Company Address", AddressPart), No("Company City", AddressPart), No("Company State", AddressPart),
            No("Company Country", AddressPart), No("companyLocation", AddressPart),
            No("Address 1 - Street", AddressPart), No("Address 1 - City", AddressPart), No("Address 1 - PO Box", AddressPart),
            No("Address 1 - Region", AddressPart), No("Address 1 - Postal Code", AddressPart),
            No("Address 1 - Country", AddressPart), No("Address 1 - Extended Address", AddressPart),

            No("Labels", Labels), No("Categories", Labels), No("Lists", Labels), No("Group Membership", Labels),
        });
        return list.ToArray();
    }

    private static KnownColumn Linked(string header, bool own = false) =>
        new(header, ColumnKind.Field, "linkedin_id", ColumnValue.LinkedIn, own: own);

    private static KnownColumn Field(string field, string header, bool own = false)
    {
        var known = LeadFields.Get(field);
        if (known is null || !known.Writable)
        {
            throw new InvalidOperationException($"'{field}' is not a writable lead field.");
        }
        return new KnownColumn(header, ColumnKind.Field, field, ValueOf(field), own: own);
    }

    private static KnownColumn Site(string header) => new(header, ColumnKind.Field, "domain", ColumnValue.WebsiteHost);

    private static KnownColumn No(string header, string note) => new(header, ColumnKind.Unwritable, null, note: note);

    private static KnownColumn ReadOnly(string header, string field, ReadOnlyDisplay display) =>
        new(header, ColumnKind.ReadOnly, field, readOnly: new ReadOnlyColumn(LeadFields.Get(field)!, display, InsteadOf(field)), own: true);

    private static ColumnValue ValueOf(string field) => field switch
    {
        "linkedin_id" or "linkedin" => ColumnValue.LinkedIn,
        "domain" => ColumnValue.WebsiteHost,
        _ => ColumnValue.Text,
    };

    /// <summary>What to use when a read-only field is to change; null when Grinfi alone sets it.</summary>
    private static string? InsteadOf(string field) => field switch
    {
        "list_uuid" => "-List",
        "pipeline_stage_uuid" => "-PipelineStage",
        "tags" => "-AddTag and -RemoveTag",
        "name" => "the FirstName and LastName columns",
        "location" => "a RawAddress column (raw_address)",
        "personal_email" => "an Email column (the API keeps one email, shown as WorkEmail)",
        _ => null,
    };
}
