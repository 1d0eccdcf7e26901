using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Adds conditions to a search filter (the paging cursor, for one) without losing the user's
/// own conditions on the same field. A filter is { field: scalar | [IN] | {op: value} |
/// "is_null" | "is_not_null" }, and a field can hold only one of those, so merging a cursor
/// into a field the user already constrained needs care.
/// </summary>
internal static class FilterAlgebra
{
    public const string IsNull = "is_null";
    public const string IsNotNull = "is_not_null";

    /// <summary>The operators the API knows.</summary>
    public static readonly IReadOnlyCollection<string> Operators = new[] { "=", "!=", "<>", "<", "<=", ">", ">=" };

    /// <summary>
    /// The filter AND <c>field op value</c>, or null when no record can match (so the request
    /// need not be sent). The input is not changed. Fields are contact fields unless
    /// <paramref name="fields"/> says otherwise.
    /// </summary>
    public static JsonObject? And(JsonObject filter, string field, string op, JsonNode value, FieldSet? fields = null)
    {
        var result = (JsonObject)filter.DeepClone();
        var kind = (fields ?? FieldSet.Leads).KindOf(field);
        switch (result[field])
        {
            case null:
                result[field] = new JsonObject { [op] = value.DeepClone() };
                return result;
            case JsonValue existing when Marker(existing) == IsNotNull:
                result[field] = new JsonObject { [op] = value.DeepClone() };
                return result;
            case JsonValue existing when Marker(existing) == IsNull:
                return null;
            case JsonValue scalar:
                // Every match has exactly this value: the condition either holds for all or for none.
                return Holds(scalar, op, value, kind) ? result : null;
            case JsonArray inList:
                var kept = inList.Where(item => item is not null && Holds(item, op, value, kind)).Select(i => i!.DeepClone()).ToArray();
                if (kept.Length == 0)
                {
                    return null;
                }
                result[field] = new JsonArray(kept);
                return result;
            case JsonObject operators:
                if (operators[op] is JsonNode current)
                {
                    // Two bounds of one kind: the tighter one is the condition. Equality conditions
                    // added by paging come from matching rows, so the user's one already agrees.
                    var tighter = op switch
                    {
                        ">" or ">=" => Compare(value, current, kind) > 0,
                        "<" or "<=" => Compare(value, current, kind) < 0,
                        _ => false,
                    };
                    if (tighter)
                    {
                        operators[op] = value.DeepClone();
                    }
                }
                else
                {
                    operators[op] = value.DeepClone();
                }
                return result;
            default:
                return result;
        }
    }

    /// <summary>The filter AND <c>field IS NULL</c>, or null when the filter already excludes nulls.</summary>
    public static JsonObject? AndIsNull(JsonObject filter, string field)
    {
        if (ExcludesNull(filter, field))
        {
            return null;
        }
        var result = (JsonObject)filter.DeepClone();
        result[field] = IsNull;
        return result;
    }

    /// <summary>The filter AND <c>field IS NOT NULL</c>, or null when the filter only allows nulls.</summary>
    public static JsonObject? AndIsNotNull(JsonObject filter, string field)
    {
        if (filter[field] is JsonValue v && Marker(v) == IsNull)
        {
            return null;
        }
        if (ExcludesNull(filter, field))
        {
            return (JsonObject)filter.DeepClone();
        }
        var result = (JsonObject)filter.DeepClone();
        result[field] = IsNotNull;
        return result;
    }

    /// <summary>Whether the filter's condition on a field already rules out contacts where it is null.</summary>
    public static bool ExcludesNull(JsonObject filter, string field) => filter[field] switch
    {
        null => false,
        JsonValue v when Marker(v) == IsNull => false,
        _ => true, // a value, a list, operators (SQL: null compares to nothing) or is_not_null
    };

    /// <summary>Whether two field values are the same to the server (a tie in sorting).</summary>
    public static bool Same(JsonNode? a, JsonNode? b, FieldKind kind) =>
        a is null || b is null ? a is null && b is null : Compare(a, b, kind) == 0;

    /// <summary>Orders two values as the server does: instants, numbers, or ordinal text (UUIDs case-insensitively).</summary>
    public static int Compare(JsonNode a, JsonNode b, FieldKind kind)
    {
        var sa = JsonRead.AsString(a);
        var sb = JsonRead.AsString(b);
        if (sa is null || sb is null)
        {
            return string.CompareOrdinal(a.ToJsonString(), b.ToJsonString());
        }
        if (kind == FieldKind.Date && TryInstant(sa, out var da) && TryInstant(sb, out var db))
        {
            return da.CompareTo(db);
        }
        if (kind == FieldKind.Number && double.TryParse(sa, NumberStyles.Float, CultureInfo.InvariantCulture, out var na)
            && double.TryParse(sb, NumberStyles.Float, CultureInfo.InvariantCulture, out var nb))
        {
            return na.CompareTo(nb);
        }
        return kind == FieldKind.Uuid
            ? string.CompareOrdinal(sa.ToLowerInvariant(), sb.ToLowerInvariant())
            : string.CompareOrdinal(sa, sb);
    }

    /// <summary>Whether <c>value op bound</c> holds, compared as the server compares the field's kind.</summary>
    public static bool Satisfies(JsonNode value, string op, JsonNode bound, FieldKind kind) => Holds(value, op, bound, kind);

    /// <summary>
    /// A field of <paramref name="filter"/> that the returned record does not satisfy, or null.
    /// Only conditions a client can judge exactly are checked: equality and IN on UUID-valued
    /// fields (list, stage, company, ...), and UUID lists (tags; a company's lists). Text
    /// compares as the server's collation does, which a client cannot know, so text fields are
    /// left to the server. Fields are contact fields unless <paramref name="fields"/> says otherwise.
    /// </summary>
    public static string? ViolatedField(JsonObject filter, JsonObject lead, FieldSet? fields = null)
    {
        fields ??= FieldSet.Leads;
        foreach (var condition in filter)
        {
            var kind = fields.KindOf(condition.Key);
            if (fields.HoldsUuids(condition.Key))
            {
                var carried = (lead[condition.Key] as JsonArray)?.Select(t => t is null ? null : JsonRead.AsString(t)).Where(t => t is not null).ToList() ?? new List<string?>();
                var wanted = Values(condition.Value);
                if (wanted is not null && !wanted.Any(w => carried.Contains(w, StringComparer.OrdinalIgnoreCase)))
                {
                    return condition.Key;
                }
                continue;
            }
            if (kind != FieldKind.Uuid || !lead.ContainsKey(condition.Key))
            {
                continue;
            }
            var actual = JsonRead.String(lead, condition.Key);
            var marker = condition.Value is JsonValue v ? Marker(v) : null;
            if (marker == IsNull ? actual is not null
                : marker == IsNotNull ? actual is null
                : Values(condition.Value) is { } allowed && (actual is null || !allowed.Contains(actual, StringComparer.OrdinalIgnoreCase)))
            {
                return condition.Key;
            }
        }
        return null;
    }

    // The values of an "=" or "IN" condition; null for operators and markers.
    private static List<string>? Values(JsonNode? condition) => condition switch
    {
        JsonArray array => array.Select(i => i is null ? null : JsonRead.AsString(i)).Where(i => i is not null).Select(i => i!).ToList(),
        JsonValue value when Marker(value) is not (IsNull or IsNotNull) && JsonRead.AsString(value) is string s => new List<string> { s },
        _ => null,
    };

    private static bool Holds(JsonNode candidate, string op, JsonNode bound, FieldKind kind)
    {
        var c = Compare(candidate, bound, kind);
        return op switch
        {
            "=" => c == 0,
            "!=" or "<>" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            ">=" => c >= 0,
            _ => true,
        };
    }

    private static string? Marker(JsonValue value) =>
        JsonRead.Element(value) is { ValueKind: JsonValueKind.String } e ? e.GetString() : null;

    private static bool TryInstant(string s, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
