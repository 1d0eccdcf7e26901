using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;

namespace GrinfiPS.Sandbox.Http;

/// <summary>Thrown when a body is not the JSON an endpoint needs: answered 400 bad_request.</summary>
internal sealed class BadRequestException(string message) : Exception(message);

/// <summary>What a handler gets: the request, its team's store, the body, the path values.</summary>
internal sealed class ApiRequest
{
    private static readonly JsonDocumentOptions _parseOptions = new() { MaxDepth = 64 };

    private readonly byte[] _body;
    private readonly TeamStore? _team;
    private JsonNode? _json;
    private bool _parsed;

    public ApiRequest(HttpContext http, SandboxContext sandbox, TeamStore? team, byte[] body, string[] values)
    {
        Http = http;
        Sandbox = sandbox;
        _team = team;
        _body = body;
        Values = values;
        Reading = sandbox.Options.Reading;
    }

    /// <summary>The reading this request is answered in (taken once, at dispatch).</summary>
    public SandboxReading Reading { get; }

    public HttpContext Http { get; }

    public SandboxContext Sandbox { get; }

    /// <summary>The caller's team data; only API (not control) requests have one.</summary>
    public TeamStore Team => _team ?? throw new InvalidOperationException("Control requests have no team.");

    /// <summary>Values captured by <c>{...}</c> segments of the route, in order.</summary>
    public string[] Values { get; }

    public string Id => Values[0];

    public IQueryCollection Query => Http.Request.Query;

    /// <summary>The raw body bytes.</summary>
    public byte[] Body => _body;

    /// <summary>The parsed body; null for an empty body or JSON null. Malformed JSON throws a 400.</summary>
    public JsonNode? Json
    {
        get
        {
            if (_parsed) return _json;
            _parsed = true;
            if (_body.Length == 0 || _body.AsSpan().Trim(" \t\r\n"u8).Length == 0) return null;
            try
            {
                _json = JsonNode.Parse(_body, documentOptions: _parseOptions);
                // JsonObject builds its dictionary lazily and only then notices duplicate
                // keys; walk the tree now so a bad body is a 400 here, not a crash later.
                Touch(_json);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
            {
                throw new BadRequestException("Malformed JSON body.");
            }
            return _json;
        }
    }

    /// <summary>The body as an object; an empty body counts as <c>{}</c>. Other JSON is a 400.</summary>
    public JsonObject Object()
    {
        return Json switch
        {
            null => [],
            JsonObject obj => obj,
            JsonArray { Count: 0 } => [],
            _ => throw new BadRequestException("The request body must be a JSON object."),
        };
    }

    private static void Touch(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj) Touch(value);
                break;
            case JsonArray array:
                foreach (var item in array) Touch(item);
                break;
        }
    }
}
