using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Data;

/// <summary>A stored company. Only ever touched under its team's lock.</summary>
internal sealed class Company
{
    public Company(string uuid)
    {
        Uuid = uuid.ToLowerInvariant();
        TieHash = Contact.ComputeTieHash(Uuid);
    }

    public string Uuid { get; }

    /// <summary>Orders companies whose sort values are equal: stable, but unrelated to uuid order.</summary>
    public ulong TieHash { get; }

    public int TeamId { get; set; }

    public int? UserId { get; set; }

    public string? DataSourceUuid { get; set; }

    /// <summary>The pipeline stage (a company stage), as the schema names it.</summary>
    public string? LeadStatusUuid { get; set; }

    public string? Name { get; set; }

    public string? Domain { get; set; }

    public string? Website { get; set; }

    public long? LnId { get; set; }

    public string? Linkedin { get; set; }

    public string? Facebook { get; set; }

    public string? Twitter { get; set; }

    public string? Phone { get; set; }

    public string? HqRawAddress { get; set; }

    /// <summary>Headquarters locations: the schema's items are objects of no stated shape; here <c>{address_string}</c>.</summary>
    public string[] HqLocation { get; set; } = [];

    public string? LogoUrl { get; set; }

    public string? Industry { get; set; }

    public string? EmployeesRange { get; set; }

    public int? YearEstablished { get; set; }

    public string? About { get; set; }

    /// <summary>List uuids: a company can be in several lists.</summary>
    public List<string> Lists { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    public string Status { get; set; } = "active";

    public long? LastEnrichAt { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    /// <summary>Custom field values (company fields) by field uuid.</summary>
    public Dictionary<string, CustomValue> CustomFields { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The document's company schema. Minimal: every schema field, null where empty, except
    /// the two the schema does not let be null (name, status), left out when empty. Generous:
    /// the same, plus <c>custom_fields</c> by name, as a real server might send.
    /// </summary>
    public JsonObject ToJson(TeamStore store, SandboxReading reading)
    {
        var json = new JsonObject
        {
            ["uuid"] = Uuid,
            ["team_id"] = TeamId,
            ["user_id"] = UserId,
            ["data_source_uuid"] = DataSourceUuid,
            ["lead_status_uuid"] = LeadStatusUuid,
        };
        if (Name is not null) json["name"] = Name;
        json["domain"] = Domain;
        json["website"] = Website;
        json["ln_id"] = LnId;
        json["linkedin"] = Linkedin;
        json["facebook"] = Facebook;
        json["twitter"] = Twitter;
        json["phone"] = Phone;
        json["hq_raw_address"] = HqRawAddress;
        json["hq_location"] = new JsonArray(HqLocation.Select(a => (JsonNode?)new JsonObject { ["address_string"] = a }).ToArray());
        json["logo_url"] = LogoUrl;
        json["industry"] = Industry;
        json["employees_range"] = EmployeesRange;
        json["year_established"] = YearEstablished;
        json["about"] = About;
        json["lists"] = new JsonArray(Lists.Select(l => (JsonNode?)l).ToArray());
        json["tags"] = new JsonArray(Tags.Select(t => (JsonNode?)t).ToArray());
        json["status"] = Status;
        json["last_enrich_at"] = LastEnrichAt is { } enriched ? Timestamps.Format(enriched) : null;
        json["created_at"] = Timestamps.Format(CreatedAt);
        json["updated_at"] = Timestamps.Format(UpdatedAt);
        if (reading == SandboxReading.Generous)
        {
            var values = new JsonObject();
            foreach (var field in store.CustomFields.Where(f => f.Object == "company").OrderBy(f => f.Order))
            {
                values[field.Name] = CustomFields.TryGetValue(field.Uuid, out var v) ? v.Kind == System.Text.Json.JsonValueKind.Null ? null : v.ToString() : null;
            }
            json["custom_fields"] = values;
        }
        return json;
    }
}
