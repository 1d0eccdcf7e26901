using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A tag that contacts carry.</summary>
public sealed class GrinfiTag : GrinfiNamedObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "team_id", "name", "color", "created_at", "updated_at");

    internal GrinfiTag(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Name => JsonRead.String(Json, "name") ?? "";

    /// <summary>Color as #rrggbb.</summary>
    public string? Color => JsonRead.String(Json, "color");

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>Contacts with the tag (tag metrics, or a count of its own); null when not asked for.</summary>
    public long? LeadCount { get; internal set; }

    /// <summary>Companies with the tag, when the tag metrics say; null otherwise.</summary>
    public long? CompanyCount { get; internal set; }

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    /// <summary>When the tag was created (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    /// <summary>When the tag last changed (local time).</summary>
    public DateTime? UpdatedAt => JsonRead.LocalTime(Json, "updated_at");

    private protected override ISet<string> KnownFields => s_fields;
}
