using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// A parsed search filter: per-field conditions ANDed together, as the contract defines
/// them (scalar =, array IN, operator object, "is_null", "is_not_null"). Range conditions
/// on <c>created_at</c> and <c>uuid</c> are also kept as bounds, so the query can find
/// them by binary search in the sorted indexes instead of testing every contact.
/// </summary>
internal sealed class LeadFilter
{
    private static readonly HashSet<string> _operators = new(StringComparer.Ordinal) { "=", "!=", "<>", "<", "<=", ">", ">=" };

    /// <summary>Conditions other than the range bounds below.</summary>
    public List<Func<Contact, bool>> Predicates { get; } = [];

    /// <summary>created_at bounds as [from, to) in ticks; null when the filter sets none.</summary>
    public (long From, long To)? CreatedRange { get; private set; }

    /// <summary>uuid bounds; each side null when open.</summary>
    public (Bound? Low, Bound? High)? UuidRange { get; private set; }

    public static LeadFilter Empty { get; } = new();

    /// <summary>A string bound: the value and whether the value itself is inside.</summary>
    public readonly record struct Bound(string Value, bool Inclusive);

    /// <summary>
    /// Parses a filter object. Keys that are not lead fields are ignored, as the real API
    /// does; <paramref name="skip"/> names keys with another meaning (a mass action's ids).
    /// Throws <see cref="ValidationException"/> naming <c>filter.&lt;field&gt;</c>.
    /// </summary>
    public static LeadFilter Parse(JsonNode? node, Func<string, bool>? skip = null)
    {
        if (node is null) return Empty;
        if (node is JsonArray { Count: 0 }) return Empty; // PHP clients send [] for an empty map
        if (node is not JsonObject obj) throw new ValidationException("filter", "The filter must be an object.");
        var filter = new LeadFilter();
        foreach (var (key, value) in obj)
        {
            if (skip?.Invoke(key) == true) continue;
            if (!LeadField.All.TryGetValue(key, out var field)) continue;
            filter.AddField(field, value);
        }
        return filter;
    }

    /// <summary>True when the contact passes every condition, range bounds included.</summary>
    public bool Matches(Contact c)
    {
        if (CreatedRange is { } r && (c.CreatedAt is not { } created || created < r.From || created >= r.To)) return false;
        if (UuidRange is { } u && !InUuidRange(c.Uuid, u)) return false;
        foreach (var p in Predicates)
        {
            if (!p(c)) return false;
        }
        return true;
    }

    public static bool InUuidRange(string uuid, (Bound? Low, Bound? High) range)
    {
        if (range.Low is { } low)
        {
            var cmp = string.CompareOrdinal(uuid, low.Value);
            if (cmp < 0 || (cmp == 0 && !low.Inclusive)) return false;
        }
        if (range.High is { } high)
        {
            var cmp = string.CompareOrdinal(uuid, high.Value);
            if (cmp > 0 || (cmp == 0 && !high.Inclusive)) return false;
        }
        return true;
    }

    private void AddField(LeadField field, JsonNode? value)
    {
        var name = "filter." + field.Name;
        switch (value)
        {
            case null:
                // Laravel turns where(col, null) into IS NULL; do the same.
                Predicates.Add(IsNull(field, true));
                return;
            case JsonArray array:
                Predicates.Add(In(field, array, name));
                return;
            case JsonObject ops:
                foreach (var (op, operand) in ops)
                {
                    if (!_operators.Contains(op)) throw new ValidationException(name, $"The {name} operator '{op}' is not supported.");
                    AddOperator(field, op, operand, name);
                }
                return;
        }
        if (value.GetValueKind() == JsonValueKind.String)
        {
            var text = value.GetValue<string>();
            if (text == "is_null") { Predicates.Add(IsNull(field, true)); return; }
            if (text == "is_not_null") { Predicates.Add(IsNull(field, false)); return; }
        }
        AddOperator(field, "=", value, name);
    }

    private void AddOperator(LeadField field, string op, JsonNode? operand, string name)
    {
        if (operand is JsonArray or JsonObject) throw new ValidationException(name, $"The {name} operand of '{op}' must be a single value.");
        if (operand is null)
        {
            // = null is IS NULL and != null IS NOT NULL (Laravel's reading); ordering against null matches nothing.
            Predicates.Add(op switch
            {
                "=" => IsNull(field, true),
                "!=" or "<>" => IsNull(field, false),
                _ => static _ => false,
            });
            return;
        }
        switch (field.Kind)
        {
            case FieldKind.Date:
            {
                var ticks = DateOperand(operand, name);
                if (field == LeadField.CreatedAt && TryNarrowCreated(op, ticks)) return;
                var get = field.Date!;
                Predicates.Add(Compare(op, c => get(c) is { } v ? v.CompareTo(ticks) : null));
                return;
            }
            case FieldKind.Number:
            {
                var number = NumberOperand(operand, name);
                var get = field.Number!;
                Predicates.Add(Compare(op, c => get(c) is { } v ? v.CompareTo(number) : null));
                return;
            }
            case FieldKind.Uuid or FieldKind.Text:
            {
                var text = TextOperand(operand, name, field.Kind == FieldKind.Uuid);
                if (field == LeadField.Uuid && TryNarrowUuid(op, text)) return;
                var get = field.Text!;
                Predicates.Add(Compare(op, c => get(c) is { } v ? string.CompareOrdinal(v, text) : null));
                return;
            }
            case FieldKind.StringArray:
            {
                var item = TextOperand(operand, name, field.UuidItems);
                var items = field.Items!;
                Predicates.Add(op switch
                {
                    "=" => c => Contains(items(c), item),
                    "!=" or "<>" => c => !Contains(items(c), item),
                    _ => throw new ValidationException(name, $"The {name} operator '{op}' is not supported for an array field."),
                });
                return;
            }
            default:
                throw new ValidationException(name, $"The {name} field can only be filtered with is_null or is_not_null.");
        }
    }

    private static Func<Contact, bool> In(LeadField field, JsonArray array, string name)
    {
        foreach (var item in array)
        {
            if (item is JsonArray or JsonObject) throw new ValidationException(name, $"Each {name} value must be a single value.");
        }
        // SQL: NULL is never IN a list, and a null item never matches.
        var items = array.Where(i => i is not null).ToList();
        switch (field.Kind)
        {
            case FieldKind.Date:
            {
                var set = items.Select(i => DateOperand(i!, name)).ToHashSet();
                var get = field.Date!;
                return c => get(c) is { } v && set.Contains(v);
            }
            case FieldKind.Number:
            {
                var set = items.Select(i => NumberOperand(i!, name)).ToHashSet();
                var get = field.Number!;
                return c => get(c) is { } v && set.Contains(v);
            }
            case FieldKind.Uuid or FieldKind.Text:
            {
                var set = items.Select(i => TextOperand(i!, name, field.Kind == FieldKind.Uuid)).ToHashSet(StringComparer.Ordinal);
                var get = field.Text!;
                return c => get(c) is { } v && set.Contains(v);
            }
            case FieldKind.StringArray:
            {
                var set = items.Select(i => TextOperand(i!, name, field.UuidItems)).ToHashSet(StringComparer.Ordinal);
                var get = field.Items!;
                return c =>
                {
                    foreach (var v in get(c))
                    {
                        if (set.Contains(v)) return true;
                    }
                    return false;
                };
            }
            default:
                throw new ValidationException(name, $"The {name} field can only be filtered with is_null or is_not_null.");
        }
    }

    private static Func<Contact, bool> IsNull(LeadField field, bool wantNull) => field.Kind switch
    {
        FieldKind.Date => c => field.Date!(c) is null == wantNull,
        FieldKind.Number => c => field.Number!(c) is null == wantNull,
        FieldKind.StringArray => c => field.Items!(c).Count == 0 == wantNull,
        FieldKind.ObjectArray => c => field.Length!(c) == 0 == wantNull,
        _ => c => field.Text!(c) is null == wantNull,
    };

    /// <summary>A comparison; <paramref name="compare"/> is null when the field is null, which fails everything.</summary>
    private static Func<Contact, bool> Compare(string op, Func<Contact, int?> compare) => op switch
    {
        "=" => c => compare(c) == 0,
        "!=" or "<>" => c => compare(c) is { } r && r != 0,
        "<" => c => compare(c) < 0,
        "<=" => c => compare(c) <= 0,
        ">" => c => compare(c) > 0,
        _ => c => compare(c) >= 0,
    };

    // Stored tag uuids are lower case (they are always the store's own), and uuid operands
    // were lower-cased when parsed, so ordinal equality is the case-insensitive comparison.
    private static bool Contains(IReadOnlyList<string> items, string item)
    {
        foreach (var v in items)
        {
            if (string.Equals(v, item, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private bool TryNarrowCreated(string op, long ticks)
    {
        var (from, to) = CreatedRange ?? (long.MinValue, long.MaxValue);
        switch (op)
        {
            case "=": from = Math.Max(from, ticks); to = Math.Min(to, ticks + 1); break;
            case ">": from = Math.Max(from, ticks + 1); break;
            case ">=": from = Math.Max(from, ticks); break;
            case "<": to = Math.Min(to, ticks); break;
            case "<=": to = Math.Min(to, ticks + 1); break;
            default: return false;
        }
        CreatedRange = (from, to);
        return true;
    }

    private bool TryNarrowUuid(string op, string value)
    {
        var (low, high) = UuidRange ?? (null, null);
        switch (op)
        {
            case "=": low = Tighter(low, new Bound(value, true), lower: true); high = Tighter(high, new Bound(value, true), lower: false); break;
            case ">": low = Tighter(low, new Bound(value, false), lower: true); break;
            case ">=": low = Tighter(low, new Bound(value, true), lower: true); break;
            case "<": high = Tighter(high, new Bound(value, false), lower: false); break;
            case "<=": high = Tighter(high, new Bound(value, true), lower: false); break;
            default: return false;
        }
        UuidRange = (low, high);
        return true;
    }

    private static Bound Tighter(Bound? current, Bound candidate, bool lower)
    {
        if (current is not { } cur) return candidate;
        var cmp = string.CompareOrdinal(candidate.Value, cur.Value);
        if (cmp == 0) return new Bound(cur.Value, cur.Inclusive && candidate.Inclusive);
        return (cmp > 0) == lower ? candidate : cur;
    }

    private static long DateOperand(JsonNode operand, string name)
    {
        if (operand.GetValueKind() == JsonValueKind.String && Timestamps.TryParse(operand.GetValue<string>(), out var ticks)) return ticks;
        throw new ValidationException(name, $"The {name} must be a valid date.");
    }

    private static double NumberOperand(JsonNode operand, string name)
    {
        switch (operand.GetValueKind())
        {
            case JsonValueKind.Number:
                return operand.GetValue<double>();
            case JsonValueKind.String when double.TryParse(operand.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                return d;
            default:
                throw new ValidationException(name, $"The {name} must be a number.");
        }
    }

    private static string TextOperand(JsonNode operand, string name, bool uuid)
    {
        var text = operand.GetValueKind() switch
        {
            JsonValueKind.String => operand.GetValue<string>(),
            JsonValueKind.Number => operand.ToJsonString(),
            _ => throw new ValidationException(name, $"The {name} must be a string."),
        };
        return uuid ? text.ToLowerInvariant() : text;
    }
}
