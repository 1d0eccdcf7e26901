using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>
/// The shapes answers come in. The contract shows pages as { data, limit, offset, total } and
/// single objects bare; some endpoints wrap single objects in { data }. Accept both.
/// </summary>
internal static class ApiJson
{
    /// <summary>A single object, bare or wrapped in { data: {...} }.</summary>
    public static JsonObject Single(JsonNode? node, string what)
    {
        if (node is JsonObject obj)
        {
            return obj["data"] is JsonObject inner && obj["uuid"] is null ? inner : obj;
        }
        throw Unexpected(what, node);
    }

    /// <summary>The items of an answer: a bare array, or { data: [...] }.</summary>
    public static IReadOnlyList<JsonObject> Items(JsonNode? node, string what)
    {
        var array = node as JsonArray ?? (node as JsonObject)?["data"] as JsonArray;
        if (array is null)
        {
            throw Unexpected(what, node);
        }
        return array.OfType<JsonObject>().ToList();
    }

    public static GrinfiApiException Unexpected(string what, JsonNode? node)
    {
        var text = node is null ? "an empty body" : JsonFormat.Text(node);
        if (text.Length > 200)
        {
            text = text.Substring(0, 200) + "…";
        }
        return new GrinfiApiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiUnexpectedResponse",
            $"The answer for {what} was not in the expected form: {text}");
    }
}
