using System.Text.Json.Nodes;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>
/// The committed contract, read once per process (Microsoft.OpenApi.Readers) and turned into
/// one <see cref="OperationContract"/> per operation, each with its checks built.
/// </summary>
internal sealed class ApiContract
{
    private const string ResourceName = "GrinfiPS.Sandbox.Contract.grinfi-contract.yaml";

    private static readonly Lazy<ApiContract> _default = new(() =>
    {
        using var stream = typeof(ApiContract).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The sandbox was built without its contract ({ResourceName}).");
        return Load(stream);
    });

    private readonly List<OperationContract> _operations;

    private ApiContract(List<OperationContract> operations, SchemaCheck errorSchema)
    {
        _operations = operations;
        ErrorSchema = errorSchema;
    }

    /// <summary>The contract the sandbox was built with.</summary>
    public static ApiContract Default => _default.Value;

    public IReadOnlyList<OperationContract> Operations => _operations;

    /// <summary>The error envelope (<c>#/components/schemas/error</c>), for error answers with no schema of their own.</summary>
    public SchemaCheck ErrorSchema { get; }

    public static ApiContract Load(Stream yaml)
    {
        var document = new OpenApiStreamReader().Read(yaml, out var diagnostic);
        if (diagnostic.Errors.Count > 0)
        {
            throw new InvalidDataException("The contract is not a valid OpenAPI document: " + string.Join("; ", diagnostic.Errors.Select(e => e.Message)));
        }
        var operations = new List<OperationContract>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations)
            {
                operations.Add(new OperationContract(path, method.ToString().ToUpperInvariant(), item.Parameters.Concat(operation.Parameters).ToList(), operation));
            }
        }
        var error = document.Components.Schemas.TryGetValue("error", out var e) ? e : new OpenApiSchema { Type = "object" };
        return new ApiContract(operations, SchemaCheck.From(SchemaConverter.Convert(error)));
    }

    /// <summary>
    /// The operation a request targets. Among the paths that match, literal segments win over
    /// templates (<c>/leads/search</c> is not a <c>{uuid}</c>), as the API's router does.
    /// </summary>
    public Match Find(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        OperationContract? best = null;
        string[]? bestValues = null;
        var pathKnown = false;
        foreach (var op in _operations)
        {
            if (!op.TryMatch(segments, out var values)) continue;
            pathKnown = true;
            if (!string.Equals(op.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
            if (best is null || op.TemplateCount < best.TemplateCount)
            {
                best = op;
                bestValues = values;
            }
        }
        return new Match(best, bestValues ?? [], pathKnown);
    }

    public readonly record struct Match(OperationContract? Operation, string[] Values, bool PathKnown);
}

/// <summary>One operation of the contract: its parameters, body and answers, with their checks.</summary>
internal sealed class OperationContract
{
    private readonly string[] _segments;

    public OperationContract(string path, string method, List<OpenApiParameter> parameters, OpenApiOperation operation)
    {
        Path = path;
        Method = method;
        _segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        TemplateCount = _segments.Count(IsTemplate);
        PathParameters = _segments.Where(IsTemplate).Select(s => s[1..^1]).ToArray();
        foreach (var p in parameters)
        {
            var converted = SchemaConverter.Convert(p.Schema ?? new OpenApiSchema());
            var parameter = new ParameterContract(p.Name, p.In ?? ParameterLocation.Query, p.Required, p.Schema?.Type, SchemaCheck.From(converted));
            Parameters[p.Name] = parameter;
        }
        if (operation.RequestBody is { } body)
        {
            BodyRequired = body.Required;
            foreach (var (type, media) in body.Content)
            {
                BodyTypes[type] = SchemaCheck.From(SchemaConverter.Convert(media.Schema ?? new OpenApiSchema()));
            }
        }
        foreach (var (status, response) in operation.Responses)
        {
            var answer = new ResponseContract(status);
            foreach (var (type, media) in response.Content)
            {
                var converted = SchemaConverter.Convert(media.Schema ?? new OpenApiSchema());
                answer.Types[type] = new ResponseSchema(SchemaCheck.From(converted), PageItems(converted));
            }
            Responses[status] = answer;
        }
    }

    public string Path { get; }

    public string Method { get; }

    public int TemplateCount { get; }

    public string[] PathParameters { get; }

    public Dictionary<string, ParameterContract> Parameters { get; } = new(StringComparer.Ordinal);

    public bool BodyRequired { get; }

    /// <summary>Request body media types and their schemas; empty when the operation takes no body.</summary>
    public Dictionary<string, SchemaCheck> BodyTypes { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, ResponseContract> Responses { get; } = new(StringComparer.OrdinalIgnoreCase);

    public override string ToString() => $"{Method} {Path}";

    public bool TryMatch(string[] segments, out string[] values)
    {
        values = [];
        if (segments.Length != _segments.Length) return false;
        List<string>? captured = null;
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsTemplate(_segments[i])) (captured ??= []).Add(Uri.UnescapeDataString(segments[i]));
            else if (!string.Equals(_segments[i], segments[i], StringComparison.Ordinal)) return false;
        }
        values = captured?.ToArray() ?? [];
        return true;
    }

    /// <summary>The answer documented for a status: exact, then <c>2XX</c>-style ranges, then <c>default</c>.</summary>
    public ResponseContract? ResponseFor(int status)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Responses.TryGetValue(code, out var exact)) return exact;
        if (Responses.TryGetValue(code[0] + "XX", out var range)) return range;
        return Responses.TryGetValue("default", out var fallback) ? fallback : null;
    }

    private static bool IsTemplate(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    /// <summary>
    /// For a page (<c>{data: [items]}</c>): the envelope with items left open, and the item
    /// schema, so items cached by the sandbox are checked once rather than on every page.
    /// </summary>
    private static (SchemaCheck Envelope, SchemaCheck Item)? PageItems(JsonObject converted)
    {
        if (converted["properties"] is not JsonObject props || props["data"] is not JsonObject data || data["items"] is not JsonObject items) return null;
        var envelope = (JsonObject)converted.DeepClone();
        ((JsonObject)envelope["properties"]!["data"]!)["items"] = true;
        var item = new JsonObject { ["$schema"] = converted["$schema"]?.DeepClone() };
        foreach (var (k, v) in items) item[k] = v?.DeepClone();
        return (SchemaCheck.From(envelope), SchemaCheck.From(item));
    }
}

internal sealed record ParameterContract(string Name, ParameterLocation In, bool Required, string? Type, SchemaCheck Schema);

internal sealed class ResponseContract(string status)
{
    public string Status { get; } = status;

    /// <summary>Media types and their schemas; empty when the answer has no body.</summary>
    public Dictionary<string, ResponseSchema> Types { get; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed record ResponseSchema(SchemaCheck Whole, (SchemaCheck Envelope, SchemaCheck Item)? Page);
