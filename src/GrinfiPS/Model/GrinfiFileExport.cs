using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A server-side CSV export of contacts or companies.</summary>
public sealed class GrinfiFileExport : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "type", "status", "file_name", "created_at");

    internal GrinfiFileExport(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>The name to download the file by.</summary>
    public string? FileName => JsonRead.String(Json, "file_name");

    /// <summary>The job's status when queued.</summary>
    public string? Status => JsonRead.String(Json, "status");

    /// <summary>When the export was queued (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    private protected override ISet<string> KnownFields => s_fields;
}
