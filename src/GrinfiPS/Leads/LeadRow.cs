using System;
using System.Collections.Generic;
using System.Linq;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>One input row of a bulk write: where it came from, what it asks for, what it takes, and how it went.</summary>
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

    /// <summary>The contact's UUID when the row names one (it updates that contact); null for an upsert.</summary>
    public string? Uuid { get; set; }

    /// <summary>The contact as it is now: piped in, or found by the lookup before the writes. Null for a new contact.</summary>
    public GrinfiLead? Current { get; set; }

    /// <summary>Current holds only what the row compares (Sync-GrinfiLead's list snapshot), not the whole contact.</summary>
    public bool CurrentIsPartial { get; set; }

    /// <summary>Whether the contacts were looked up for this row already (Current is the answer, null included).</summary>
    public bool LookedUp { get; set; }

    /// <summary>Lead fields given, by write name (linkedin_id, first_name, email, ...); empty cells are not here.</summary>
    public SortedDictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>The row's LinkedIn identifier, checked and normalised.</summary>
    public LinkedInProfileId? LinkedIn { get; set; }

    /// <summary>Custom field values given (null clears), by field.</summary>
    public List<(GrinfiCustomField Field, string? Value)> CustomFields { get; } = new();

    /// <summary>Fields to empty on purpose (-Clear): write names of fields PUT lets be null.</summary>
    public List<string> Clear { get; } = new();

    /// <summary>Read-only columns as the row has them, to tell an edit from the value exported.</summary>
    public List<(PlannedColumn Column, string Text)> ReadOnlyCells { get; } = new();

    /// <summary>Target list of an upsert.</summary>
    public string? ListUuid { get; set; }

    public bool IsUpdate => Uuid is not null;

    // ---- what the row takes, decided once the current state is known ----

    /// <summary>The upsert to send, or null.</summary>
    public LeadUpsert? Upsert { get; set; }

    /// <summary>The PUT to send (changed fields only), or null.</summary>
    public LeadUpdate? Update { get; set; }

    /// <summary>Mass actions (list, stage, tags, custom fields) to batch for the contact once it is written.</summary>
    public List<PlannedAction> FollowUps { get; } = new();

    /// <summary>Whether what the row takes was decided (RowPlanner ran).</summary>
    public bool Planned { get; set; }

    /// <summary>For an existing contact, what changes, field by field: for -WhatIf and plans.</summary>
    public List<(string Field, string? Was, string? Becomes)> Differences { get; } = new();

    /// <summary>Custom-field values sent without comparing them: the API did not return the contact's.</summary>
    public int Uncompared { get; set; }

    /// <summary>
    /// Whether all the row sends to an existing contact is custom-field values that could not be
    /// compared: it is then Resent, neither Updated (nothing may change) nor Unchanged (something is sent).
    /// </summary>
    public bool OnlyUncompared => Uncompared > 0 && Differences.Count == Uncompared && Update is null
        && FollowUps.All(f => f.Action.Type == MassAction.TypeOf(GrinfiMassAction.SetCustomField));

    /// <summary>What writing to an existing contact made of the row: Updated, or Resent.</summary>
    public RowOutcome WrittenOutcome => OnlyUncompared ? RowOutcome.Resent : RowOutcome.Updated;

    /// <summary>The contact's UUID after the write: the given one, the found one, or the upsert's answer.</summary>
    public string? ResultUuid => Uuid ?? Lead?.Uuid ?? Current?.Uuid;

    // ---- how it went ----

    public RowOutcome Outcome { get; set; }

    /// <summary>The contact as the API last returned it (null when nothing came back).</summary>
    public GrinfiLead? Lead { get; set; }

    public GrinfiException? Error { get; set; }

    /// <summary>Batches holding this row's follow-ups and not sent yet: the row is not done until they are.</summary>
    public int PendingBatches { get; set; }

    /// <summary>The key a sync matched the row by, as the row gave it ("linkedin_id 'ada-l'"), for messages.</summary>
    public string? MatchedBy { get; set; }

    /// <summary>How the row is named in messages: the key it was matched by, its UUID, LinkedIn id, email or name.</summary>
    public string Identity
    {
        get
        {
            if (MatchedBy is not null)
            {
                return MatchedBy;
            }
            if (Uuid is not null)
            {
                return $"uuid {Uuid}";
            }
            foreach (var key in new[] { "linkedin_id", "email", "ln_id", "sn_id" })
            {
                if (Fields.TryGetValue(key, out var value))
                {
                    return $"{key} '{value}'";
                }
            }
            var name = string.Join(" ", new[] { "first_name", "last_name" }.Select(k => Fields.TryGetValue(k, out var v) ? v : null).Where(n => n is not null));
            return name.Length > 0 ? $"'{name}'" : "no identifier";
        }
    }

    /// <summary>"Row 17 (linkedin_id 'john-doe')".</summary>
    public string Label => $"Row {Number} ({Identity})";

    /// <summary>An error about this row, with the row number and identity leading the message and the row as its target.</summary>
    public GrinfiException RowError(GrinfiException cause) => new(cause.Kind, cause.ErrorId, $"{Label}: {cause.Message}", cause)
    {
        TargetObject = Input,
        RecommendedAction = cause.RecommendedAction,
    };
}
