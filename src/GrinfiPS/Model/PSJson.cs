using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

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
