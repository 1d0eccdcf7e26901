using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>
/// The fields of one company as a create item (POST /leads/api/companies) or an update body
/// (PUT /leads/api/companies/{uuid}) takes them, checked against <see cref="CompanyFields"/>:
/// a field the operation does not take is refused here, never sent. Values are text, except
/// ln_id, which the schema types as an integer. No field can be emptied: the document lets
/// none of them be null.
/// </summary>
internal sealed class CompanyWrite
{
    private CompanyWrite(IReadOnlyDictionary<string, string> fields) => Fields = fields;

    /// <summary>API name → value.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    public bool IsEmpty => Fields.Count == 0;

    /// <summary>An item of the bulk create: name, domain, website, linkedin, industry, employees_range, hq_raw_address.</summary>
    public static CompanyWrite ForCreate(IReadOnlyDictionary<string, string> fields) => Checked(fields, f => f.OnCreate, "A company create");

    /// <summary>An update: the create's fields and ln_id, phone, about, lead_status_uuid.</summary>
    public static CompanyWrite ForUpdate(IReadOnlyDictionary<string, string> fields) => Checked(fields, f => f.OnUpdate, "A company update");

    internal JsonObject Body() => new(Fields.OrderBy(f => f.Key, StringComparer.Ordinal)
        .Select(f => new KeyValuePair<string, JsonNode?>(f.Key, f.Key == "ln_id" ? JsonValue.Create(long.Parse(f.Value, CultureInfo.InvariantCulture)) : JsonValue.Create(f.Value))));

    /// <summary>"industry, name", for prompts.</summary>
    public override string ToString() => string.Join(", ", Fields.Keys.OrderBy(k => k, StringComparer.Ordinal));

    private static CompanyWrite Checked(IReadOnlyDictionary<string, string> fields, Func<LeadField, bool> takes, string what)
    {
        foreach (var field in fields)
        {
            if (CompanyFields.Get(field.Key) is not { } known || !takes(known))
            {
                throw new ArgumentException($"{what} takes no field '{field.Key}'.", nameof(fields));
            }
            if (field.Key == "ln_id" && !long.TryParse(field.Value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentException($"ln_id is an integer, not '{field.Value}'.", nameof(fields));
            }
        }
        return new CompanyWrite(fields);
    }
}
