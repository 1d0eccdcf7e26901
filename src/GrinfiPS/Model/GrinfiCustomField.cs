using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A custom field definition for contacts or companies.</summary>
public sealed class GrinfiCustomField : GrinfiNamedObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "team_id", "user_id", "name", "object", "order");

    internal GrinfiCustomField(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Name => JsonRead.String(Json, "name") ?? "";

    /// <summary>lead or company.</summary>
    public string? Object => JsonRead.String(Json, "object");

    /// <summary>Position among the fields.</summary>
    public int? Order => JsonRead.Int32(Json, "order");

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    /// <summary>Id of the user who made it.</summary>
    public long? UserId => JsonRead.Int64(Json, "user_id");

    private protected override ISet<string> KnownFields => s_fields;
}
