using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>An event on a contact's or a company's timeline: a message sent, an email opened, a stage changed.</summary>
public sealed class GrinfiActivity : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "team_id", "object_type", "object_uuid", "type", "payload", "created_at");

    internal GrinfiActivity(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>When it happened (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    /// <summary>What happened: email_sent, linkedin_message_replied, pipeline_stage_changed, ...</summary>
    public string? Type => JsonRead.String(Json, "type");

    /// <summary>What it happened to: lead (a contact) or company.</summary>
    public string? ObjectType => JsonRead.String(Json, "object_type");

    /// <summary>UUID of the contact or company.</summary>
    public string? ObjectUuid => JsonRead.String(Json, "object_uuid");

    /// <summary>Name of the contact or company, when the command was given that object; empty for a UUID.</summary>
    public string? ObjectName { get; internal set; }

    /// <summary>The event's own data (flow_uuid, stage UUIDs, ...), as an object with a property per field.</summary>
    public object? Payload => PSJson.ToPowerShell(Json["payload"]);

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    private protected override ISet<string> KnownFields => s_fields;

    /// <inheritdoc />
    public override string ToString() => Type ?? Uuid;
}
