using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Data;

/// <summary>An entry of the enrichment queue: a contact or company queued for advanced enrichment.</summary>
internal sealed class EnrichmentEntry
{
    public required string Uuid { get; init; }

    public required int TeamId { get; init; }

    /// <summary><c>lead</c> or <c>company</c>.</summary>
    public required string ObjectType { get; init; }

    public required string ObjectUuid { get; init; }

    public string Status { get; set; } = "queued";

    public required long CreatedAt { get; init; }

    /// <summary>
    /// The document gives queue entries no shape at all (<c>items: {type: object}</c>): the
    /// minimal reading promises nothing and sends empty objects; the generous one sends what
    /// a queue entry plausibly holds.
    /// </summary>
    public JsonObject ToJson(SandboxReading reading) => reading == SandboxReading.Minimal
        ? []
        : new JsonObject
        {
            ["uuid"] = Uuid,
            ["team_id"] = TeamId,
            ["object_type"] = ObjectType,
            ["object_uuid"] = ObjectUuid,
            ["status"] = Status,
            ["created_at"] = Timestamps.Format(CreatedAt),
        };
}
