using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>POST /leads/api/leads/upsert: create a contact in a list, or update the one it matches.</summary>
internal sealed class LeadUpsert
{
    public LeadUpsert(IReadOnlyDictionary<string, string> fields, string listUuid)
    {
        foreach (var name in fields.Keys)
        {
            if (LeadFields.Get(name) is not { OnCreate: true })
            {
                throw new ArgumentException($"The upsert takes no field '{name}'.", nameof(fields));
            }
        }
        if (!fields.ContainsKey("linkedin_id"))
        {
            throw new ArgumentException("The upsert needs linkedin_id.", nameof(fields));
        }
        Fields = fields;
        ListUuid = listUuid;
    }

    /// <summary>Lead fields by write name (linkedin_id, first_name, email, ...).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>Custom field values by field name; null clears.</summary>
    public IReadOnlyDictionary<string, string?> CustomFields { get; init; } = new Dictionary<string, string?>();

    public string ListUuid { get; }

    /// <summary>Update the contact when it exists (the API's default).</summary>
    public bool UpdateIfExists { get; init; } = true;

    /// <summary>Move an existing contact into the list.</summary>
    public bool MoveToList { get; init; }

    internal JsonObject Body()
    {
        var lead = new JsonObject();
        foreach (var field in Fields.OrderBy(f => f.Key == "linkedin_id" ? 0 : 1))
        {
            lead[field.Key] = field.Value;
        }
        var body = new JsonObject
        {
            ["lead"] = lead,
            ["list_uuid"] = ListUuid,
            ["update_if_exists"] = UpdateIfExists,
            ["move_to_list"] = MoveToList,
        };
        if (CustomFields.Count > 0)
        {
            body["custom_fields"] = new JsonObject(CustomFields.Select(c => new KeyValuePair<string, JsonNode?>(c.Key, c.Value is null ? null : JsonValue.Create(c.Value))));
        }
        return body;
    }
}
