using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>How GrinfiPS writes JSON: as people read it (">=" and "Müller", not "\u003E=" and "M\u00FCller").</summary>
internal static class JsonFormat
{
    /// <summary>Bodies go to our own API over HTTPS, never into HTML, so HTML-safe escaping buys nothing.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Text(JsonNode node) => node.ToJsonString(Options);

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());
}
