using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A company in the CRM: contacts belong to one through their company_uuid.</summary>
public sealed class GrinfiCompany : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields(
        "uuid", "team_id", "user_id", "data_source_uuid", "lead_status_uuid", "name", "domain", "website", "ln_id", "linkedin",
        "facebook", "twitter", "phone", "hq_raw_address", "hq_location", "logo_url", "industry", "employees_range",
        "year_established", "about", "lists", "tags", "status", "last_enrich_at", "created_at", "updated_at");

    internal GrinfiCompany(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>Company name.</summary>
    public string? Name => S("name");

    /// <summary>Web domain.</summary>
    public string? Domain => S("domain");

    /// <summary>Website address.</summary>
    public string? Website => S("website");

    /// <summary>Industry.</summary>
    public string? Industry => S("industry");

    /// <summary>Employee count range, such as 51-200.</summary>
    public string? EmployeesRange => S("employees_range");

    /// <summary>Year founded.</summary>
    public int? YearEstablished => JsonRead.Int32(Json, "year_established");

    /// <summary>LinkedIn company page handle.</summary>
    public string? LinkedIn => S("linkedin");

    /// <summary>LinkedIn numeric company id.</summary>
    public long? LnId => JsonRead.Int64(Json, "ln_id");

    /// <summary>Facebook page.</summary>
    public string? Facebook => S("facebook");

    /// <summary>Twitter account.</summary>
    public string? Twitter => S("twitter");

    /// <summary>Phone number.</summary>
    public string? Phone => S("phone");

    /// <summary>Headquarters address as free text.</summary>
    public string? HqRawAddress => S("hq_raw_address");

    /// <summary>Headquarters locations.</summary>
    public GrinfiArray HqLocation => GrinfiArray.From(Json["hq_location"]);

    /// <summary>About text.</summary>
    public string? About => S("about");

    /// <summary>Logo image URL.</summary>
    public string? LogoUrl => S("logo_url");

    /// <summary>UUID of the company's pipeline stage (the API's lead_status_uuid).</summary>
    public string? PipelineStageUuid => S("lead_status_uuid");

    /// <summary>Name of the company's pipeline stage, from the connection's names.</summary>
    public string? PipelineStageName => Connection?.Cache.CompanyStages.DisplayName(PipelineStageUuid);

    /// <summary>UUIDs of the lists the company is in (a company can be in several).</summary>
    public GrinfiArray Lists => GrinfiArray.From(Json["lists"]);

    /// <summary>Names of the lists the company is in, from the connection's names.</summary>
    public GrinfiArray ListNames => Connection is null ? Lists : GrinfiArray.Of(Lists.Select(l => (object?)(Connection.Cache.Lists.DisplayName(l as string) ?? l)));

    /// <summary>UUIDs of the company's tags.</summary>
    public GrinfiArray Tags => GrinfiArray.From(Json["tags"]);

    /// <summary>Names of the company's tags, from the connection's names.</summary>
    public GrinfiArray TagNames => Connection is null ? Tags : GrinfiArray.Of(Tags.Select(t => (object?)(Connection.Cache.Tags.DisplayName(t as string) ?? t)));

    /// <summary>Company status.</summary>
    public string? Status => S("status");

    /// <summary>UUID of the data source the company came from.</summary>
    public string? DataSourceUuid => S("data_source_uuid");

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    /// <summary>Id of the user who owns the company.</summary>
    public long? UserId => JsonRead.Int64(Json, "user_id");

    /// <summary>When the company was last enriched (local time).</summary>
    public DateTime? LastEnrichAt => JsonRead.LocalTime(Json, "last_enrich_at");

    /// <summary>When the company was created (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    /// <summary>When the company last changed (local time).</summary>
    public DateTime? UpdatedAt => JsonRead.LocalTime(Json, "updated_at");

    private protected override ISet<string> KnownFields => s_fields;

    /// <inheritdoc />
    public override string ToString() => Name is { Length: > 0 } name ? name : Uuid;

    private string? S(string name) => JsonRead.String(Json, name);
}
