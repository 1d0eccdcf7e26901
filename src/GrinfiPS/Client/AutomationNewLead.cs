using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>
/// POST /flows/api/flows/{flowUuid}/add-new-lead: a contact to create in a list (or match, by
/// the upsert's rules) and add to an automation at once. Its lead, list and custom fields are
/// the upsert's; the body names the update flag differently and adds two of its own.
/// </summary>
internal sealed class AutomationNewLead
{
    public AutomationNewLead(LeadUpsert lead) => Lead = lead;

    /// <summary>The contact, as an upsert would send it.</summary>
    public LeadUpsert Lead { get; }

    /// <summary>Leave a contact that exists alone: not updated, not added.</summary>
    public bool SkipIfExists { get; init; }

    /// <summary>The automation segment to enter; null for the API's default (1).</summary>
    public int? Segment { get; init; }

    internal JsonObject Body()
    {
        var body = Lead.Body();
        body.Remove("update_if_exists");
        body["update_lead_if_exists"] = Lead.UpdateIfExists;
        body["skip_if_lead_exists"] = SkipIfExists;
        if (Segment is int segment)
        {
            body["flow_segment_id"] = segment;
        }
        return body;
    }
}
