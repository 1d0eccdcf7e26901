using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// A flow-lead record: a contact's enrolment in an automation, with its status and place in
/// the sequence. One record per automation and contact; adding the contact again restarts it.
/// </summary>
internal sealed class FlowLead
{
    /// <summary>The statuses a record takes here: the metrics name in_progress, finished and failed contacts; continue-automation resumes paused ones; cancel cancels.</summary>
    public static readonly string[] Statuses = [InProgress, Paused, Finished, Failed, Canceled];

    public const string InProgress = "in_progress";
    public const string Paused = "paused";
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required string FlowUuid { get; init; }

    public required string LeadUuid { get; init; }

    public required string Status { get; set; }

    /// <summary>The node the contact is at (1 = the start).</summary>
    public int NodeId { get; set; } = 1;

    public required long CreatedAt { get; set; }

    public required long UpdatedAt { get; set; }

    /// <summary>Still running: in progress or paused.</summary>
    public bool IsActive => Status is InProgress or Paused;

    /// <summary>
    /// The document describes the records only in prose ("link a contact to a flow with status,
    /// current node, and timing fields") and names flow_uuid, lead_uuid and status in the list's
    /// filter; a task's flow_lead_uuid names the record's uuid. The minimal reading sends those
    /// four; the node and timing fields, whose names the document never gives, only the generous one.
    /// </summary>
    public JsonObject ToJson(SandboxReading reading)
    {
        var json = new JsonObject
        {
            ["uuid"] = Uuid,
            ["flow_uuid"] = FlowUuid,
            ["lead_uuid"] = LeadUuid,
            ["status"] = Status,
        };
        if (reading == SandboxReading.Generous)
        {
            json["team_id"] = TeamId;
            json["flow_node_id"] = NodeId;
            json["created_at"] = Timestamps.Format(CreatedAt);
            json["updated_at"] = Timestamps.Format(UpdatedAt);
        }
        return json;
    }
}
