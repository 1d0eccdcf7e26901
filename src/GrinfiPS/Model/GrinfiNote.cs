using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A note kept on a contact or a company.</summary>
public sealed class GrinfiNote : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "team_id", "user_id", "object", "object_uuid", "note", "created_at", "updated_at");

    internal GrinfiNote(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>The note's text (the API's note).</summary>
    public string? Text => JsonRead.String(Json, "note");

    /// <summary>What the note is on: lead (a contact) or company.</summary>
    public string? Object => JsonRead.String(Json, "object");

    /// <summary>UUID of the contact or company the note is on.</summary>
    public string? ObjectUuid => JsonRead.String(Json, "object_uuid");

    /// <summary>
    /// Name of the contact or company the note is on, when the command was given that object
    /// (a GrinfiLead or GrinfiCompany); empty when it was given a UUID (notes carry no names).
    /// </summary>
    public string? ObjectName { get; internal set; }

    /// <summary>Id of the user who wrote the note.</summary>
    public long? UserId => JsonRead.Int64(Json, "user_id");

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    /// <summary>When the note was written (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    /// <summary>When the note last changed (local time).</summary>
    public DateTime? UpdatedAt => JsonRead.LocalTime(Json, "updated_at");

    private protected override ISet<string> KnownFields => s_fields;

    /// <summary>The note's first words, for prompts and messages: "'Follow up after the demo…'".</summary>
    internal string Excerpt => Quote(Text);

    /// <inheritdoc />
    public override string ToString() => Text ?? Uuid;

    /// <summary>A text quoted and cut to 40 characters, on one line.</summary>
    internal static string Quote(string? text)
    {
        var line = (text ?? "").Replace("\r", " ").Replace("\n", " ").Trim();
        return "'" + (line.Length > 40 ? line.Substring(0, 39) + "…" : line) + "'";
    }
}
