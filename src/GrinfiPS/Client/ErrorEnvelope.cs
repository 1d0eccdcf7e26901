using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace GrinfiPS.Client;

/// <summary>The API's error envelope: { error: { reason, message, data }, message, code }.</summary>
internal sealed class ErrorEnvelope
{
    private ErrorEnvelope(string? reason, string message, IReadOnlyDictionary<string, IReadOnlyList<string>> fieldErrors)
    {
        Reason = reason;
        Message = message;
        FieldErrors = fieldErrors;
    }

    public string? Reason { get; }

    public string Message { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors { get; }

    public static ErrorEnvelope? TryParse(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root is not JsonObject obj)
        {
            return null;
        }
        var error = obj["error"] as JsonObject;
        var message = Text(error?["message"]) ?? Text(obj["message"]);
        if (error is null && message is null)
        {
            return null;
        }
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (error?["data"] is JsonObject data)
        {
            foreach (var pair in data)
            {
                var messages = pair.Value switch
                {
                    JsonArray array => array.Select(Text).Where(t => t is not null).Select(t => t!).ToList(),
                    JsonValue value when Text(value) is string s => new List<string> { s },
                    _ => new List<string>(),
                };
                if (messages.Count > 0)
                {
                    fields[pair.Key] = messages;
                }
            }
        }
        // With field errors, error.message usually repeats the first of them; the top-level
        // message ("The given data was invalid.") leads in better.
        if (fields.Count > 0 && Text(obj["message"]) is string summary)
        {
            message = summary;
        }
        return new ErrorEnvelope(Text(error?["reason"]), message ?? "(no message)", fields);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node is JsonValue other ? other.ToJsonString() : null;
}
