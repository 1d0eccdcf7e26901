using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>The user an API key belongs to.</summary>
public sealed class GrinfiUser : GrinfiObject
{
    private static readonly ISet<string> s_fields = Fields("uuid", "id", "first_name", "last_name", "email", "timezone");

    internal GrinfiUser(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Full name.</summary>
    public string Name => $"{FirstName} {LastName}".Trim();

    /// <summary>Email address.</summary>
    public string? Email => JsonRead.String(Json, "email");

    /// <summary>First name.</summary>
    public string? FirstName => JsonRead.String(Json, "first_name");

    /// <summary>Last name.</summary>
    public string? LastName => JsonRead.String(Json, "last_name");

    /// <summary>Time zone.</summary>
    public string? Timezone => JsonRead.String(Json, "timezone");

    /// <summary>Numeric id.</summary>
    public long? Id => JsonRead.Int64(Json, "id");

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    private protected override ISet<string> KnownFields => s_fields;

    /// <inheritdoc />
    public override string ToString() => Email is { Length: > 0 } email ? $"{Name} <{email}>" : Name;
}
