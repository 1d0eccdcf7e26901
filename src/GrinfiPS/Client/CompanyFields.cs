using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Client;

/// <summary>
/// Every company field, declared once, as the vendor's OpenAPI document has them: the
/// <c>company</c> schema for what answers carry, the items of <c>POST /leads/api/companies</c>
/// for creates, the <c>PUT /leads/api/companies/{uuid}</c> body for updates. Filters, -SortBy,
/// the GrinfiCompany model and the write cmdlets' parameters come from this table or are tested
/// against it, as <see cref="LeadFields"/> does for contacts.
/// </summary>
internal static class CompanyFields
{
    private static readonly LeadField[] s_all =
    {
        Read("uuid", "Uuid", FieldKind.Uuid),
        Read("team_id", "TeamId", FieldKind.Number),
        Read("user_id", "UserId", FieldKind.Number),
        Read("data_source_uuid", "DataSourceUuid", FieldKind.Uuid),
        // The pipeline stage: the schema calls it lead_status_uuid; PUT takes it, create does not.
        new("lead_status_uuid", "PipelineStageUuid", FieldKind.Uuid) { OnUpdate = true },
        Write("name", "Name", onCreate: true),
        Write("domain", "Domain", onCreate: true),
        Write("website", "Website", onCreate: true),
        // An integer in the schema (the answer's and PUT's), a string in the lookup.
        new("ln_id", "LnId", FieldKind.Number) { OnUpdate = true },
        Write("linkedin", "LinkedIn", onCreate: true),
        Read("facebook", "Facebook", FieldKind.Text),
        Read("twitter", "Twitter", FieldKind.Text),
        Write("phone", "Phone", onCreate: false),
        Write("hq_raw_address", "HqRawAddress", onCreate: true),
        Read("hq_location", "HqLocation", FieldKind.Array),
        Read("logo_url", "LogoUrl", FieldKind.Text),
        Write("industry", "Industry", onCreate: true),
        Write("employees_range", "EmployeesRange", onCreate: true),
        Read("year_established", "YearEstablished", FieldKind.Number),
        Write("about", "About", onCreate: false),
        Read("lists", "Lists", FieldKind.Array),
        Read("tags", "Tags", FieldKind.Array),
        Read("status", "Status", FieldKind.Text),
        Read("last_enrich_at", "LastEnrichAt", FieldKind.Date),
        Read("created_at", "CreatedAt", FieldKind.Date),
        Read("updated_at", "UpdatedAt", FieldKind.Date),
    };

    private static readonly Dictionary<string, LeadField> s_byName = s_all.ToDictionary(f => f.Name, StringComparer.Ordinal);

    // "PipelineStageUuid" and "lead_status_uuid" both mean lead_status_uuid: users write filters
    // with the property names they see on GrinfiCompany, or the API's.
    private static readonly Dictionary<string, LeadField> s_byLooseName = s_all
        .SelectMany(f => new[] { (Key: LeadFields.Loose(f.Name), Field: f), (Key: LeadFields.Loose(f.Property), Field: f) })
        .GroupBy(p => p.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Field, StringComparer.Ordinal);

    /// <summary>Every field, in the schema's order.</summary>
    public static IReadOnlyList<LeadField> All => s_all;

    /// <summary>Fields answers carry, by API name.</summary>
    public static IEnumerable<string> Names => s_all.Select(f => f.Name);

    /// <summary>Fields -SortBy accepts: every single-valued field.</summary>
    public static IEnumerable<string> SortableNames => s_all.Where(f => f.Sortable).Select(f => f.Name);

    /// <summary>The field of an API name, or null.</summary>
    public static LeadField? Get(string apiName) => s_byName.TryGetValue(apiName, out var field) ? field : null;

    /// <summary>The field, written as the API or as GrinfiCompany's property names.</summary>
    public static bool TryResolve(string name, out string apiName, out FieldKind kind)
    {
        if (s_byLooseName.TryGetValue(LeadFields.Loose(name), out var found))
        {
            apiName = found.Name;
            kind = found.Kind;
            return true;
        }
        apiName = name;
        kind = FieldKind.Text;
        return false;
    }

    /// <summary>The kind of a field, Text for fields this module does not know.</summary>
    public static FieldKind KindOf(string apiName) => Get(apiName)?.Kind ?? FieldKind.Text;

    /// <summary>Company fields close to a misspelt one ("industy" suggests industry).</summary>
    public static IReadOnlyList<string> Suggest(string name) => LeadFields.Suggest(name, Names);

    private static LeadField Read(string name, string property, FieldKind kind) => new(name, property, kind);

    private static LeadField Write(string name, string property, bool onCreate) =>
        new(name, property, FieldKind.Text) { OnCreate = onCreate, OnUpdate = true };
}
