using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Http;

/// <summary>
/// The contract's error envelope:
/// <c>{"error":{"reason","message","data"},"message","code"}</c>. Every 4xx/5xx the sandbox
/// produces itself goes through here, so clients can rely on the shape.
/// </summary>
internal static class ApiErrors
{
    public const string InvalidData = "The given data was invalid.";

    public static ApiResult Envelope(int status, string reason, string message,
        IReadOnlyDictionary<string, List<string>>? data = null, string? topMessage = null) =>
        ApiResult.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("reason", reason);
            w.WriteString("message", message);
            w.WriteStartObject("data");
            if (data is not null)
            {
                foreach (var (field, messages) in data)
                {
                    w.WriteStartArray(field);
                    foreach (var m in messages) w.WriteStringValue(m);
                    w.WriteEndArray();
                }
            }
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("message", topMessage ?? message);
            w.WriteNumber("code", status);
            w.WriteEndObject();
        }, status);

    /// <summary>The default envelope for a status, as a fault script or the router needs it.</summary>
    public static ApiResult ForStatus(int status) => status switch
    {
        400 => BadRequest("Bad request."),
        401 => Unauthenticated(),
        402 => Envelope(402, "payment_required", "Payment required."),
        403 => Envelope(403, "access_denied", "This action is unauthorized."),
        404 => Envelope(404, "bad_request", "Not found."),
        422 => Envelope(422, "validation_error", InvalidData, topMessage: InvalidData),
        429 => TooManyAttempts(),
        _ => Envelope(status, ReasonFor(status), DefaultMessage(status)),
    };

    public static string ReasonFor(int status) => status switch
    {
        401 => "auth_exception",
        402 => "payment_required",
        403 => "access_denied",
        422 => "validation_error",
        // The contract names five reasons only; everything else (5xx included) is reported
        // as bad_request so that a client matching on the documented set never sees a stranger.
        _ => "bad_request",
    };

    public static string DefaultMessage(int status) => status switch
    {
        400 => "Bad request.",
        401 => "Unauthenticated.",
        402 => "Payment required.",
        403 => "This action is unauthorized.",
        404 => "Not found.",
        405 => "Method not allowed.",
        409 => "Conflict.",
        422 => InvalidData,
        429 => "Too Many Attempts.",
        500 => "Server Error.",
        502 => "Bad Gateway.",
        503 => "Service Unavailable.",
        504 => "Gateway Timeout.",
        _ => $"HTTP {status}.",
    };

    public static ApiResult Unauthenticated() => Envelope(401, "auth_exception", "Unauthenticated.");

    public static ApiResult TooManyAttempts() => Envelope(429, "bad_request", "Too Many Attempts.");

    public static ApiResult NotFound(string thing) => Envelope(404, "bad_request", $"{thing} not found.");

    public static ApiResult BadRequest(string message) => Envelope(400, "bad_request", message);

    public static ApiResult MethodNotAllowed(string method) =>
        Envelope(405, "bad_request", $"The {method} method is not supported for this route.");

    public static ApiResult ServerError() => Envelope(500, "bad_request", "Server Error.");

    public static ApiResult Validation(string field, string message) =>
        new ValidationErrors().Add(field, message).ToResult();
}

/// <summary>
/// Collects validation messages per field, in the order found, the way Laravel reports
/// all failures of a request at once.
/// </summary>
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public bool Any => _order.Count > 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_fields.TryGetValue(field, out var list))
        {
            _fields[field] = list = [];
            _order.Add(field);
        }
        list.Add(message);
        return this;
    }

    public bool Has(string field) => _fields.ContainsKey(field);

    public ApiResult ToResult()
    {
        // Preserve discovery order in the output: Dictionary keeps insertion order only
        // while nothing is removed, which holds here, but say so explicitly.
        var ordered = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var f in _order) ordered[f] = _fields[f];
        var first = _order.Count > 0 ? _fields[_order[0]][0] : ApiErrors.InvalidData;
        return ApiErrors.Envelope(422, "validation_error", first, ordered, ApiErrors.InvalidData);
    }
}

/// <summary>Thrown by deep helpers (filter parsing) to abort a request with a 422.</summary>
internal sealed class ValidationException : Exception
{
    public ValidationException(string field, string message) : base(message)
    {
        Field = field;
    }

    public string Field { get; }

    public ApiResult ToResult() => ApiErrors.Validation(Field, Message);
}

/// <summary>Small helpers to read typed values out of parsed request bodies.</summary>
internal static class JsonRead
{
    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static bool IsNullOrMissing(JsonObject obj, string name) =>
        !obj.TryGetPropertyValue(name, out var node) || node is null;

    /// <summary>The string value, or null when missing or JSON null; false when another type.</summary>
    public static bool TryString(JsonObject obj, string name, out string? value)
    {
        value = null;
        if (!obj.TryGetPropertyValue(name, out var node) || node is null) return true;
        if (node.GetValueKind() != JsonValueKind.String) return false;
        value = node.GetValue<string>();
        return true;
    }

    /// <summary>An integral JSON number (100, 100.0) as a long; false for anything else.</summary>
    public static bool TryInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is null || node.GetValueKind() != JsonValueKind.Number) return false;
        var d = node.GetValue<double>();
        if (double.IsNaN(d) || Math.Floor(d) != d) return false;
        value = d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)d;
        return true;
    }

    /// <summary>Laravel's boolean rule: true, false, 1, 0, "1", "0", "true", "false".</summary>
    public static bool TryBoolean(JsonNode? node, out bool value)
    {
        value = false;
        switch (Kind(node))
        {
            case JsonValueKind.True: value = true; return true;
            case JsonValueKind.False: return true;
            case JsonValueKind.Number:
                var d = node!.GetValue<double>();
                if (d is 0 or 1) { value = d == 1; return true; }
                return false;
            case JsonValueKind.String:
                switch (node!.GetValue<string>())
                {
                    case "1" or "true": value = true; return true;
                    case "0" or "false": return true;
                    default: return false;
                }
            default:
                return false;
        }
    }

    /// <summary>Human form of a field name in messages, as Laravel prints it: "list uuid".</summary>
    public static string Words(string field) => field.Replace('_', ' ');
}
