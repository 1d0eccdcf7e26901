using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Leads;

/// <summary>The lead fields a write may set, and how CSV headers map onto them.</summary>
internal static class WritableFields
{
    /// <summary>Fields of the upsert <c>lead</c> object and of PUT (which lacks linkedin_id).</summary>
    public static readonly IReadOnlyList<string> Names = new[]
    {
        "linkedin_id", "first_name", "last_name", "company_name", "ln_id", "sn_id", "linkedin", "email",
        "about", "domain", "headline", "position", "raw_address",
    };

    public static bool IsWritable(string field) => Names.Contains(field, StringComparer.OrdinalIgnoreCase);

    /// <summary>Writable fields near a misspelt one.</summary>
    public static IReadOnlyList<string> Suggest(string name) => Fuzzy.Suggest(Names, name);
}

/// <summary>What became of one input row.</summary>
internal enum RowOutcome
{
    Created,
    Updated,
    /// <summary>Upserted; the answer did not say whether it was new.</summary>
    Upserted,
    Skipped,
    Failed,
}

/// <summary>One input row of Set-GrinfiLead: where it came from, what it asks for, and how it went.</summary>
internal sealed class LeadRow
{
    public LeadRow(int number, object? input)
    {
        Number = number;
        Input = input;
    }

    /// <summary>1-based position in the input (for Import-Csv, the data row: line number minus one).</summary>
    public int Number { get; }

    /// <summary>The input object (a CSV row) for error records, so failed rows can be exported and re-run.</summary>
    public object? Input { get; }

    /// <summary>The contact's UUID when the row updates one; null for an upsert.</summary>
    public string? Uuid { get; set; }

    /// <summary>Lead fields to write (non-empty only).</summary>
    public JsonObject Fields { get; } = new();

    /// <summary>Custom field values by field.</summary>
    public List<(GrinfiCustomField Field, JsonNode? Value)> CustomFields { get; } = new();

    /// <summary>Fields to empty on purpose (-Clear).</summary>
    public List<string> Clear { get; } = new();

    /// <summary>Custom fields to empty on purpose (-Clear).</summary>
    public List<GrinfiCustomField> ClearCustom { get; } = new();

    /// <summary>Target list for an upsert.</summary>
    public string? ListUuid { get; set; }

    public bool IsUpdate => Uuid is not null;

    /// <summary>How the row is named in messages: its UUID, LinkedIn id, email or name.</summary>
    public string Identity
    {
        get
        {
            if (Uuid is not null)
            {
                return $"uuid {Uuid}";
            }
            foreach (var key in new[] { "linkedin_id", "email", "ln_id", "sn_id" })
            {
                if (JsonRead.String(Fields, key) is string value)
                {
                    return $"{key} '{value}'";
                }
            }
            var name = string.Join(" ", new[] { JsonRead.String(Fields, "first_name"), JsonRead.String(Fields, "last_name") }.Where(n => n is not null));
            return name.Length > 0 ? $"'{name}'" : "no identifier";
        }
    }

    /// <summary>"Row 17 (linkedin_id 'john-doe')".</summary>
    public string Label => $"Row {Number} ({Identity})";

    public RowOutcome Outcome { get; set; }

    /// <summary>The contact as the API last returned it (null when nothing came back, e.g. only custom fields changed).</summary>
    public GrinfiLead? Lead { get; set; }

    /// <summary>The contact's UUID after the write (from the answer for an upsert).</summary>
    public string? ResultUuid => Uuid ?? Lead?.Uuid;

    public GrinfiException? Error { get; set; }

    /// <summary>An error about this row, with the row number and identity leading the message.</summary>
    public GrinfiException RowError(GrinfiException cause)
    {
        var error = new GrinfiException(cause.Kind, cause.ErrorId, $"{Label}: {cause.Message}", cause)
        {
            TargetObject = Input,
            RecommendedAction = cause.RecommendedAction,
        };
        return error;
    }
}
