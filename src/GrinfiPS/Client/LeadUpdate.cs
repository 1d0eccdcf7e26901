using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>PUT /leads/api/leads/{uuid}: standard fields only (custom fields have their own call).</summary>
internal sealed class LeadUpdate
{
    /// <param name="fields">Write name → new value; null empties the field (only where PUT allows null).</param>
    public LeadUpdate(IReadOnlyDictionary<string, string?> fields)
    {
        foreach (var field in fields)
        {
            var known = LeadFields.Get(field.Key);
            if (known is not { OnUpdate: true })
            {
                throw new ArgumentException($"PUT takes no field '{field.Key}'.", nameof(fields));
            }
            if (field.Value is null && !known.NullableOnUpdate)
            {
                throw new ArgumentException($"PUT does not let '{field.Key}' be null.", nameof(fields));
            }
        }
        Fields = fields;
    }

    public IReadOnlyDictionary<string, string?> Fields { get; }

    public bool IsEmpty => Fields.Count == 0;

    internal JsonObject Body() =>
        new(Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Value is null ? null : JsonValue.Create(f.Value))));
}
