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

/// <summary>One page of a paged answer, with the paging fields as the server stated them.</summary>
internal sealed class ApiPage<T>
{
    public ApiPage(IReadOnlyList<T> items, int? limit, int? offset, long? total, bool? hasMore)
    {
        Items = items;
        Limit = limit;
        Offset = offset;
        Total = total;
        HasMore = hasMore;
    }

    public IReadOnlyList<T> Items { get; }

    /// <summary>The page size the server applied, which may be less than the one asked for.</summary>
    public int? Limit { get; }

    public int? Offset { get; }

    public long? Total { get; }

    public bool? HasMore { get; }

    public static ApiPage<T> From(JsonNode? node, string what, System.Func<JsonObject, T> map)
    {
        var items = ApiJson.Items(node, what).Select(map).ToList();
        var obj = node as JsonObject;
        return new ApiPage<T>(items,
            obj is null ? null : (int?)Model.JsonRead.Int64(obj, "limit"),
            obj is null ? null : (int?)Model.JsonRead.Int64(obj, "offset"),
            obj is null ? null : Model.JsonRead.Int64(obj, "total"),
            obj is null ? null : Model.JsonRead.Boolean(obj, "has_more"));
    }
}
