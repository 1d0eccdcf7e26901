using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>
/// An entry of the team's do-not-contact list for companies (the API's companies blacklist):
/// companies it matches, and their people, are left out of imports, enrichment, automations and mass actions.
/// </summary>
public sealed class GrinfiCompanyDoNotContact : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "team_id", "user_id", "name", "domain", "linkedin", "ln_id", "created_at", "updated_at");

    internal GrinfiCompanyDoNotContact(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>The web domain kept off outreach.</summary>
    public string? Domain => JsonRead.String(Json, "domain");

    /// <summary>The company name, for entries made by name.</summary>
    public string? Name => JsonRead.String(Json, "name");

    /// <summary>The LinkedIn company handle, for entries made by it.</summary>
    public string? LinkedIn => JsonRead.String(Json, "linkedin");

    /// <summary>The LinkedIn company id, when the server knows it.</summary>
    public string? LnId => JsonRead.String(Json, "ln_id");

    /// <summary>Id of the user who added the entry.</summary>
    public long? UserId => JsonRead.Int64(Json, "user_id");

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    /// <summary>When the entry was added (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    /// <summary>When the entry last changed (local time).</summary>
    public DateTime? UpdatedAt => JsonRead.LocalTime(Json, "updated_at");

    private protected override ISet<string> KnownFields => s_fields;

    /// <summary>"domain acme.com", "LinkedIn acme-inc", "name Acme Inc": what the entry blocks.</summary>
    public override string ToString() =>
        Domain is { Length: > 0 } domain ? $"domain {domain}"
        : LinkedIn is { Length: > 0 } handle ? $"LinkedIn {handle}"
        : Name is { Length: > 0 } name ? $"name {name}"
        : Uuid;
}
