using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A list of contacts. Every contact belongs to exactly one list.</summary>
public sealed class GrinfiList : GrinfiNamedObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "team_id", "name", "created_at", "updated_at");

    internal GrinfiList(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Name => JsonRead.String(Json, "name") ?? "";

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>Contacts in the list, from the metrics endpoint; null when not asked for.</summary>
    public long? LeadCount { get; internal set; }

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    /// <summary>When the list was created (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    /// <summary>When the list last changed (local time).</summary>
    public DateTime? UpdatedAt => JsonRead.LocalTime(Json, "updated_at");

    private protected override ISet<string> KnownFields => s_fields;
}
