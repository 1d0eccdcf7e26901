using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Filters;
using GrinfiPS.Model;

namespace GrinfiPS.Runtime;

/// <summary>
/// Turns what a user writes in PowerShell (hashtables, arrays, PSCustomObjects, dates, our
/// objects) into JSON for a request body, as ConvertTo-Json would but without its depth limit
/// surprises: dates become ISO 8601 UTC and GrinfiPS objects their UUID.
/// </summary>
internal static class JsonInput
{
    public static JsonNode? From(object? value, string parameterName)
    {
        var inner = value is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : value;
        switch (inner)
        {
            case null:
                return null;
            case JsonNode node:
                return node.DeepClone();
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case DateTime dt:
                return JsonValue.Create(FilterConverter.Iso(dt));
            case DateTimeOffset dto:
                return JsonValue.Create(FilterConverter.Iso(dto.UtcDateTime));
            case Guid g:
                return JsonValue.Create(g.ToString("D"));
            case GrinfiObject o:
                return JsonValue.Create(o.Uuid);
            case Enum e:
                return JsonValue.Create(e.ToString());
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                return JsonValue.Create(Convert.ToInt64(inner, CultureInfo.InvariantCulture));
            case decimal m:
                return JsonValue.Create(m);
            case float or double:
                var d = Convert.ToDouble(inner, CultureInfo.InvariantCulture);
                return double.IsNaN(d) || double.IsInfinity(d)
                    ? throw GrinfiException.InvalidInput("GrinfiInvalidJsonValue", $"-{parameterName} holds {d}, which JSON cannot carry.", value, "Give a finite number.")
                    : JsonValue.Create(d);
            case IDictionary dictionary:
                var obj = new JsonObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? ""] = From(entry.Value, parameterName);
                }
                return obj;
            case PSObject custom:
                var fromObject = new JsonObject();
                foreach (var property in custom.Properties)
                {
                    if (property.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property)
                    {
                        fromObject[property.Name] = From(property.Value, parameterName);
                    }
                }
                return fromObject;
            case IEnumerable list:
                var array = new JsonArray();
                foreach (var item in list)
                {
                    array.Add(From(item, parameterName));
                }
                return array;
            default:
                throw GrinfiException.InvalidInput("GrinfiInvalidJsonValue",
                    $"-{parameterName} holds a {inner.GetType().Name}, which cannot be sent as JSON.", value,
                    "Use strings, numbers, booleans, dates, arrays and hashtables.");
        }
    }
}
