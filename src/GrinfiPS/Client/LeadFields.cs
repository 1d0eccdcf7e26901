using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Client;

/// <summary>
/// Every lead field, declared once, as the vendor's OpenAPI document has them (the <c>lead</c>
/// schema for what answers carry, <c>create-lead-fields</c> for the upsert, the PUT body for
/// updates). Filters, -SortBy, -Clear, the GrinfiLead model, Set-GrinfiLead's parameters and
/// the column mapping all come from this table or are tested against it, so that a typo
/// (emial) is an error, not a filter the server silently ignores, which would widen a delete
/// to every contact.
/// </summary>
internal static class LeadFields
{
    private static readonly LeadField[] s_all =
    {
        Read("uuid", "Uuid", FieldKind.Uuid),
        Read("team_id", "TeamId", FieldKind.Number),
        Read("user_id", "UserId", FieldKind.Number),
        Read("sender_profile_uuid", "SenderProfileUuid", FieldKind.Uuid),
        Read("list_uuid", "ListUuid", FieldKind.Uuid),
        Read("data_source_uuid", "DataSourceUuid", FieldKind.Uuid),
        Read("pipeline_stage_uuid", "PipelineStageUuid", FieldKind.Uuid),
        Read("company_uuid", "CompanyUuid", FieldKind.Uuid),
        Read("name", "Name", FieldKind.Text),
        Write("first_name", "FirstName", nullable: false),
        Write("last_name", "LastName", nullable: false),
        Write("company_name", "CompanyName", nullable: false),
        Read("company_ln_id", "CompanyLnId", FieldKind.Text),
        Write("position", "Position", nullable: true),
        Write("headline", "Headline", nullable: true),
        Write("about", "About", nullable: false),
        Read("avatar_url", "AvatarUrl", FieldKind.Text),
        Write("ln_id", "LnId", nullable: true),
        Write("sn_id", "SnId", nullable: true),
        Write("linkedin", "LinkedIn", nullable: true),
        Read("facebook", "Facebook", FieldKind.Text),
        Read("twitter", "Twitter", FieldKind.Text),
        Read("work_email", "WorkEmail", FieldKind.Text),
        Read("personal_email", "PersonalEmail", FieldKind.Text),
        Read("work_phone_number", "WorkPhoneNumber", FieldKind.Text),
        Read("personal_phone_number", "PersonalPhoneNumber", FieldKind.Text),
        Read("connections_number", "ConnectionsNumber", FieldKind.Number),
        Read("followers_number", "FollowersNumber", FieldKind.Number),
        Read("primary_language", "PrimaryLanguage", FieldKind.Text),
        Read("supported_languages", "SupportedLanguages", FieldKind.Array),
        Read("has_open_profile", "HasOpenProfile", FieldKind.Number),
        Read("has_verified_profile", "HasVerifiedProfile", FieldKind.Number),
        Read("has_premium", "HasPremium", FieldKind.Number),
        Read("experience", "Experience", FieldKind.Array),
        Read("posts", "Posts", FieldKind.Array),
        Read("educations", "Educations", FieldKind.Array),
        Read("skills", "Skills", FieldKind.Array),
        Write("raw_address", "RawAddress", nullable: true),
        Read("location", "Location", FieldKind.Array),
        Read("tags", "Tags", FieldKind.Array),
        Read("status", "Status", FieldKind.Text),
        Read("linkedin_status", "LinkedInStatus", FieldKind.Text),
        Read("email_status", "EmailStatus", FieldKind.Text),
        Read("unread_counts", "UnreadCounts", FieldKind.Array),
        Read("last_automation_approve_at", "LastAutomationApproveAt", FieldKind.Date),
        Read("created_at", "CreatedAt", FieldKind.Date),
        Read("updated_at", "UpdatedAt", FieldKind.Date),

        // Write-only: the upsert's identifier (a profile URL, handle or member id, stored as the
        // linkedin handle), the email (stored as the work email; the document does not say so,
        // the web app shows it), and the company domain (used for email discovery, never returned).
        new("linkedin_id", "LinkedInId", FieldKind.Text) { Readable = false, OnCreate = true, StoredAs = "linkedin" },
        new("email", "Email", FieldKind.Text) { Readable = false, OnCreate = true, OnUpdate = true, StoredAs = "work_email" },
        new("domain", "Domain", FieldKind.Text) { Readable = false, OnCreate = true, OnUpdate = true },
    };

    private static readonly Dictionary<string, LeadField> s_byName = s_all.ToDictionary(f => f.Name, StringComparer.Ordinal);

    // "CompanyName", "companyname" and "company_name" all mean company_name: users write
    // filters with the property names they see on GrinfiLead.
    private static readonly Dictionary<string, LeadField> s_byLooseName = s_all.ToDictionary(f => Loose(f.Name), StringComparer.Ordinal);

    /// <summary>Every field, in the schema's order, write-only ones last.</summary>
    public static IReadOnlyList<LeadField> All => s_all;

    /// <summary>Fields answers carry, by API name.</summary>
    public static IEnumerable<string> Names => s_all.Where(f => f.Readable).Select(f => f.Name);

    /// <summary>Fields -SortBy accepts: every single-valued field answers carry.</summary>
    public static IEnumerable<string> SortableNames => s_all.Where(f => f.Sortable).Select(f => f.Name);

    /// <summary>Fields a write may set, by API name.</summary>
    public static IEnumerable<LeadField> Writable => s_all.Where(f => f.Writable);

    /// <summary>The field of an API name, or null.</summary>
    public static LeadField? Get(string apiName) => s_byName.TryGetValue(apiName, out var field) ? field : null;

    /// <summary>The field answers carry, written as the API or as our property names.</summary>
    public static bool TryResolve(string name, out string apiName, out FieldKind kind)
    {
        if (s_byLooseName.TryGetValue(Loose(name), out var found) && found.Readable)
        {
            apiName = found.Name;
            kind = found.Kind;
            return true;
        }
        apiName = name;
        kind = FieldKind.Text;
        return false;
    }

    /// <summary>Any field, readable or write-only, written as the API or as our property names.</summary>
    public static LeadField? Find(string name) => s_byLooseName.TryGetValue(Loose(name), out var found) ? found : null;

    /// <summary>The kind of a field, Text for fields this module does not know.</summary>
    public static FieldKind KindOf(string apiName) => Get(apiName)?.Kind ?? FieldKind.Text;

    /// <summary>
    /// Fields close to a misspelt one, among <paramref name="candidates"/> (readable fields by
    /// default). A field also matches by its parts, so "emial" suggests work_email and personal_email.
    /// </summary>
    public static IReadOnlyList<string> Suggest(string name, IEnumerable<string>? candidates = null)
    {
        var wanted = name.ToLowerInvariant().Replace(" ", "_").Replace("-", "_");
        return (candidates ?? Names)
            .Select(k => (Name: k, Match: Closeness(k, wanted)))
            .Where(x => x.Match.Distance <= Math.Max(2, wanted.Length / 3))
            .OrderBy(x => x.Match.Distance)
            .ThenBy(x => x.Match.EarlierPart)
            .ThenBy(x => Get(x.Name)?.Writable == true ? 0 : 1) // company_name before company_ln_id: the fields people write
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(x => x.Name)
            .ToList();
    }

    /// <summary>"company_name", "CompanyName", "Company Name", "company-name" → "companyname".</summary>
    public static string Loose(string name) => name.Replace("_", "").Replace("-", "").Replace(" ", "").ToLowerInvariant();

    private static LeadField Read(string name, string property, FieldKind kind) => new(name, property, kind);

    private static LeadField Write(string name, string property, bool nullable) =>
        new(name, property, FieldKind.Text) { OnCreate = true, OnUpdate = true, NullableOnUpdate = nullable };

    // Matching a part ("compnay" for company_name) costs one more than matching the whole; a
    // part that is not the last (the noun: work_EMAIL) ranks after one that is.
    private static (int Distance, bool EarlierPart) Closeness(string field, string wanted)
    {
        var best = (Distance: Fuzzy.EditDistance(field, wanted), EarlierPart: false);
        var parts = field.Split('_');
        for (var i = 0; i < parts.Length && parts.Length > 1; i++)
        {
            var candidate = (Distance: Fuzzy.EditDistance(parts[i], wanted) + 1, EarlierPart: i < parts.Length - 1);
            if (candidate.Distance < best.Distance || (candidate.Distance == best.Distance && best.EarlierPart && !candidate.EarlierPart))
            {
                best = candidate;
            }
        }
        return best;
    }
}
