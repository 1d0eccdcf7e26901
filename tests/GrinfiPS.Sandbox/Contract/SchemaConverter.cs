using System.Text.Json.Nodes;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>
/// Turns an OpenAPI 3.0 schema into a JSON Schema (draft 2020-12) document that checks
/// strictly:
/// <list type="bullet">
/// <item><c>nullable: true</c> adds <c>null</c> to <c>type</c> (and to <c>enum</c>).</item>
/// <item><c>format</c> is kept for uuid, email and date-time only (the formats the check validates).</item>
/// <item>Every object schema that declares properties and says nothing about
/// <c>additionalProperties</c> gets <c>unevaluatedProperties: false</c>, at the level that owns
/// any <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> and never inside a branch, so properties a
/// branch declares count as known.</item>
/// <item><c>oneOf</c> becomes <c>anyOf</c>: the vendor's mixed filter type lists
/// <c>"is_null"</c> under two branches, which <c>oneOf</c> would reject.</item>
/// <item><c>$ref</c>s are inlined (the kept schemas hold no cycles; one would be cut to <c>true</c>).</item>
/// </list>
/// </summary>
internal static class SchemaConverter
{
    private static readonly HashSet<string> _checkedFormats = new(StringComparer.Ordinal) { "uuid", "email", "date-time" };

    public static JsonObject Convert(OpenApiSchema schema)
    {
        var root = ConvertNode(schema, branch: false, new HashSet<OpenApiSchema>(ReferenceEqualityComparer.Instance));
        var result = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema" };
        foreach (var (key, value) in root) result[key] = value?.DeepClone();
        return result;
    }

    /// <summary>The property names an object schema declares, its composition branches included.</summary>
    public static HashSet<string> DeclaredProperties(JsonObject schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Collect(JsonNode? node)
        {
            if (node is not JsonObject obj) return;
            if (obj["properties"] is JsonObject props)
            {
                foreach (var (name, _) in props) names.Add(name);
            }
            foreach (var key in new[] { "allOf", "anyOf", "oneOf" })
            {
                if (obj[key] is JsonArray branches)
                {
                    foreach (var b in branches) Collect(b);
                }
            }
        }
        Collect(schema);
        return names;
    }

    private static JsonObject ConvertNode(OpenApiSchema schema, bool branch, HashSet<OpenApiSchema> stack)
    {
        if (!stack.Add(schema)) return [];
        try
        {
            var o = new JsonObject();
            if (schema.Type is { } type)
            {
                o["type"] = schema.Nullable ? new JsonArray(type, "null") : type;
            }
            if (schema.Format is { } format && _checkedFormats.Contains(format)) o["format"] = format;
            if (schema.Enum is { Count: > 0 } values)
            {
                var items = new JsonArray();
                foreach (var v in values) items.Add(ToNode(v));
                if (schema.Nullable && !items.Any(i => i is null)) items.Add(null);
                o["enum"] = items;
            }
            if (schema.Minimum is { } min) o[schema.ExclusiveMinimum == true ? "exclusiveMinimum" : "minimum"] = min;
            if (schema.Maximum is { } max) o[schema.ExclusiveMaximum == true ? "exclusiveMaximum" : "maximum"] = max;
            if (schema.MinLength is { } minLength) o["minLength"] = minLength;
            if (schema.MaxLength is { } maxLength) o["maxLength"] = maxLength;
            if (schema.Pattern is { } pattern) o["pattern"] = pattern;
            if (schema.MinItems is { } minItems) o["minItems"] = minItems;
            if (schema.MaxItems is { } maxItems) o["maxItems"] = maxItems;
            if (schema.UniqueItems == true) o["uniqueItems"] = true;
            if (schema.MinProperties is { } minProps) o["minProperties"] = minProps;
            if (schema.MaxProperties is { } maxProps) o["maxProperties"] = maxProps;
            if (schema.Required is { Count: > 0 } required) o["required"] = new JsonArray(required.Select(r => (JsonNode?)r).ToArray());
            if (schema.Properties is { Count: > 0 } properties)
            {
                var props = new JsonObject();
                foreach (var (name, property) in properties) props[name] = ConvertNode(property, branch: false, stack);
                o["properties"] = props;
            }
            if (schema.Items is { } itemSchema) o["items"] = ConvertNode(itemSchema, branch: false, stack);
            if (schema.AdditionalProperties is { } additional) o["additionalProperties"] = ConvertNode(additional, branch: false, stack);
            else if (!schema.AdditionalPropertiesAllowed) o["additionalProperties"] = false;
            Compose(o, "allOf", schema.AllOf, stack);
            Compose(o, "anyOf", schema.AnyOf, stack);
            Compose(o, "anyOf", schema.OneOf, stack);
            if (schema.Not is { } not) o["not"] = ConvertNode(not, branch: false, stack);

            var declaresAdditional = schema.AdditionalProperties is not null || !schema.AdditionalPropertiesAllowed;
            if (!branch && !declaresAdditional && DeclaredProperties(o).Count > 0) o["unevaluatedProperties"] = false;
            return o;
        }
        finally
        {
            stack.Remove(schema);
        }
    }

    private static void Compose(JsonObject o, string keyword, IList<OpenApiSchema>? branches, HashSet<OpenApiSchema> stack)
    {
        if (branches is not { Count: > 0 }) return;
        var array = o[keyword] as JsonArray ?? [];
        foreach (var b in branches) array.Add(ConvertNode(b, branch: true, stack));
        o[keyword] = array;
    }

    private static JsonNode? ToNode(IOpenApiAny value) => value switch
    {
        OpenApiString s => s.Value,
        OpenApiInteger i => i.Value,
        OpenApiLong l => l.Value,
        OpenApiDouble d => d.Value,
        OpenApiFloat f => f.Value,
        OpenApiBoolean b => b.Value,
        OpenApiNull => null,
        _ => value.ToString(),
    };
}
