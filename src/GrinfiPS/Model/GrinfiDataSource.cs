using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A data source: an import job (a CSV, a LinkedIn or Sales Navigator search, ...) that brought contacts into a list.</summary>
public sealed class GrinfiDataSource : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "team_id", "sender_profile_uuid", "list_uuid", "payload", "tags", "type",
        "status", "errors", "user_id", "created_at", "updated_at");

    internal GrinfiDataSource(JsonObject json)
        : base(json)
    {
    }

    /// <summary>csv_leads, sn_leads_search, ln_my_network, ...</summary>
    public string? Type => JsonRead.String(Json, "type");

    /// <summary>not_started, in_progress, on_hold, completed, failed or contacts_limit_achieved.</summary>
    public string? Status => JsonRead.String(Json, "status");

    /// <summary>UUID of the list the contacts went to.</summary>
    public string? ListUuid => JsonRead.String(Json, "list_uuid");

    /// <summary>Name of that list, from the connection's names.</summary>
    public string? ListName => Connection?.Cache.Lists.DisplayName(ListUuid);

    /// <summary>When the data source was created (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    private protected override ISet<string> KnownFields => s_fields;
}
