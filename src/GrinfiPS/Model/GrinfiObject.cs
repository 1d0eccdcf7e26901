using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GrinfiPS.Client;

namespace GrinfiPS.Model;

/// <summary>
/// Base of every object the API returns. It keeps the JSON it was read from, so fields this
/// module does not know yet (the API adds some over time) are never lost: PowerShell shows
/// them as extra properties.
/// </summary>
public abstract class GrinfiObject
{
    private protected GrinfiObject(JsonObject json) => Json = json;

    /// <summary>The object's UUID.</summary>
    /// <remarks>Abstract so each type lists it where it belongs among its own properties (Export-Csv column order).</remarks>
    public abstract string Uuid { get; }

    /// <summary>The JSON as the API sent it.</summary>
    internal JsonObject Json { get; }

    /// <summary>The connection the object was read through; names of related objects come from its cache.</summary>
    internal GrinfiConnection? Connection { get; set; }

    /// <summary>JSON field names that have a property of their own.</summary>
    private protected abstract ISet<string> KnownFields { get; }

    /// <summary>Fields the API sent that this module has no property for.</summary>
    internal IEnumerable<KeyValuePair<string, JsonNode?>> UnknownFields => Json.Where(p => !KnownFields.Contains(p.Key));

    private protected string ReadUuid() => JsonRead.String(Json, "uuid") ?? "";

    /// <summary>The API's JSON for the object, as sent.</summary>
    public string ToJson() => JsonFormat.Text(Json);

    /// <inheritdoc />
    public override string ToString() => Uuid;

    private protected static ISet<string> Fields(params string[] names) => new HashSet<string>(names);
}
