using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>Reading loosely-typed JSON fields without exceptions: the API may send a number as a string, or null.</summary>
internal static class JsonRead
{
    public static string? String(JsonObject json, string name) => AsString(json[name]);

    public static string? AsString(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }
        var element = Element(value);
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }

    /// <summary>
    /// Parsed JSON holds elements; values we built ourselves hold CLR primitives. Read both alike.
    /// </summary>
    public static JsonElement Element(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            return element;
        }
        using var doc = JsonDocument.Parse(value.ToJsonString());
        return doc.RootElement.Clone();
    }

    public static long? Int64(JsonObject json, string name)
    {
        if (json[name] is not JsonValue value)
        {
            return null;
        }
        var element = Element(value);
        if (element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var n))
        {
            return n;
        }
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var d))
        {
            return (long)d;
        }
        return element.ValueKind == JsonValueKind.String && long.TryParse(element.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s
            : null;
    }

    public static int? Int32(JsonObject json, string name) =>
        Int64(json, name) is long n && n is >= int.MinValue and <= int.MaxValue ? (int)n : null;

    public static bool? Boolean(JsonObject json, string name)
    {
        if (json[name] is not JsonValue value)
        {
            return null;
        }
        var element = Element(value);
        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(element.GetString(), out var b) => b,
            _ => null,
        };
    }

    /// <summary>
    /// An ISO 8601 timestamp as local time, so it compares correctly with Get-Date (DateTime
    /// comparisons ignore Kind) and prints in the user's zone.
    /// </summary>
    public static DateTime? LocalTime(JsonObject json, string name) =>
        String(json, name) is string s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed)
            ? parsed.LocalDateTime
            : null;
}

