using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>
/// What the vendor's document says only in words, as checks: the mass-action payload table
/// and filter forms, the ids rule of the contact count, the JSON-string filters of the
/// pipeline-stage and activity lists, the file part of a CSV upload, and the custom fields that a contact
/// update silently ignores.
/// </summary>
internal static class ProseRules
{
    public const string MassAction = "PUT /leads/api/leads/mass-action";
    public const string Count = "POST /leads/api/leads/count";
    public const string StageList = "GET /leads/api/pipeline-stages";
    public const string ActivityList = "GET /leads/api/activities";
    public const string Upload = "POST /leads/api/file-imports/upload-csv";
    public const string UpdateLead = "PUT /leads/api/leads/{uuid}";

    /// <summary>The document's mass-action table: each type and the payload it takes (an empty object: none).</summary>
    public static IReadOnlyDictionary<string, string> PayloadTable { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["contact_add_tags"] = Payload(("tag_uuid", Text)),
        ["contact_remove_tags"] = Payload(("tag_uuid", Text)),
        ["contact_replace_tags"] = Payload(("tag_uuids", Texts)),
        ["contact_change_list"] = Payload(("list_uuid", Text)),
        ["contact_change_pipeline_stage"] = Payload(("pipeline_stage_uuid", Text)),
        ["contact_change_custom_field"] = Payload(("custom_field_uuid", Text), ("value", """{"type":["string","number","boolean","null"]}""")),
        ["contact_add_to_flow"] = Payload(("flow_uuid", Text)),
        ["contact_cancel_from_flows"] = Payload(("flow_uuids", Texts)),
        ["contact_delete"] = NoPayload,
        ["contact_export_csv"] = NoPayload,
        ["contact_mark_read"] = NoPayload,
    };

    private const string Text = """{"type":"string","minLength":1}""";
    private const string Texts = """{"type":"array","items":{"type":"string","minLength":1}}""";
    private const string NoPayload = """{"type":"object","maxProperties":0}""";

    private static readonly Lazy<Dictionary<string, SchemaCheck>> _payloads = new(() =>
        PayloadTable.ToDictionary(p => p.Key, p => SchemaCheck.From(JsonNode.Parse(p.Value)!.AsObject()), StringComparer.Ordinal));

    /// <summary>A field filter value: scalar, list, operator object, or is_null / is_not_null (a string).</summary>
    private static readonly Lazy<SchemaCheck> _filterValue = new(() => SchemaCheck.From(JsonNode.Parse("""
        {"anyOf":[
          {"type":["string","number","boolean"]},
          {"type":"array","items":{"type":["string","number","boolean"]}},
          {"type":"object","minProperties":1,
           "propertyNames":{"enum":["=","!=","<>","<",">","<=",">="]},
           "additionalProperties":{"type":["string","number","boolean","null"]}}]}
        """)!.AsObject()));

    private static readonly Lazy<SchemaCheck> _stageFilter = new(() => SchemaCheck.From(JsonNode.Parse("""
        {"type":"object","required":["object"],
         "properties":{"object":{"enum":["lead","company"]},"type":{"enum":["custom","new","approaching","engaging","replied"]}},
         "unevaluatedProperties":false}
        """)!.AsObject()));

    // The keys the activity list's description names; created_at a date or operators with dates.
    private static readonly Lazy<SchemaCheck> _activityFilter = new(() => SchemaCheck.From(JsonNode.Parse("""
        {"type":"object",
         "properties":{"type":{"type":"string"},"lead_uuid":{"type":"string"},"company_uuid":{"type":"string"},
           "created_at":{"anyOf":[{"type":"string"},{"type":"object","minProperties":1,
             "properties":{"=":{"type":"string"},"<":{"type":"string"},"<=":{"type":"string"},">":{"type":"string"},">=":{"type":"string"}},
             "unevaluatedProperties":false}]}},
         "unevaluatedProperties":false}
        """)!.AsObject()));

    private static string Payload(params (string Name, string Schema)[] keys) =>
        "{\"type\":\"object\",\"required\":[" + string.Join(",", keys.Select(k => "\"" + k.Name + "\"")) + "],\"properties\":{"
        + string.Join(",", keys.Select(k => "\"" + k.Name + "\":" + k.Schema)) + "},\"unevaluatedProperties\":false}";

    /// <summary>Checks of a JSON body beyond its schema.</summary>
    public static void CheckBody(string operation, JsonElement body, List<ContractViolation> violations)
    {
        if (body.ValueKind != JsonValueKind.Object) return;
        switch (operation)
        {
            case MassAction:
                CheckMassAction(body, violations);
                break;
            case Count:
                var all = body.TryGetProperty("all", out var a) && a.ValueKind == JsonValueKind.True;
                if (!all && !(body.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Array && ids.GetArrayLength() > 0))
                {
                    violations.Add(Reject("count-ids", "ids", "The ids field is required when all is false or absent (a filter alone selects nothing)."));
                }
                break;
        }
    }

    private static void CheckMassAction(JsonElement body, List<ContractViolation> violations)
    {
        if (body.TryGetProperty("type", out var typeNode) && typeNode.ValueKind == JsonValueKind.String
            && _payloads.Value.TryGetValue(typeNode.GetString()!, out var payloadSchema))
        {
            // Absent means none; PHP clients send an empty array for "none" too.
            var payload = body.TryGetProperty("payload", out var p) ? p : default;
            var isEmptyArray = payload.ValueKind == JsonValueKind.Array && payload.GetArrayLength() == 0;
            var instance = payload.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null || isEmptyArray ? EmptyObject() : payload;
            foreach (var problem in payloadSchema.Evaluate(instance, "payload"))
            {
                violations.Add(Reject("mass-action-payload", problem.Field, $"{problem.Message} (type {typeNode.GetString()})"));
            }
        }
        if (!body.TryGetProperty("filter", out var filter) || filter.ValueKind != JsonValueKind.Object) return;
        var all = filter.TryGetProperty("all", out var allNode) ? allNode : default;
        if (all.ValueKind == JsonValueKind.True)
        {
            foreach (var field in filter.EnumerateObject())
            {
                if (field.Name == "all") continue;
                foreach (var problem in _filterValue.Value.Evaluate(field.Value, "filter." + field.Name))
                {
                    violations.Add(Reject("mass-action-filter", problem.Field, $"The filter.{field.Name} is not a field filter (a value, a list, an operator object, is_null or is_not_null)."));
                }
            }
            return;
        }
        if (all.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.False))
        {
            violations.Add(Reject("mass-action-filter", "filter.all", "The filter.all must be true (all matching contacts) or absent with ids."));
            return;
        }
        if (!filter.TryGetProperty("ids", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() == 0
            || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
        {
            violations.Add(Reject("mass-action-filter", "filter.ids", "The filter must be {ids: [uuid, ...]} with at least one id, or {all: true, ...field filters}."));
        }
        foreach (var field in filter.EnumerateObject())
        {
            if (field.Name is "ids" or "all") continue;
            violations.Add(Reject("mass-action-filter", "filter." + field.Name,
                $"The filter.{field.Name} is not allowed beside ids: field filters need all: true."));
        }
    }

    /// <summary>The pipeline-stage list's <c>filter</c>: a JSON string whose <c>object</c> is required.</summary>
    public static void CheckStageFilter(string? text, List<ContractViolation> violations) =>
        CheckJsonFilter(text, _stageFilter.Value, "{\"object\":\"lead\"}", violations);

    /// <summary>The activity list's <c>filter</c>: a JSON string of the keys its description names (type, lead_uuid, company_uuid, created_at).</summary>
    public static void CheckActivityFilter(string? text, List<ContractViolation> violations) =>
        CheckJsonFilter(text, _activityFilter.Value, "{\"lead_uuid\":\"...\"}", violations);

    private static void CheckJsonFilter(string? text, SchemaCheck schema, string example, List<ContractViolation> violations)
    {
        if (text is null) return;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            violations.Add(Note("query-schema", "filter", $"The filter must be a JSON string such as {example}."));
            return;
        }
        using (doc)
        {
            foreach (var problem in schema.Evaluate(doc.RootElement, "filter"))
            {
                violations.Add(Note("query-schema", problem.Field, problem.Message));
            }
        }
    }

    private static JsonElement EmptyObject()
    {
        using var doc = JsonDocument.Parse("{}");
        return doc.RootElement.Clone();
    }

    private static ContractViolation Reject(string rule, string field, string detail) =>
        new(ContractViolation.RequestSource, rule, field, detail, Rejects: true);

    private static ContractViolation Note(string rule, string field, string detail) =>
        new(ContractViolation.RequestSource, rule, field, detail);
}
