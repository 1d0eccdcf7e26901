using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Data;

/// <summary>A note on a contact or a company (<c>/leads/api/notes</c>).</summary>
internal sealed class Note
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required int UserId { get; init; }

    /// <summary><c>lead</c> or <c>company</c>.</summary>
    public required string Object { get; init; }

    public required string ObjectUuid { get; init; }

    public required string Text { get; set; }

    public required long CreatedAt { get; init; }

    public required long UpdatedAt { get; set; }

    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["team_id"] = TeamId,
        ["user_id"] = UserId,
        ["object"] = Object,
        ["object_uuid"] = ObjectUuid,
        ["note"] = Text,
        ["created_at"] = Timestamps.Format(CreatedAt),
        ["updated_at"] = Timestamps.Format(UpdatedAt),
    };
}

/// <summary>An event on a contact's or a company's timeline (<c>/leads/api/activities</c>).</summary>
internal sealed class Activity
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    /// <summary><c>lead</c> or <c>company</c>.</summary>
    public required string ObjectType { get; init; }

    public required string ObjectUuid { get; init; }

    public required string Type { get; init; }

    public required JsonObject Payload { get; init; }

    public required long CreatedAt { get; init; }

    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["team_id"] = TeamId,
        ["object_type"] = ObjectType,
        ["object_uuid"] = ObjectUuid,
        ["type"] = Type,
        ["payload"] = Payload.DeepClone(),
        ["created_at"] = Timestamps.Format(CreatedAt),
    };
}

/// <summary>An entry of a do-not-contact list (<c>/leads/api/leads-blacklist</c>, <c>/leads/api/companies-blacklist</c>).</summary>
internal sealed class BlacklistEntry
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required int UserId { get; init; }

    /// <summary>True for the companies list (domain, no email or company_name).</summary>
    public required bool Company { get; init; }

    public string? Name { get; init; }

    public string? CompanyName { get; init; }

    public string? Linkedin { get; init; }

    public string? LnId { get; init; }

    public string? Email { get; init; }

    public string? Domain { get; init; }

    public required long CreatedAt { get; init; }

    /// <summary>The entry in the shape of its list's schema: every property, null where the entry has no value.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["uuid"] = Uuid,
            ["team_id"] = TeamId,
            ["name"] = Name,
        };
        if (Company)
        {
            json["domain"] = Domain;
        }
        else
        {
            json["company_name"] = CompanyName;
        }
        json["linkedin"] = Linkedin;
        json["ln_id"] = LnId;
        if (!Company)
        {
            json["email"] = Email;
        }
        json["user_id"] = UserId;
        json["created_at"] = Timestamps.Format(CreatedAt);
        json["updated_at"] = Timestamps.Format(CreatedAt);
        return json;
    }
}
