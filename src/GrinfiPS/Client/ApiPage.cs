using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

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
