using GrinfiPS.Client;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>
/// A JSON array from the API, as PowerShell values: objects become PSCustomObjects (so
/// <c>$lead.Experience | Select-Object title</c> works), scalars stay scalars.
/// </summary>
/// <remarks>
/// It prints as its content, not as a type name: "a; b" for scalars, compact JSON for objects.
/// Export-Csv and string interpolation rely on that.
/// </remarks>
public sealed class GrinfiArray : ReadOnlyCollection<object?>
{
    private readonly string _text;

    private GrinfiArray(IList<object?> items, string text)
        : base(items)
    {
        _text = text;
    }

    /// <summary>An empty array.</summary>
    public static GrinfiArray Empty { get; } = new(new List<object?>(), "");

    /// <summary>What the array holds, as text.</summary>
    public override string ToString() => _text;

    /// <summary>An array of values we computed (tag names, say).</summary>
    internal static GrinfiArray Of(IEnumerable<object?> values)
    {
        var items = values.ToList();
        return items.Count == 0 ? Empty : new GrinfiArray(items, string.Join("; ", items.Select(i => System.Convert.ToString(i, CultureInfo.InvariantCulture))));
    }

    internal static GrinfiArray From(JsonNode? node)
    {
        if (node is not JsonArray array || array.Count == 0)
        {
            return Empty;
        }
        var items = array.Select(PSJson.ToPowerShell).ToList();
        var scalars = items.All(i => i is null or string or long or double or bool or decimal);
        var text = scalars
            ? string.Join("; ", items.Select(i => System.Convert.ToString(i, CultureInfo.InvariantCulture)))
            : JsonFormat.Text(array);
        return new GrinfiArray(items, text);
    }
}

/// <summary>Turns JSON into the values a PowerShell user expects, as ConvertFrom-Json would.</summary>
internal static class PSJson
{
    public static object? ToPowerShell(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonArray:
                return GrinfiArray.From(node);
            case JsonObject obj:
                var ps = new PSObject();
                foreach (var pair in obj)
                {
                    ps.Properties.Add(new PSNoteProperty(pair.Key, ToPowerShell(pair.Value)));
                }
                return ps;
            case JsonValue value:
                var element = JsonRead.Element(value);
                return element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when element.TryGetInt64(out var n) => n,
                    JsonValueKind.Number => element.GetDouble(),
                    _ => null,
                };
            default:
                return null;
        }
    }
}
