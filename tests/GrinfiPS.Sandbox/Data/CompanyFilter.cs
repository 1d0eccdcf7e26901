using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// A parsed company search filter. The document says the company search takes the same
/// filters as the company list (whose only documented key is <c>q</c>, a search query) and
/// shows <c>industry: SaaS</c> as an example; the sandbox reads it as the contact search's
/// language over the company schema's fields: scalar (=), array (IN), operator object,
/// "is_null", "is_not_null", ANDed. <c>q</c> matches a case-insensitive part of the name or
/// domain. Keys that are not company fields are ignored, as for contacts.
/// </summary>
internal sealed class CompanyFilter
{
    private static readonly HashSet<string> _operators = new(StringComparer.Ordinal) { "=", "!=", "<>", "<", "<=", ">", ">=" };

    private readonly List<Func<Company, bool>> _predicates = [];

    public static CompanyFilter Empty { get; } = new();

    /// <summary>Parses a filter object; <paramref name="skip"/> names keys with another meaning (a mass action's ids). Throws <see cref="ValidationException"/>.</summary>
    public static CompanyFilter Parse(JsonNode? node, Func<string, bool>? skip = null)
    {
        if (node is null || node is JsonArray { Count: 0 }) return Empty;
        if (node is not JsonObject obj) throw new ValidationException("filter", "The filter must be an object.");
        var filter = new CompanyFilter();
        foreach (var (key, value) in obj)
        {
            if (skip?.Invoke(key) == true) continue;
            if (key == "q")
            {
                if (JsonRead.Kind(value) != JsonValueKind.String) throw new ValidationException("filter.q", "The filter.q must be a string.");
                var q = value!.GetValue<string>().Trim();
                if (q.Length > 0)
                {
                    filter._predicates.Add(c => (c.Name?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false) || (c.Domain?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false));
                }
                continue;
            }
            if (!CompanyField.All.TryGetValue(key, out var field)) continue;
            filter.AddField(field, value);
        }
        return filter;
    }

    public bool Matches(Company c)
    {
        foreach (var p in _predicates)
        {
            if (!p(c)) return false;
        }
        return true;
    }

    private void AddField(CompanyField field, JsonNode? value)
    {
        var name = "filter." + field.Name;
        switch (value)
        {
            case null:
                _predicates.Add(IsNull(field, true));
                return;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonArray or JsonObject) throw new ValidationException(name, $"Each {name} value must be a single value.");
                }
                if (field.Kind == FieldKind.ObjectArray) throw new ValidationException(name, $"The {name} field can only be filtered with is_null or is_not_null.");
                // SQL: NULL is never IN a list, and a null item never matches.
                var bounds = array.Where(i => i is not null).Select(i => Operand(field, i!, name)).ToList();
                _predicates.Add(c => bounds.Any(b => Compare(field, c, "=", b)));
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
            if (text == "is_null") { _predicates.Add(IsNull(field, true)); return; }
            if (text == "is_not_null") { _predicates.Add(IsNull(field, false)); return; }
        }
        AddOperator(field, "=", value, name);
    }

    private void AddOperator(CompanyField field, string op, JsonNode? operand, string name)
    {
        if (operand is JsonArray or JsonObject) throw new ValidationException(name, $"The {name} operand of '{op}' must be a single value.");
        if (operand is null)
        {
            _predicates.Add(op switch
            {
                "=" => IsNull(field, true),
                "!=" or "<>" => IsNull(field, false),
                _ => static _ => false,
            });
            return;
        }
        if (field.Kind == FieldKind.ObjectArray) throw new ValidationException(name, $"The {name} field can only be filtered with is_null or is_not_null.");
        if (field.Kind == FieldKind.StringArray && op is not ("=" or "!=" or "<>")) throw new ValidationException(name, $"The {name} operator '{op}' is not supported for an array field.");
        var bound = Operand(field, operand, name);
        _predicates.Add(c => Compare(field, c, op, bound));
    }

    /// <summary>Whether <c>field op operand</c> holds for the company; a null field value fails every comparison (SQL).</summary>
    private static bool Compare(CompanyField field, Company c, string op, object bound)
    {
        int? cmp;
        switch (field.Kind)
        {
            case FieldKind.StringArray:
                var holds = field.Items!(c).Contains((string)bound, StringComparer.Ordinal);
                return op == "=" ? holds : !holds;
            case FieldKind.Date:
                cmp = field.Date!(c) is { } d ? d.CompareTo((long)bound) : null;
                break;
            case FieldKind.Number:
                cmp = field.Number!(c) is { } n ? n.CompareTo((double)bound) : null;
                break;
            default:
                var text = field.Text!(c);
                cmp = text is null ? null : string.CompareOrdinal(field.Kind == FieldKind.Uuid ? text.ToLowerInvariant() : text, (string)bound);
                break;
        }
        return cmp is { } r && op switch
        {
            "=" => r == 0,
            "!=" or "<>" => r != 0,
            "<" => r < 0,
            "<=" => r <= 0,
            ">" => r > 0,
            _ => r >= 0,
        };
    }

    private static object Operand(CompanyField field, JsonNode operand, string name)
    {
        switch (field.Kind)
        {
            case FieldKind.Date:
                if (operand.GetValueKind() == JsonValueKind.String && Timestamps.TryParse(operand.GetValue<string>(), out var ticks)) return ticks;
                throw new ValidationException(name, $"The {name} must be a valid date.");
            case FieldKind.Number:
                if (operand.GetValueKind() == JsonValueKind.Number) return operand.GetValue<double>();
                if (operand.GetValueKind() == JsonValueKind.String && double.TryParse(operand.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
                throw new ValidationException(name, $"The {name} must be a number.");
            default:
                var text = operand.GetValueKind() switch
                {
                    JsonValueKind.String => operand.GetValue<string>(),
                    JsonValueKind.Number => operand.ToJsonString(),
                    _ => throw new ValidationException(name, $"The {name} must be a string."),
                };
                return field.Kind is FieldKind.Uuid or FieldKind.StringArray ? text.ToLowerInvariant() : text;
        }
    }

    private static Func<Company, bool> IsNull(CompanyField field, bool wantNull) => field.Kind switch
    {
        FieldKind.Date => c => field.Date!(c) is null == wantNull,
        FieldKind.Number => c => field.Number!(c) is null == wantNull,
        FieldKind.StringArray => c => field.Items!(c).Count == 0 == wantNull,
        FieldKind.ObjectArray => c => field.Length!(c) == 0 == wantNull,
        _ => c => field.Text!(c) is null == wantNull,
    };
}
