using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A pipeline stage for contacts (object "lead") or companies (object "company").</summary>
public sealed class GrinfiPipelineStage : GrinfiNamedObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "team_id", "name", "object", "type", "category", "order");

    internal GrinfiPipelineStage(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Name => JsonRead.String(Json, "name") ?? "";

    /// <summary>Position in the pipeline.</summary>
    public int? Order => JsonRead.Int32(Json, "order");

    /// <summary>cold, engaging, positive or negative.</summary>
    public string? Category => JsonRead.String(Json, "category");

    /// <summary>custom, or one of the built-in new, approaching, engaging, replied.</summary>
    public string? Type => JsonRead.String(Json, "type");

    /// <summary>lead or company.</summary>
    public string? Object => JsonRead.String(Json, "object");

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    private protected override ISet<string> KnownFields => s_fields;
}
