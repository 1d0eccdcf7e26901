using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Data;

/// <summary>A data source (an import job) and the counts its metrics report.</summary>
internal sealed class DataSource
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    public required int UserId { get; init; }

    /// <summary>One of the document's types; seeded ones are <c>csv_leads</c>.</summary>
    public required string Type { get; init; }

    /// <summary>One of the document's statuses; seeded ones are <c>completed</c>.</summary>
    public required string Status { get; set; }

    public required string ListUuid { get; init; }

    public required long CreatedAt { get; init; }

    public required long UpdatedAt { get; set; }

    public int Queued { get; set; }

    public int Saved { get; set; }

    public int Duplicate { get; set; }

    public int Blacklisted { get; set; }

    public int Error { get; set; }

    /// <summary>The document's data-source schema, every property (the same in both readings).</summary>
    public JsonObject ToJson() => new()
    {
        ["uuid"] = Uuid,
        ["team_id"] = TeamId,
        ["sender_profile_uuid"] = null,
        ["list_uuid"] = ListUuid,
        // "Import configuration specific to the data source type", with no shape: promise nothing.
        ["payload"] = new JsonObject(),
        ["tags"] = null,
        ["type"] = Type,
        ["status"] = Status,
        ["errors"] = new JsonArray(),
        ["user_id"] = UserId,
        ["created_at"] = Timestamps.Format(CreatedAt),
        ["updated_at"] = Timestamps.Format(UpdatedAt),
    };

    /// <summary>The metrics entry: the five counts, and the child counts (this sandbox's sources have no children).</summary>
    public JsonObject MetricsJson() => new()
    {
        ["queued_records"] = Queued,
        ["saved_records"] = Saved,
        ["duplicate_records"] = Duplicate,
        ["blacklisted_records"] = Blacklisted,
        ["error_records"] = Error,
        ["child_queued_records"] = 0,
        ["child_saved_records"] = 0,
        ["child_duplicate_records"] = 0,
    };
}
