using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>One way a JSON value breaks a schema: where (a dotted field path, "" for the whole value) and why.</summary>
internal readonly record struct SchemaProblem(string Field, string Message, bool UnknownProperty = false);

/// <summary>
/// A converted schema, built once with JsonSchema.Net and evaluated with format validation
/// on. Turns the library's results into field paths and messages in the API's own words
/// ("The lead.linkedin_id field is required."), and drops the noise a failed branch leaves:
/// when a branch of <c>allOf</c> fails, its properties lose their annotations and would
/// otherwise be reported as unknown too.
/// </summary>
internal sealed class SchemaCheck
{
    private static readonly EvaluationOptions _options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private static readonly EvaluationOptions _flag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    private static int _counter;

    private readonly JsonSchema _schema;

    public SchemaCheck(JsonObject converted, BuildOptions build)
    {
        Converted = converted;
        var id = Interlocked.Increment(ref _counter);
        _schema = JsonSchema.FromText(converted.ToJsonString(), build, new Uri($"https://contract.grinfips.invalid/schema/{id}"));
    }

    /// <summary>The JSON Schema document this check evaluates.</summary>
    public JsonObject Converted { get; }

    /// <summary>Every check builds into one private registry, never the library's global one.</summary>
    public static SchemaCheck From(JsonObject converted)
    {
        lock (_build)
        {
            return new SchemaCheck(converted, _build.Value);
        }
    }

    private static readonly Lazy<BuildOptions> _build = new(() => new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    public List<SchemaProblem> Evaluate(JsonElement instance, string prefix = "")
    {
        var problems = new List<SchemaProblem>();
        // Most values are valid: a flag evaluation stops early and costs a fraction of the list one.
        if (_schema.Evaluate(instance, _flag).IsValid) return problems;
        var results = _schema.Evaluate(instance, _options);
        if (results.IsValid) return problems;

        var anyOfOwners = new Dictionary<string, (string Field, List<string> Branches)>(StringComparer.Ordinal);
        var unknown = new List<(string Owner, string Field, string Name)>();
        var details = Flatten(results).ToList();
        // The list output keeps the errors of failed branches even when another branch of the
        // same anyOf passed; only a choice that failed as a whole is a problem.
        var failedChoices = details.Where(d => d.Errors?.ContainsKey("anyOf") == true)
            .Select(d => Pointer(Segments(d.EvaluationPath.ToString()))).ToHashSet(StringComparer.Ordinal);
        foreach (var detail in details)
        {
            if (detail.IsValid || detail.Errors is null) continue;
            var evaluation = Segments(detail.EvaluationPath.ToString());
            var instancePath = Segments(detail.InstanceLocation.ToString());
            var field = Join(prefix, instancePath);
            var anyOfAt = LastIndexOf(evaluation, "anyOf");
            if (anyOfAt >= 0 && anyOfAt + 1 < evaluation.Count && !failedChoices.Contains(Pointer(evaluation.Take(anyOfAt)))) continue;
            foreach (var (keyword, message) in detail.Errors)
            {
                if (evaluation.Count > 0 && evaluation[^1] == "unevaluatedProperties")
                {
                    // The error sits on the property itself; its owner is the object one level up.
                    unknown.Add((Pointer(evaluation.Take(evaluation.Count - 1)), field, instancePath.Count > 0 ? instancePath[^1] : ""));
                    continue;
                }
                var text = Describe(keyword, message, field, evaluation, instance, instancePath);
                if (anyOfAt >= 0 && anyOfAt + 1 < evaluation.Count)
                {
                    // A failed branch of anyOf: one message for the whole choice, listing what each branch wanted.
                    var owner = Pointer(evaluation.Take(anyOfAt));
                    if (!anyOfOwners.TryGetValue(owner, out var entry)) anyOfOwners[owner] = entry = (field, []);
                    var branchText = string.Join(" and ", text.Split('\n').Select(MessageOf));
                    if (!entry.Branches.Contains(branchText)) entry.Branches.Add(branchText);
                    continue;
                }
                if (keyword == "anyOf") continue;
                problems.AddRange(text.Split('\n').Select(t => new SchemaProblem(FieldOf(t, field), MessageOf(t))));
            }
        }
        foreach (var (_, (field, branches)) in anyOfOwners)
        {
            var label = field.Length == 0 ? "The body" : $"The {field}";
            problems.Add(new SchemaProblem(field, $"{label} matches none of the documented forms: " + string.Join(" / ", branches)));
        }
        var hasOther = problems.Count > 0;
        foreach (var (owner, field, name) in unknown)
        {
            // After another failure, a declared property may show up as unevaluated: not a second problem.
            if (hasOther && Declared(owner).Contains(name)) continue;
            problems.Add(new SchemaProblem(field, $"The {field} field is not allowed (the schema does not declare it).", UnknownProperty: true));
        }
        return problems.Distinct().ToList();
    }

    private HashSet<string> Declared(string pointer) =>
        SchemaAt(Segments(pointer)) is JsonObject obj ? SchemaConverter.DeclaredProperties(obj) : [];

    /// <summary>
    /// The converted subschema an evaluation path points at. JsonSchema.Net 8 repeats some
    /// segments in its paths (<c>/properties/ids/items/items</c>); a segment that leads nowhere
    /// is skipped.
    /// </summary>
    private JsonNode? SchemaAt(IReadOnlyList<string> evaluation)
    {
        JsonNode? node = Converted;
        foreach (var segment in evaluation)
        {
            var next = node switch
            {
                JsonObject o => o[segment],
                JsonArray a when int.TryParse(segment, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (next is not null) node = next;
        }
        return node;
    }

    /// <summary>A message in the API's words; several lines (field TAB message) when one error names several fields.</summary>
    private string Describe(string keyword, string message, string field, List<string> evaluation, JsonElement instance, List<string> instancePath)
    {
        var label = field.Length == 0 ? "body" : field;
        var schema = evaluation.Count > 0 && evaluation[^1] == keyword ? SchemaAt(evaluation.Take(evaluation.Count - 1).ToList()) : SchemaAt(evaluation);
        var bound = schema is JsonObject withBound ? withBound[keyword]?.ToJsonString() : null;
        switch (keyword)
        {
            case "required":
                if (schema is JsonObject s && s["required"] is JsonArray required && At(instance, instancePath) is { ValueKind: JsonValueKind.Object } obj)
                {
                    var missing = required.Select(r => r!.GetValue<string>()).Where(r => !obj.TryGetProperty(r, out _)).ToList();
                    if (missing.Count > 0)
                    {
                        return string.Join('\n', missing.Select(m =>
                        {
                            var f = field.Length == 0 ? m : field + "." + m;
                            return $"{f}\tThe {f} field is required.";
                        }));
                    }
                }
                return $"{field}\tThe {label} is missing a required field ({message}).";
            case "type":
                var wanted = schema is JsonObject t ? t["type"] : null;
                var names = wanted is JsonArray arr ? arr.Select(x => x!.GetValue<string>()).ToList() : wanted is null ? [] : [wanted.GetValue<string>()];
                var nullable = names.Remove("null");
                return $"{field}\tThe {label} must be {string.Join(" or ", names.Select(Article))}{(nullable ? " or null" : "")}.";
            case "format":
                var format = schema is JsonObject fo ? fo["format"]?.GetValue<string>() : null;
                return $"{field}\tThe {label} must be a valid {format switch { "uuid" => "UUID", "email" => "email address", "date-time" => "ISO 8601 date-time", _ => format }}.";
            case "enum" or "const":
                return $"{field}\tThe selected {label} is invalid.";
            case "minimum" or "exclusiveMinimum":
                return $"{field}\tThe {label} must be at least {bound}.";
            case "maximum" or "exclusiveMaximum":
                return $"{field}\tThe {label} may not be greater than {bound}.";
            case "minItems":
                return $"{field}\tThe {label} must have at least {bound} items.";
            case "maxProperties" when bound == "0":
                return $"{field}\tThe {label} must be empty.";
            default:
                return $"{field}\tThe {label} is invalid: {message}";
        }
    }

    private static string FieldOf(string line, string fallback) => line.IndexOf('\t') is var i and >= 0 ? line[..i] : fallback;

    private static string MessageOf(string line) => line.IndexOf('\t') is var i and >= 0 ? line[(i + 1)..] : line;

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "object" => "an object",
        "array" => "an array",
        "string" => "a string",
        "number" => "a number",
        "boolean" => "true or false",
        _ => type,
    };

    private static JsonElement? At(JsonElement root, List<string> path)
    {
        var e = root;
        foreach (var segment in path)
        {
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(segment, out var child)) e = child;
            else if (e.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i < e.GetArrayLength()) e = e[i];
            else return null;
        }
        return e;
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results)
    {
        yield return results;
        if (results.Details is null) yield break;
        foreach (var d in results.Details)
        {
            foreach (var x in Flatten(d)) yield return x;
        }
    }

    private static List<string> Segments(string pointer) =>
        pointer.Length == 0 ? [] : pointer.TrimStart('#').Split('/', StringSplitOptions.None).Skip(1)
            .Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToList();

    private static string Pointer(IEnumerable<string> segments) =>
        string.Concat(segments.Select(s => "/" + s.Replace("~", "~0").Replace("/", "~1")));

    private static int LastIndexOf(List<string> list, string value) => list.LastIndexOf(value);

    /// <summary>Instance path to the API's field notation: <c>lead.linkedin_id</c>, <c>filter.ids.0</c>.</summary>
    private static string Join(string prefix, IEnumerable<string> path)
    {
        var parts = path.ToList();
        if (prefix.Length > 0) parts.Insert(0, prefix);
        return string.Join('.', parts);
    }
}
