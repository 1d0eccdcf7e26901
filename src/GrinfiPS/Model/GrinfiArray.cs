using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Client;

namespace GrinfiPS.Model;

/// <summary>
/// A JSON array from the API, as PowerShell values: objects become PSCustomObjects (so
/// <c>$lead.Experience | Select-Object title</c> works), scalars stay scalars.
/// </summary>
/// <remarks>
/// It prints as its content, not as a type name: "a; b" for scalars, and readable text for
/// objects ("CTO at Acme (2020-01 – 2023-05)"), so Export-Csv writes a column a person and
/// Excel can read, and string interpolation shows what it holds.
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
        var text = string.Join("; ", array.Select(Readable).Where(t => t.Length > 0));
        return new GrinfiArray(items, text);
    }

    /// <summary>One item as a person reads it: the shapes the API uses, else its values.</summary>
    private static string Readable(JsonNode? item)
    {
        if (item is not JsonObject obj)
        {
            return item is null ? "" : JsonRead.AsString(item) ?? JsonFormat.Text(item);
        }
        string? S(string name) => JsonRead.String(obj, name) is { Length: > 0 } s ? s.Trim() : null;
        string Span(string from, string to) => S(from) is null && S(to) is null ? "" : $" ({S(from)} – {S(to) ?? "now"})";
        if (S("title") is not null || S("company") is not null)
        {
            return string.Join(" at ", new[] { S("title"), S("company") }.Where(p => p is not null)) + Span("start_date", "end_date");
        }
        if (S("school") is not null)
        {
            var what = string.Join(", ", new[] { S("degree"), S("field_of_study") }.Where(p => p is not null));
            return S("school") + (what.Length > 0 ? ": " + what : "") + Span("start_year", "end_year");
        }
        if (S("address_string") is string address)
        {
            return address;
        }
        if (S("content") is string content)
        {
            var excerpt = content.Length > 80 ? content.Substring(0, 79) + "…" : content;
            return S("date") is string date ? $"{date}: {excerpt}" : excerpt;
        }
        if (S("category") is string category)
        {
            return $"{category}: {S("count") ?? "0"}";
        }
        return string.Join(", ", obj.Where(p => p.Value is JsonValue).Select(p => $"{p.Key}={JsonRead.AsString(p.Value)}"));
    }
}
