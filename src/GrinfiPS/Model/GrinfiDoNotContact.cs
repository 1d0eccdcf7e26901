using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>
/// An entry of the team's do-not-contact list for people (the API's leads blacklist): contacts
/// it matches are left out of imports, enrichment, automations and mass actions.
/// </summary>
public sealed class GrinfiDoNotContact : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "team_id", "user_id", "name", "company_name", "linkedin", "ln_id", "email", "created_at", "updated_at");

    internal GrinfiDoNotContact(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>The email address kept off outreach.</summary>
    public string? Email => JsonRead.String(Json, "email");

    /// <summary>The LinkedIn handle kept off outreach.</summary>
    public string? LinkedIn => JsonRead.String(Json, "linkedin");

    /// <summary>The LinkedIn member id (ACoAA...), when the server knows it.</summary>
    public string? LnId => JsonRead.String(Json, "ln_id");

    /// <summary>A person's name, for entries made by name (in the web app).</summary>
    public string? Name => JsonRead.String(Json, "name");

    /// <summary>The company of an entry made by name.</summary>
    public string? CompanyName => JsonRead.String(Json, "company_name");

    /// <summary>Id of the user who added the entry.</summary>
    public long? UserId => JsonRead.Int64(Json, "user_id");

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    /// <summary>When the entry was added (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    /// <summary>When the entry last changed (local time).</summary>
    public DateTime? UpdatedAt => JsonRead.LocalTime(Json, "updated_at");

    private protected override ISet<string> KnownFields => s_fields;

    /// <summary>"email jane@acme.com", "LinkedIn john-doe", "name John Doe (Acme)": what the entry blocks.</summary>
    public override string ToString() =>
        Email is { Length: > 0 } email ? $"email {email}"
        : LinkedIn is { Length: > 0 } handle ? $"LinkedIn {handle}"
        : LnId is { Length: > 0 } id ? $"LinkedIn {id}"
        : Name is { Length: > 0 } name ? $"name {name}" + (CompanyName is { Length: > 0 } company ? $" ({company})" : "")
        : Uuid;
}
