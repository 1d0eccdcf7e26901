using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>An automation ("flow") that contacts can be added to.</summary>
public sealed class GrinfiAutomation : GrinfiNamedObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "name", "status", "created_at");

    internal GrinfiAutomation(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Name => JsonRead.String(Json, "name") ?? "";

    /// <summary>on, off, draft or archived.</summary>
    public string? Status => JsonRead.String(Json, "status");

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>When the automation was created (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    private protected override ISet<string> KnownFields => s_fields;
}
