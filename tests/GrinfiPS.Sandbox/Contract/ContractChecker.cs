using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi.Models;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>What the contract check found for one request.</summary>
internal sealed class RequestCheck
{
    public OperationContract? Operation { get; init; }

    public List<ContractViolation> Violations { get; } = [];

    /// <summary>Whether the API would refuse the request (a body that breaks its schema): answered 422.</summary>
    public bool Rejected => Violations.Any(v => v.Rejects);

    /// <summary>The 422 the API answers for the rejecting violations, in its envelope.</summary>
    public ApiResult Rejection()
    {
        var errors = new ValidationErrors();
        foreach (var v in Violations.Where(v => v.Rejects)) errors.Add(v.Field.Length == 0 ? "body" : v.Field, v.Detail);
        return errors.ToResult();
    }
}

/// <summary>
/// Validates requests against the contract (path, method, path and query parameters, the
/// body against its schema, and the rules the document states in prose) and the sandbox's
/// own answers against the documented responses.
/// </summary>
internal sealed class ContractChecker
{
    private readonly ApiContract _contract;
    private const int MaxFreshItemsPerPage = 5;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<byte[], List<SchemaProblem>> _itemChecks = new();

    public ContractChecker(ApiContract contract) => _contract = contract;

    public RequestCheck CheckRequest(string method, string path, string queryString, string? contentType, byte[] body)
    {
        var match = _contract.Find(method, path);
        var check = new RequestCheck { Operation = match.Operation };
        var v = check.Violations;
        if (match.Operation is not { } op)
        {
            v.Add(match.PathKnown
                ? Note("method", "", $"{method} is not a documented method for {path}.")
                : Note("path", "", $"{path} is not a path of the contract."));
            return check;
        }
        var key = op.ToString();

        for (var i = 0; i < op.PathParameters.Length && i < match.Values.Length; i++)
        {
            if (!op.Parameters.TryGetValue(op.PathParameters[i], out var parameter)) continue;
            using var doc = JsonDocument.Parse(Coerce(parameter.Type, [match.Values[i]])?.ToJsonString() ?? "null");
            foreach (var p in parameter.Schema.Evaluate(doc.RootElement, parameter.Name)) v.Add(Note("path-parameter", p.Field, p.Message));
        }
        CheckQuery(op, queryString, v);
        if (key == ProseRules.StageList) ProseRules.CheckStageFilter(QueryHelpers.ParseQuery(queryString).TryGetValue("filter", out var f) ? f.ToString() : null, v);
        if (key == ProseRules.ActivityList) ProseRules.CheckActivityFilter(QueryHelpers.ParseQuery(queryString).TryGetValue("filter", out var af) ? af.ToString() : null, v);
        CheckBody(op, key, contentType, body, v);
        return check;
    }

    private static void CheckQuery(OperationContract op, string queryString, List<ContractViolation> v)
    {
        var query = QueryHelpers.ParseQuery(queryString);
        // filter[q]=x, filter[status][]=a, filter[created_at][>=]=d: grouped under their base name.
        var groups = new Dictionary<string, List<(string[] Path, StringValues Values)>>(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            var bracket = name.IndexOf('[');
            var baseName = bracket > 0 ? name[..bracket] : name;
            var rest = bracket > 0 ? ParseBrackets(name[bracket..]) : [];
            if (!groups.TryGetValue(baseName, out var list)) groups[baseName] = list = [];
            list.Add((rest, values));
        }
        foreach (var (name, entries) in groups)
        {
            if (!op.Parameters.TryGetValue(name, out var parameter) || parameter.In != ParameterLocation.Query)
            {
                v.Add(Note("query-unknown", name, $"The query parameter {name} is not documented for {op}."));
                continue;
            }
            JsonNode? value;
            if (parameter.Type == "object")
            {
                var obj = new JsonObject();
                foreach (var (bracketPath, values) in entries)
                {
                    if (bracketPath.Length == 0)
                    {
                        v.Add(Note("query-schema", name, $"The {name} parameter is an object: send it in bracket form ({name}[key]=value)."));
                        continue;
                    }
                    Place(obj, bracketPath, values);
                }
                value = obj;
            }
            else
            {
                var plain = entries.Where(e => e.Path.Length == 0 || (e.Path.Length == 1 && e.Path[0].Length == 0)).SelectMany(e => e.Values.ToArray()).ToList();
                if (plain.Count != entries.Sum(e => e.Values.Count))
                {
                    v.Add(Note("query-schema", name, $"The {name} parameter takes no bracketed keys."));
                }
                value = Coerce(parameter.Type, plain!);
            }
            using var doc = JsonDocument.Parse(value?.ToJsonString() ?? "null");
            foreach (var p in parameter.Schema.Evaluate(doc.RootElement, name)) v.Add(Note("query-schema", p.Field, p.Message));
        }
        foreach (var parameter in op.Parameters.Values.Where(p => p.In == ParameterLocation.Query && p.Required))
        {
            if (!groups.ContainsKey(parameter.Name)) v.Add(Note("query-required", parameter.Name, $"The query parameter {parameter.Name} is required."));
        }
    }

    private static void CheckBody(OperationContract op, string key, string? contentType, byte[] body, List<ContractViolation> v)
    {
        var empty = body.AsSpan().Trim(" \t\r\n"u8).Length == 0;
        if (op.BodyTypes.Count == 0)
        {
            if (!empty) v.Add(Note("body-not-allowed", "", $"{op} takes no body; one of {body.Length} bytes was sent."));
            return;
        }
        var mediaType = MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.ToString().ToLowerInvariant() : null;
        if (empty && op.BodyRequired) v.Add(Note("body-required", "", $"{op} requires a body; none was sent."));
        if (mediaType == "multipart/form-data" && op.BodyTypes.TryGetValue(mediaType, out var formSchema))
        {
            CheckForm(formSchema, key, parsed!, body, v);
            return;
        }
        if (!op.BodyTypes.TryGetValue("application/json", out var jsonSchema))
        {
            v.Add(Note("content-type", "", $"{op} takes {string.Join(" or ", op.BodyTypes.Keys)}, not {contentType ?? "a body without Content-Type"}."));
            return;
        }
        if (!empty && mediaType is not null && mediaType != "application/json" && !mediaType.EndsWith("+json", StringComparison.Ordinal))
        {
            v.Add(Note("content-type", "", $"{op} takes application/json, not {contentType}."));
        }
        else if (!empty && mediaType is null)
        {
            v.Add(Note("content-type", "", $"{op} takes application/json; the body came without a Content-Type."));
        }
        JsonDocument doc;
        try
        {
            // An empty body reaches the API's validator as no fields at all.
            doc = JsonDocument.Parse(empty ? "{}"u8.ToArray() : body);
        }
        catch (JsonException)
        {
            v.Add(Note("body-json", "", "The body is not well-formed JSON."));
            return;
        }
        using (doc)
        {
            foreach (var p in jsonSchema.Evaluate(doc.RootElement))
            {
                if (key == ProseRules.UpdateLead && p.UnknownProperty && p.Field == "custom_fields")
                {
                    // The document: custom field values in this body are silently ignored.
                    v.Add(Note("body-ignored", p.Field, "The custom_fields of a contact update are silently ignored by the API; set them with POST /leads/api/custom-field-values or an upsert."));
                    continue;
                }
                v.Add(new ContractViolation(ContractViolation.RequestSource, "body-schema", p.Field, p.Message, Rejects: true));
            }
            ProseRules.CheckBody(key, doc.RootElement, v);
        }
    }

    private static void CheckForm(SchemaCheck schema, string key, MediaTypeHeaderValue contentType, byte[] body, List<ContractViolation> v)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).ToString();
        var form = new JsonObject();
        var files = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false));
            while (reader.ReadNextSectionAsync().GetAwaiter().GetResult() is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
                if (disposition.IsFileDisposition())
                {
                    files.Add(name);
                    form[name] = "(file)";
                }
                else
                {
                    using var text = new StreamReader(section.Body, Encoding.UTF8);
                    form[name] = text.ReadToEnd();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            v.Add(Note("body-multipart", "", "The multipart body is malformed."));
            return;
        }
        using var doc = JsonDocument.Parse(form.ToJsonString());
        foreach (var p in schema.Evaluate(doc.RootElement))
        {
            v.Add(new ContractViolation(ContractViolation.RequestSource, "body-schema", p.Field, p.Message, Rejects: true));
        }
        if (key == ProseRules.Upload && form.ContainsKey("file") && !files.Contains("file"))
        {
            v.Add(new ContractViolation(ContractViolation.RequestSource, "multipart-file", "file", "The file must be sent as a file part (with a file name).", Rejects: true));
        }
    }

    /// <summary>Checks an answer the sandbox made against the documented response for its status.</summary>
    public List<ContractViolation> CheckResponse(OperationContract op, ApiResult result)
    {
        var v = new List<ContractViolation>();
        var documented = op.ResponseFor(result.Status);
        // A page of cached leads is checked as its envelope plus each item once, never re-joined.
        var bytes = result.Body ?? result.PageEnvelope ?? Concat(result.Segments);
        var hasBody = bytes.Length > 0;
        var mediaType = MediaTypeHeaderValue.TryParse(result.ContentType, out var parsed) ? parsed.MediaType.ToString().ToLowerInvariant() : null;
        if (documented is null)
        {
            if (result.Status is >= 200 and < 300)
            {
                v.Add(Lie("response-status", $"{op} documents no {result.Status} answer (it documents {string.Join(", ", op.Responses.Keys)})."));
                return v;
            }
            // An error the operation does not list: any API error comes in the envelope.
            if (hasBody && mediaType == "application/json") Validate(_contract.ErrorSchema, bytes, null, v);
            return v;
        }
        if (documented.Types.Count == 0)
        {
            if (hasBody && result.Status < 400) v.Add(Lie("response-body", $"{op} documents no body for {result.Status}; the sandbox sent {bytes.Length} bytes."));
            else if (hasBody && mediaType == "application/json") Validate(_contract.ErrorSchema, bytes, null, v);
            return v;
        }
        if (mediaType is null || !documented.Types.TryGetValue(mediaType, out var schema))
        {
            v.Add(Lie("response-content-type", $"{op} answers {result.Status} with {string.Join(" or ", documented.Types.Keys)}, not {result.ContentType ?? "no body"}."));
            return v;
        }
        if (mediaType != "application/json") return v;
        if (schema.Page is { } page && result.PageItems is { } items && result.PageEnvelope is not null)
        {
            Validate(page.Envelope, bytes, null, v);
            // Every item comes from one serializer: a sample of the items not checked before
            // keeps a first read of 100,000 contacts fast; read again, the rest get checked.
            var fresh = 0;
            foreach (var item in items)
            {
                if (!_itemChecks.TryGetValue(item, out _) && ++fresh > MaxFreshItemsPerPage) continue;
                var problems = _itemChecks.GetValue(item, b =>
                {
                    using var doc = JsonDocument.Parse(b);
                    return page.Item.Evaluate(doc.RootElement, "data.*");
                });
                foreach (var p in problems) v.Add(Lie("response-body", p.Message, p.Field));
            }
            return v.Distinct().ToList();
        }
        Validate(schema.Whole, bytes, null, v);
        return v;
    }

    private static void Validate(SchemaCheck schema, byte[] bytes, string? prefix, List<ContractViolation> v)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            v.Add(Lie("response-body", "The sandbox's answer is not well-formed JSON."));
            return;
        }
        using (doc)
        {
            foreach (var p in schema.Evaluate(doc.RootElement, prefix ?? "")) v.Add(Lie("response-body", p.Message, p.Field));
        }
    }

    private static byte[] Concat(List<ReadOnlyMemory<byte>>? segments)
    {
        if (segments is null) return [];
        var buffer = new byte[segments.Sum(s => s.Length)];
        var at = 0;
        foreach (var s in segments)
        {
            s.Span.CopyTo(buffer.AsSpan(at));
            at += s.Length;
        }
        return buffer;
    }

    /// <summary>A query or path value as the JSON the schema expects: numbers and booleans parsed, lists kept as lists.</summary>
    private static JsonNode? Coerce(string? type, IReadOnlyList<string> values)
    {
        if (type == "array") return new JsonArray(values.Select(x => (JsonNode?)x).ToArray());
        if (values.Count == 0) return null;
        var last = values[^1];
        switch (type)
        {
            case "integer" when long.TryParse(last, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n):
                return n;
            case "number" when double.TryParse(last, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d):
                return d;
            case "boolean" when last is "true" or "1" or "false" or "0":
                return last is "true" or "1";
            default:
                return last;
        }
    }

    private static string[] ParseBrackets(string text)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < text.Length && text[i] == '[')
        {
            var close = text.IndexOf(']', i);
            if (close < 0) break;
            parts.Add(text[(i + 1)..close]);
            i = close + 1;
        }
        return parts.ToArray();
    }

    private static void Place(JsonObject target, string[] path, StringValues values)
    {
        var node = target;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (path[i + 1].Length == 0)
            {
                // key[] = a list under key.
                node[path[i]] = new JsonArray(values.Select(x => (JsonNode?)x).ToArray());
                return;
            }
            if (node[path[i]] is not JsonObject child) node[path[i]] = child = new JsonObject();
            node = child;
        }
        var last = path[^1];
        if (last.Length == 0) return;
        node[last] = values.Count > 1 ? new JsonArray(values.Select(x => (JsonNode?)x).ToArray()) : values.ToString();
    }

    private static ContractViolation Note(string rule, string field, string detail) =>
        new(ContractViolation.RequestSource, rule, field, detail);

    private static ContractViolation Lie(string rule, string detail, string field = "") =>
        new(ContractViolation.SandboxSource, rule, field, detail);
}
