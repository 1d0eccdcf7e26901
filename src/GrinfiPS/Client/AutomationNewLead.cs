using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>
/// POST /flows/api/flows/{flowUuid}/add-new-lead: a contact to create in a list (or match, by
/// the upsert's rules) and add to an automation at once.
/// </summary>
internal sealed class AutomationNewLead
{
    public AutomationNewLead(IReadOnlyDictionary<string, string> fields, string listUuid)
    {
        foreach (var name in fields.Keys)
        {
            if (LeadFields.Get(name) is not { OnCreate: true })
            {
                throw new ArgumentException($"add-new-lead takes no field '{name}'.", nameof(fields));
            }
        }
        if (!fields.ContainsKey("linkedin_id"))
        {
            throw new ArgumentException("add-new-lead needs linkedin_id.", nameof(fields));
        }
        Fields = fields;
        ListUuid = listUuid;
    }

    /// <summary>Lead fields by write name (create-lead-fields: linkedin_id, first_name, email, ...).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>Custom field values by field name.</summary>
    public IReadOnlyDictionary<string, string?> CustomFields { get; init; } = new Dictionary<string, string?>();

    /// <summary>The list a new contact is made in.</summary>
    public string ListUuid { get; }

    /// <summary>Update a contact that exists (the API's default).</summary>
    public bool UpdateIfExists { get; init; } = true;

    /// <summary>Move a contact that exists into the list.</summary>
    public bool MoveToList { get; init; }

    /// <summary>Leave a contact that exists alone: not updated, not added.</summary>
    public bool SkipIfExists { get; init; }

    /// <summary>The automation segment to enter; null for the API's default (1).</summary>
    public int? Segment { get; init; }

    internal JsonObject Body()
    {
        var lead = new JsonObject();
        foreach (var field in Fields.OrderBy(f => f.Key == "linkedin_id" ? 0 : 1).ThenBy(f => f.Key, StringComparer.Ordinal))
        {
            lead[field.Key] = field.Value;
        }
        var body = new JsonObject
        {
            ["lead"] = lead,
            ["list_uuid"] = ListUuid,
            ["update_lead_if_exists"] = UpdateIfExists,
            ["move_to_list"] = MoveToList,
            ["skip_if_lead_exists"] = SkipIfExists,
        };
        if (Segment is int segment)
        {
            body["flow_segment_id"] = segment;
        }
        if (CustomFields.Count > 0)
        {
            body["custom_fields"] = new JsonObject(CustomFields.Select(c => new KeyValuePair<string, JsonNode?>(c.Key, c.Value is null ? null : JsonValue.Create(c.Value))));
        }
        return body;
    }
}
