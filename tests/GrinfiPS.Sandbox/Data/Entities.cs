using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Data;

/// <summary>The user behind a team's API keys.</summary>
internal sealed record SandboxUser(string Uuid, int Id, string FirstName, string LastName, string Email, string Timezone, int TeamId)
{
    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["id"] = Id,
        ["first_name"] = FirstName,
        ["last_name"] = LastName,
        ["email"] = Email,
        ["timezone"] = Timezone,
        ["team_id"] = TeamId,
    };
}

internal sealed class LeadList
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required string Name { get; set; }

    public required long CreatedAt { get; init; }

    public required long UpdatedAt { get; set; }

    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["team_id"] = TeamId,
        ["name"] = Name,
        ["created_at"] = Timestamps.Format(CreatedAt),
        ["updated_at"] = Timestamps.Format(UpdatedAt),
    };
}

internal sealed class PipelineStage
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required string Name { get; set; }

    /// <summary><c>lead</c> or <c>company</c>.</summary>
    public required string Object { get; init; }

    /// <summary><c>new</c>, <c>approaching</c>, <c>engaging</c>, <c>replied</c> or <c>custom</c>.</summary>
    public required string Type { get; init; }

    public required string Category { get; set; }

    public required int Order { get; set; }

    public required long CreatedAt { get; init; }

    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["team_id"] = TeamId,
        ["name"] = Name,
        ["object"] = Object,
        ["type"] = Type,
        ["category"] = Category,
        ["order"] = Order,
    };
}

internal sealed class Tag
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required string Name { get; set; }

    public required string Color { get; set; }

    public required long CreatedAt { get; init; }

    public required long UpdatedAt { get; set; }

    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["team_id"] = TeamId,
        ["name"] = Name,
        ["color"] = Color,
        ["created_at"] = Timestamps.Format(CreatedAt),
        ["updated_at"] = Timestamps.Format(UpdatedAt),
    };
}

internal sealed class CustomField
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required int UserId { get; init; }

    public required string Name { get; set; }

    /// <summary><c>lead</c> or <c>company</c>.</summary>
    public required string Object { get; init; }

    public required int Order { get; set; }

    public required long CreatedAt { get; init; }

    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["team_id"] = TeamId,
        ["user_id"] = UserId,
        ["name"] = Name,
        ["object"] = Object,
        ["order"] = Order,
    };
}

internal sealed class Flow
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required string Name { get; init; }

    /// <summary><c>on</c>, <c>off</c>, <c>draft</c> or <c>archived</c>.</summary>
    public required string Status { get; init; }

    public required long CreatedAt { get; init; }

    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["name"] = Name,
        ["status"] = Status,
        ["created_at"] = Timestamps.Format(CreatedAt),
    };
}

/// <summary>An uploaded CSV and, once started, the import of its rows.</summary>
internal sealed class FileImport
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required string FileName { get; init; }

    public required string[] Headers { get; init; }

    public required List<string[]> Rows { get; init; }

    public required long CreatedAt { get; init; }

    /// <summary><c>uploaded</c>, then <c>queued</c>, then <c>completed</c>.</summary>
    public string Status { get; set; } = "uploaded";

    public string? ListUuid { get; set; }

    public List<string> Tags { get; set; } = [];

    public List<(string Source, string Target)> Columns { get; set; } = [];

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Skipped { get; set; }

    /// <summary>The document's record: uuid, team_id, type, payload, status; the generous reading adds the rest.</summary>
    public JsonObject ToJson(SandboxReading reading)
    {
        var minimal = new JsonObject
        {
            ["uuid"] = Uuid,
            ["team_id"] = TeamId,
            ["type"] = "csv_leads",
            // The document: "Includes file path, delimiter, enclosure, and config", with no shape: promise nothing.
            ["payload"] = new JsonObject(),
            ["status"] = Status,
        };
        if (reading == SandboxReading.Minimal) return minimal;
        var columns = new JsonArray();
        foreach (var (source, target) in Columns) columns.Add(new JsonObject { ["source"] = source, ["target"] = target });
        return new JsonObject
        {
            ["uuid"] = Uuid,
            ["team_id"] = TeamId,
            ["type"] = "csv_leads",
            ["payload"] = new JsonObject(),
            ["file_name"] = FileName,
            ["status"] = Status,
            ["headers"] = new JsonArray(Headers.Select(h => (JsonNode?)h).ToArray()),
            ["rows_count"] = Rows.Count,
            ["list_uuid"] = ListUuid,
            ["tags"] = new JsonArray(Tags.Select(t => (JsonNode?)t).ToArray()),
            ["columns"] = columns,
            ["created_count"] = Created,
            ["updated_count"] = Updated,
            ["skipped_count"] = Skipped,
            ["created_at"] = Timestamps.Format(CreatedAt),
        };
    }
}

/// <summary>A queued CSV export. The file is made when it is queued (a snapshot), so it can be downloaded at once.</summary>
internal sealed class FileExport
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required JsonNode? Filter { get; init; }

    public required string FileName { get; init; }

    public required string Csv { get; init; }

    public required int Rows { get; init; }

    public required long CreatedAt { get; init; }

    /// <summary>Environment.TickCount64 from which the file can be downloaded.</summary>
    public required long ReadyAtTicks { get; init; }

    /// <summary>The document's queued record (no file name); the generous reading adds file_name, rows_count, created_at.</summary>
    public JsonObject ToJson(SandboxReading reading)
    {
        var json = new JsonObject
        {
            ["uuid"] = Uuid,
            ["team_id"] = TeamId,
            ["type"] = "contact_export_csv",
            ["filter"] = Filter?.DeepClone() ?? new JsonObject(),
            ["status"] = "queued",
        };
        if (reading == SandboxReading.Generous)
        {
            json["file_name"] = FileName;
            json["rows_count"] = Rows;
            json["created_at"] = Timestamps.Format(CreatedAt);
        }
        return json;
    }
}
