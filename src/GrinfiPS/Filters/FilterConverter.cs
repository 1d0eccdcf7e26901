using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Filters;

/// <summary>
/// Turns a PowerShell filter (hashtable, ordered dictionary or PSCustomObject) into the API's
/// filter JSON, checking everything that can be checked before a request is sent.
/// </summary>
/// <remarks>
/// Keys are lead fields (or company fields, for a company <see cref="FieldSet"/>), written as
/// the API does (company_name) or as GrinfiLead's properties (CompanyName). Values: a scalar (=), an array (IN), a hashtable of operators
/// (@{ '>=' = $a; '&lt;' = $b }; -ge/-lt style names work too), or 'is_null' / 'is_not_null'.
/// </remarks>
internal static class FilterConverter
{
    private static readonly Dictionary<string, string> s_operators = new(StringComparer.OrdinalIgnoreCase)
    {
        ["="] = "=", ["=="] = "=", ["-eq"] = "=", ["eq"] = "=",
        ["!="] = "!=", ["-ne"] = "!=", ["ne"] = "!=",
        ["<>"] = "<>",
        ["<"] = "<", ["-lt"] = "<", ["lt"] = "<",
        ["<="] = "<=", ["-le"] = "<=", ["le"] = "<=",
        [">"] = ">", ["-gt"] = ">", ["gt"] = ">",
        [">="] = ">=", ["-ge"] = ">=", ["ge"] = ">=",
    };

    /// <summary>The filter as API JSON; an empty object for no filter.</summary>
    /// <exception cref="GrinfiException">A field or value that cannot be sent, naming it and the fix.</exception>
    public static JsonObject Convert(object? filter, bool allowUnknownField, string parameterName = "Filter", FieldSet? fields = null)
    {
        fields ??= FieldSet.Leads;
        var result = new JsonObject();
        if (filter is FieldFilter typed)
        {
            filter = typed.Source;
        }
        if (filter is null)
        {
            return result;
        }
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Entries(Unwrap(filter) ?? filter, parameterName))
        {
            string field;
            FieldKind kind;
            if (!fields.TryResolve(key, out field, out kind))
            {
                if (!allowUnknownField)
                {
                    var close = fields.Suggest(key);
                    throw Invalid("GrinfiUnknownFilterField",
                        $"-{parameterName} field '{key}' is not a {fields.Record} field." +
                        (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : ""),
                        filter,
                        close.Count == 1
                            ? $"Write '{close[0]}'. If the API has a field GrinfiPS does not know yet, add -AllowUnknownField."
                            : close.Count > 1
                            ? "Write one of the fields suggested. If the API has a field GrinfiPS does not know yet, add -AllowUnknownField."
                            : $"Use a {fields.Record} field such as {fields.Example} or created_at; add -AllowUnknownField for a field GrinfiPS does not know yet.");
                }
                field = key;
            }
            if (given.TryGetValue(field, out var earlier))
            {
                throw Invalid("GrinfiDuplicateFilterField",
                    $"-{parameterName} names the field '{field}' twice ('{earlier}' and '{key}').", filter,
                    "Put every condition on one field in one entry, e.g. @{ created_at = @{ '>=' = $from; '<' = $to } }.");
            }
            given[field] = key;
            result[field] = Condition(field, kind, value, filter, parameterName, fields);
        }
        return result;
    }

    /// <summary>
    /// Adds the condition of an identity parameter (-List, -PipelineStage, -Tag): one value is
    /// "=", several are "IN". A field the filter already constrains is an error, not a guess.
    /// </summary>
    public static void AddIdentity(JsonObject filter, string field, IReadOnlyList<string> uuids, string parameterName)
    {
        if (uuids.Count == 0)
        {
            return;
        }
        if (filter.ContainsKey(field))
        {
            throw Invalid("GrinfiConflictingFilter",
                $"-{parameterName} and -Filter both set '{field}'.", uuids,
                $"Use one of them: -{parameterName} with several values matches any of them.");
        }
        filter[field] = uuids.Count == 1 ? JsonValue.Create(uuids[0]) : new JsonArray(uuids.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray());
    }

    /// <summary>A scalar as the API wants it: dates as ISO 8601 UTC, our objects as their UUID.</summary>
    public static JsonNode Scalar(object value, string field, FieldKind kind, object? target, string parameterName, FieldSet? fields = null)
    {
        switch (value)
        {
            case string s:
                if (kind is FieldKind.Uuid || (fields ?? FieldSet.Leads).HoldsUuids(field))
                {
                    if (!Guid.TryParseExact(s, "D", out _))
                    {
                        var hint = field switch
                        {
                            "list_uuid" => " To filter by list name use -List.",
                            "pipeline_stage_uuid" => " To filter by stage name use -PipelineStage.",
                            "tags" => " To filter by tag name use -Tag.",
                            "lead_status_uuid" => " To filter by stage name use -PipelineStage.",
                            "lists" => " To filter by list name use -List.",
                            _ => "",
                        };
                        throw Invalid("GrinfiInvalidFilterValue",
                            $"-{parameterName} field '{field}' takes a UUID, and '{s}' is not one.{hint}", target,
                            "Give a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e.");
                    }
                }
                return JsonValue.Create(s)!;
            case bool b:
                return JsonValue.Create(b)!;
            case DateTime dt:
                return JsonValue.Create(Iso(dt))!;
            case DateTimeOffset dto:
                return JsonValue.Create(dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))!;
            case Guid g:
                return JsonValue.Create(g.ToString("D"))!;
            case GrinfiObject o:
                return JsonValue.Create(o.Uuid)!;
            case Enum e:
                return JsonValue.Create(e.ToString())!;
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                return JsonValue.Create(System.Convert.ToInt64(value, CultureInfo.InvariantCulture))!;
            case float or double:
                var d = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    throw Invalid("GrinfiInvalidFilterValue", $"-{parameterName} field '{field}' is {d}, which JSON cannot carry.", target, "Give a finite number.");
                }
                return JsonValue.Create(d)!;
            case decimal m:
                return JsonValue.Create(m)!;
            default:
                throw Invalid("GrinfiInvalidFilterValue",
                    $"-{parameterName} field '{field}' has a value of type {value.GetType().Name}, which a filter cannot hold.", target,
                    "Use a string, number, boolean or date; an array for IN; a hashtable of operators; or 'is_null' / 'is_not_null'.");
        }
    }

    /// <summary>UTC, ISO 8601, full precision. A DateTime of unspecified kind is local time, as Get-Date's is.</summary>
    public static string Iso(DateTime value) =>
        (value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime()).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static JsonNode Condition(string field, FieldKind kind, object? raw, object target, string parameterName, FieldSet fields)
    {
        var value = Unwrap(raw);
        switch (value)
        {
            case null:
                throw Invalid("GrinfiNullFilterValue",
                    $"-{parameterName} field '{field}' is $null; to match {fields.Items} where it is empty, write 'is_null'.", target,
                    $"To match {fields.Items} where {field} is empty write @{{ {field} = 'is_null' }}; 'is_not_null' matches the rest.");
            case string s when s.Equals(FilterAlgebra.IsNull, StringComparison.OrdinalIgnoreCase):
                return JsonValue.Create(FilterAlgebra.IsNull)!;
            case string s when s.Equals(FilterAlgebra.IsNotNull, StringComparison.OrdinalIgnoreCase):
                return JsonValue.Create(FilterAlgebra.IsNotNull)!;
            case string:
                return Scalar(value, field, kind, target, parameterName, fields);
            case IDictionary or PSObject:
                if (kind == FieldKind.Array)
                {
                    throw Invalid("GrinfiInvalidFilterValue",
                        $"-{parameterName} field '{field}' is a list field; it takes a value or an array of values, not operators.", target,
                        $"Write @{{ {field} = 'value' }} or @{{ {field} = @('a', 'b') }} ({fields.Items} with any of them).");
                }
                var operators = new JsonObject();
                foreach (var (opKey, opRaw) in Entries(value, parameterName))
                {
                    if (!s_operators.TryGetValue(opKey, out var op))
                    {
                        throw Invalid("GrinfiUnknownFilterOperator",
                            $"-{parameterName} field '{field}' has the operator '{opKey}', which the API does not know.", target,
                            "Use one of = != <> < <= > >= (or -eq -ne -lt -le -gt -ge).");
                    }
                    if (operators.ContainsKey(op))
                    {
                        throw Invalid("GrinfiDuplicateFilterOperator",
                            $"-{parameterName} field '{field}' has the operator '{op}' twice.", target, "Give each operator once.");
                    }
                    var opValue = Unwrap(opRaw);
                    if (opValue is null or IDictionary or PSObject || (opValue is IEnumerable && opValue is not string))
                    {
                        throw Invalid("GrinfiInvalidFilterValue",
                            $"-{parameterName} field '{field}' operator '{op}' needs a single value" + (opValue is null ? ", not $null." : "."), target,
                            opValue is null ? $"For an empty field write @{{ {field} = 'is_null' }}." : "Give one string, number or date per operator.");
                    }
                    operators[op] = Scalar(opValue, field, kind, target, parameterName, fields);
                }
                if (operators.Count == 0)
                {
                    throw Invalid("GrinfiInvalidFilterValue",
                        $"-{parameterName} field '{field}' has an empty operator table.", target, "Add an operator, e.g. @{ '>=' = $value }.");
                }
                return operators;
            case IEnumerable list:
                var items = new JsonArray();
                foreach (var itemRaw in list)
                {
                    var item = Unwrap(itemRaw);
                    if (item is null or IDictionary or PSObject || (item is IEnumerable && item is not string))
                    {
                        throw Invalid("GrinfiInvalidFilterValue",
                            $"-{parameterName} field '{field}' has an array holding " + (item is null ? "$null" : "a nested collection") + "; an array may hold only values.", target,
                            "Give an array of strings, numbers or dates (it matches any of them).");
                    }
                    items.Add(Scalar(item, field, kind, target, parameterName, fields));
                }
                if (items.Count == 0)
                {
                    throw Invalid("GrinfiInvalidFilterValue",
                        $"-{parameterName} field '{field}' is an empty array, which matches no {fields.Item}.", target,
                        "Give at least one value, or leave the field out.");
                }
                return items;
            default:
                return Scalar(value, field, kind, target, parameterName, fields);
        }
    }

    /// <summary>Keys and values of a hashtable, ordered dictionary or PSCustomObject.</summary>
    private static IEnumerable<(string Key, object? Value)> Entries(object container, string parameterName)
    {
        switch (container)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    yield return (KeyText(entry.Key, container, parameterName), entry.Value);
                }
                break;
            case PSObject ps:
                foreach (var property in ps.Properties.Where(p => p.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property))
                {
                    yield return (property.Name, property.Value);
                }
                break;
            default:
                throw Invalid("GrinfiInvalidFilter",
                    $"-{parameterName} must be a hashtable or PSCustomObject, not {container.GetType().Name}.", container,
                    "Write a hashtable such as @{ company_name = 'Acme' }.");
        }
    }

    private static string KeyText(object? key, object target, string parameterName) =>
        Unwrap(key) is string s && s.Length > 0
            ? s
            : throw Invalid("GrinfiInvalidFilter", $"-{parameterName} has a key that is not a field name: '{key}'.", target, "Use field names as keys.");

    /// <summary>The value inside a PSObject, unless it is a PSCustomObject (whose properties are the point).</summary>
    private static object? Unwrap(object? value) =>
        value is PSObject ps && ps.BaseObject is not PSCustomObject ? Unwrap(ps.BaseObject) : value;

    private static GrinfiException Invalid(string errorId, string message, object? target, string fix) =>
        GrinfiException.InvalidInput(errorId, message, target, fix);
}
