using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>
/// A contact's enrolment in an automation (the API's flow-lead record): which contact, which
/// automation, and its status there. The document names no other field; whatever else the
/// server sends (the current node, times) appears as extra properties.
/// </summary>
public sealed class GrinfiAutomationLead : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "flow_uuid", "lead_uuid", "status");

    internal GrinfiAutomationLead(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Name of the automation, from the connection's names.</summary>
    public string? AutomationName => Connection?.Cache.Automations.DisplayName(AutomationUuid);

    /// <summary>The contact's status in the automation, as the server says it (in_progress, paused, finished, failed, canceled, ...).</summary>
    public string? Status => JsonRead.String(Json, "status");

    /// <summary>UUID of the contact.</summary>
    public string? LeadUuid => JsonRead.String(Json, "lead_uuid");

    /// <summary>UUID of the automation.</summary>
    public string? AutomationUuid => JsonRead.String(Json, "flow_uuid");

    /// <summary>UUID of the record (a task's flow_lead_uuid).</summary>
    public override string Uuid => ReadUuid();

    private protected override ISet<string> KnownFields => s_fields;

    /// <inheritdoc />
    public override string ToString() => $"{LeadUuid} in {AutomationName ?? AutomationUuid}";
}
