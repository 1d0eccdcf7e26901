using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>Validation and paging helpers the endpoint groups share.</summary>
internal static class EndpointSupport
{
    public const int DefaultLimit = 20;

    /// <summary>A fresh random uuid for objects made through the API (lower case, version 4).</summary>
    public static string NewUuid() => Guid.NewGuid().ToString("D");

    /// <summary>
    /// <c>limit</c> and <c>offset</c> from a JSON body: limit an integer ≥ 1 (clamped to the
    /// maximum page size), offset an integer ≥ 0. Null counts as absent.
    /// </summary>
    public static (int Limit, int Offset) PagingFromBody(JsonObject body, int maxPageSize, ValidationErrors errors)
    {
        var limit = DefaultLimit;
        var offset = 0;
        if (!JsonRead.IsNullOrMissing(body, "limit"))
        {
            if (!JsonRead.TryInteger(body["limit"], out var l)) errors.Add("limit", "The limit must be an integer.");
            else if (l < 1) errors.Add("limit", "The limit must be at least 1.");
            else limit = (int)Math.Min(l, maxPageSize);
        }
        if (!JsonRead.IsNullOrMissing(body, "offset"))
        {
            if (!JsonRead.TryInteger(body["offset"], out var o)) errors.Add("offset", "The offset must be an integer.");
            else if (o < 0) errors.Add("offset", "The offset must be at least 0.");
            else offset = (int)Math.Min(o, int.MaxValue);
        }
        return (Math.Min(limit, maxPageSize), offset);
    }

    /// <summary>The same rules for <c>?limit=&amp;offset=</c> query parameters.</summary>
    public static (int Limit, int Offset) PagingFromQuery(IQueryCollection query, int maxPageSize, ValidationErrors errors)
    {
        var limit = DefaultLimit;
        var offset = 0;
        var limitText = query["limit"].ToString();
        if (limitText.Length > 0)
        {
            if (!long.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) errors.Add("limit", "The limit must be an integer.");
            else if (l < 1) errors.Add("limit", "The limit must be at least 1.");
            else limit = (int)Math.Min(l, maxPageSize);
        }
        var offsetText = query["offset"].ToString();
        if (offsetText.Length > 0)
        {
            if (!long.TryParse(offsetText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var o)) errors.Add("offset", "The offset must be an integer.");
            else if (o < 0) errors.Add("offset", "The offset must be at least 0.");
            else offset = (int)Math.Min(o, int.MaxValue);
        }
        return (Math.Min(limit, maxPageSize), offset);
    }

    /// <summary>A page of already-filtered, already-ordered items.</summary>
    public static ApiResult Page<T>(IReadOnlyList<T> items, int limit, int offset, Func<T, JsonNode> toJson, PageFields fields)
    {
        var page = items.Skip(offset).Take(limit).Select(toJson).ToList();
        return ApiResult.Page(page, limit, offset, items.Count, fields);
    }

    /// <summary>A required string (trimmed; empty counts as missing) of at most <paramref name="max"/> characters.</summary>
    public static string? RequiredString(JsonObject body, string field, ValidationErrors errors, int max = 255, string? label = null)
    {
        var name = label ?? field;
        if (!body.TryGetPropertyValue(field, out var node) || node is null)
        {
            errors.Add(name, $"The {JsonRead.Words(name)} field is required.");
            return null;
        }
        return CheckString(node, name, errors, max, required: true);
    }

    /// <summary>An optional string: null when absent; validated like <see cref="RequiredString"/> when present.</summary>
    public static string? OptionalString(JsonObject body, string field, ValidationErrors errors, int max = 255, string? label = null)
    {
        var name = label ?? field;
        if (!body.TryGetPropertyValue(field, out var node) || node is null) return null;
        return CheckString(node, name, errors, max, required: true);
    }

    private static string? CheckString(JsonNode node, string name, ValidationErrors errors, int max, bool required)
    {
        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(name, $"The {JsonRead.Words(name)} must be a string.");
            return null;
        }
        var text = node.GetValue<string>().Trim();
        if (text.Length == 0 && required)
        {
            errors.Add(name, $"The {JsonRead.Words(name)} field is required.");
            return null;
        }
        if (text.Length > max)
        {
            errors.Add(name, $"The {JsonRead.Words(name)} may not be greater than {max} characters.");
            return null;
        }
        return text;
    }

    /// <summary>An optional integer; null when absent.</summary>
    public static int? OptionalInt(JsonObject body, string field, ValidationErrors errors)
    {
        if (JsonRead.IsNullOrMissing(body, field)) return null;
        if (JsonRead.TryInteger(body[field], out var value) && value is >= int.MinValue and <= int.MaxValue) return (int)value;
        errors.Add(field, $"The {JsonRead.Words(field)} must be an integer.");
        return null;
    }

    /// <summary>A list of strings (uuids); null when absent or of the wrong shape (with an error).</summary>
    public static List<string>? StringArray(JsonNode? node, string field, ValidationErrors errors, bool required)
    {
        if (node is null)
        {
            if (required) errors.Add(field, $"The {field} field is required.");
            return null;
        }
        if (node is not JsonArray array || array.Any(i => JsonRead.Kind(i) != JsonValueKind.String))
        {
            errors.Add(field, $"The {field} must be an array of strings.");
            return null;
        }
        return array.Select(i => i!.GetValue<string>()).ToList();
    }

    /// <summary>Value of a bracketed query filter (<c>filter[q]</c>); null when absent or empty.</summary>
    public static string? QueryFilter(IQueryCollection query, string key)
    {
        var value = query[$"filter[{key}]"].ToString();
        return value.Length == 0 ? null : value;
    }

    public static bool ContainsIgnoreCase(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
