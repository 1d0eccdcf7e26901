using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>
/// Decides what one row takes, once the contact's current state is known: an upsert for a new
/// contact, and for an existing one only what differs (a PUT of the changed fields, batched mass
/// actions for list, stage, tags and custom fields) or nothing at all. Pure: no requests.
/// </summary>
internal static class RowPlanner
{
    // The fields besides LinkedIn ids by which the upsert finds an existing contact.
    private static readonly string[] s_matchedBy = { "email", "first_name", "last_name", "company_name" };

    /// <summary>Fills the row's Upsert, Update, FollowUps and, when nothing is to be sent, its Outcome.</summary>
    /// <exception cref="GrinfiException">The row cannot be written (its contact does not exist, a value PUT cannot take).</exception>
    public static void Decide(LeadRow row, WriteOptions options, RowNotes notes)
    {
        if (row.Planned)
        {
            return;
        }
        row.Planned = true;
        var current = row.Current;
        if (row.IsUpdate && current is null)
        {
            throw new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiLeadNotFound", $"No contact has the UUID '{row.Uuid}'.")
            {
                RecommendedAction = "Check the Uuid column; the contact may have been deleted. Leave Uuid empty to create or match the contact by its LinkedIn id.",
            };
        }
        if (current is null)
        {
            NewContact(row, options);
            return;
        }
        // Existing contacts are left alone, those a row names by Uuid (or a piped contact) too.
        if (options.SkipExisting)
        {
            row.Outcome = RowOutcome.Skipped;
            return;
        }

        CheckReadOnly(row, current, notes);
        var changed = ChangedFields(row, current, notes);
        CheckEmail(row, changed);
        var custom = ChangedCustomFields(row, current, notes);
        if (row.IsUpdate)
        {
            var update = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var field in changed)
            {
                foreach (var (name, value) in ForUpdate(field, row))
                {
                    update[name] = value;
                }
            }
            foreach (var clear in row.Clear.Where(f => !update.ContainsKey(f) && JsonRead.String(current.Json, f) is not null))
            {
                update[clear] = null;
                row.Differences.Add((clear, JsonRead.String(current.Json, clear), null));
            }
            row.Update = update.Count > 0 ? new LeadUpdate(update) : null;
            row.FollowUps.AddRange(custom.Select(c => MassActionPlans.SetCustomField(c.Field, c.Value)));
            if (options.List is { } list && !Same(current.ListUuid, list.Uuid))
            {
                row.FollowUps.Add(MassActionPlans.MoveToList(list));
            }
        }
        else if (changed.Count > 0)
        {
            var fields = changed.ToDictionary(f => f, f => row.Fields[f], StringComparer.Ordinal);
            fields["linkedin_id"] = row.Fields["linkedin_id"];
            AddIdField(row, fields, current);
            if (changed.Contains("linkedin_id"))
            {
                // The contact does not hold the row's LinkedIn: the look-up found it by the row's
                // email, or name and company. The upsert matches by LinkedIn first, then by those:
                // without them it would match nothing and make a new contact of the changed fields.
                foreach (var key in s_matchedBy.Where(k => row.Fields.ContainsKey(k) && !fields.ContainsKey(k)))
                {
                    fields[key] = row.Fields[key];
                }
                CheckEmail(row, fields.Keys);
            }
            row.Upsert = new LeadUpsert(fields, row.ListUuid!)
            {
                CustomFields = custom.ToDictionary(c => c.Field.Name, c => c.Value),
                MoveToList = options.MoveToList,
            };
        }
        else
        {
            // Only custom-field values (or nothing) for a contact the look-up found: batched mass
            // actions by value, as for contacts named by Uuid, not an upsert a row.
            row.FollowUps.AddRange(custom.Select(c => MassActionPlans.SetCustomField(c.Field, c.Value)));
            if (options.MoveToList && options.List is { } list && !Same(current.ListUuid, list.Uuid))
            {
                row.FollowUps.Add(MassActionPlans.MoveToList(list));
            }
        }
        AddStageAndTags(row, options, current);
        if (row.Upsert is null && row.Update is null && row.FollowUps.Count == 0)
        {
            row.Outcome = RowOutcome.Unchanged;
        }
    }

    private static void NewContact(LeadRow row, WriteOptions options)
    {
        CheckEmail(row, row.Fields.Keys);
        var fields = new Dictionary<string, string>(row.Fields, StringComparer.Ordinal);
        AddIdField(row, fields, null);
        row.Upsert = new LeadUpsert(fields, row.ListUuid!)
        {
            CustomFields = row.CustomFields.Where(c => c.Value is not null).ToDictionary(c => c.Field.Name, c => c.Value),
            // Made new on the lookup's word; should another contact match after all, leave it as it is.
            UpdateIfExists = !options.SkipExisting,
            MoveToList = options.MoveToList,
        };
        AddStageAndTags(row, options, null);
    }

    /// <summary>
    /// A member id or Sales Navigator id also goes in its own field (ln_id, sn_id) of the upsert.
    /// Its linkedin_id may be a URL the API reads as a handle (/in/ACoAA..., /sales/lead/ACwAA...):
    /// without the field the contact would not hold the id where the next run's look-up searches
    /// for it, and the upsert would not match the contact by it (the API matches by ln_id and
    /// sn_id before handles). Not where the row gives the field itself, nor where the contact
    /// holds another id of that kind.
    /// </summary>
    private static void AddIdField(LeadRow row, Dictionary<string, string> fields, GrinfiLead? current)
    {
        if (row.LinkedIn is { Field: "ln_id" or "sn_id" } id && !fields.ContainsKey(id.Field!)
            && (current is null || JsonRead.String(current.Json, id.Field!) is not string held || string.Equals(held, id.Value, StringComparison.Ordinal)))
        {
            fields[id.Field!] = id.Value;
        }
    }

    private static void AddStageAndTags(LeadRow row, WriteOptions options, GrinfiLead? current)
    {
        if (options.Stage is { } stage && !Same(current?.PipelineStageUuid, stage.Uuid))
        {
            row.FollowUps.Add(MassActionPlans.ChangePipelineStage(stage));
        }
        var carried = new HashSet<string>(current?.Tags.OfType<string>() ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        row.FollowUps.AddRange(options.AddTags.Where(t => !carried.Contains(t.Uuid)).Select(t => MassActionPlans.AddTag(t)));
        row.FollowUps.AddRange(options.RemoveTags.Where(t => carried.Contains(t.Uuid)).Select(t => MassActionPlans.RemoveTag(t)));
    }

    /// <summary>Given fields whose value differs from the contact's (write names). Write-only fields without a stored form always count.</summary>
    private static List<string> ChangedFields(LeadRow row, GrinfiLead current, RowNotes notes)
    {
        var changed = new List<string>();
        foreach (var pair in row.Fields)
        {
            var field = LeadFields.Get(pair.Key)!;
            CellComparer.Verdict verdict;
            if (field.Name == "linkedin_id")
            {
                verdict = row.LinkedIn is { } id && id.Field is string stored && SameProfile(id, JsonRead.String(current.Json, stored))
                    ? CellComparer.Verdict.Same : CellComparer.Verdict.Different;
            }
            else if (!field.Readable && field.StoredAs is null)
            {
                verdict = CellComparer.Verdict.Different;
            }
            else
            {
                verdict = CellComparer.Text(pair.Value, JsonRead.String(current.Json, field.ComparedWith), ignoreCase: field.ComparedWith.EndsWith("email", StringComparison.Ordinal));
            }
            if (verdict == CellComparer.Verdict.Mangled)
            {
                notes.Mangled(pair.Key);
            }
            else if (verdict == CellComparer.Verdict.Different)
            {
                changed.Add(pair.Key);
                row.Differences.Add((pair.Key, JsonRead.String(current.Json, field.ComparedWith), pair.Value));
            }
        }
        return changed;
    }

    /// <summary>
    /// Custom field values to send. The vendor documents no call that returns a contact's
    /// custom-field values, so unless the answer carries them they cannot be compared and are
    /// sent as given.
    /// </summary>
    private static List<(GrinfiCustomField Field, string? Value)> ChangedCustomFields(LeadRow row, GrinfiLead current, RowNotes notes)
    {
        var known = current.Json["custom_fields"] as JsonObject;
        var changed = new List<(GrinfiCustomField, string?)>();
        foreach (var (field, value) in row.CustomFields)
        {
            if (known is null)
            {
                notes.Uncompared(field.Name);
                row.Uncompared++;
                changed.Add((field, value));
                row.Differences.Add(($"custom field '{field.Name}'", "(not returned by the API)", value));
                continue;
            }
            var now = known.FirstOrDefault(p => string.Equals(p.Key, field.Name, StringComparison.OrdinalIgnoreCase)).Value;
            var nowText = now is null ? null : JsonRead.AsString(now);
            if (value is null ? nowText is not null : CellComparer.Text(value, nowText) == CellComparer.Verdict.Different)
            {
                changed.Add((field, value));
                row.Differences.Add(($"custom field '{field.Name}'", nowText, value));
            }
        }
        return changed;
    }

    /// <summary>
    /// An email about to be sent must be one the API's schema takes: a value it would refuse (a
    /// placeholder such as n/a, a name) is a row error before the request. Checked only when it
    /// is sent, so a contact's own stored value read back from an export never fails its row.
    /// </summary>
    private static void CheckEmail(LeadRow row, IEnumerable<string> sent)
    {
        if (sent.Contains("email") && CellValues.EmailProblem(row.Fields["email"]) is string problem)
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidEmail", $"'{row.Fields["email"]}' is not an e-mail address the API takes: {problem}.", row.Input,
                "Correct the e-mail cell, or leave it empty.");
        }
    }

    /// <summary>Read-only columns whose cell no longer holds the contact's value: an edit that will not happen, counted for one warning.</summary>
    private static void CheckReadOnly(LeadRow row, GrinfiLead current, RowNotes notes)
    {
        foreach (var (column, text) in row.ReadOnlyCells)
        {
            var readOnly = column.ReadOnly!;
            var verdict = readOnly.Display switch
            {
                ReadOnlyDisplay.ListName => CellComparer.Text(text, current.ListName ?? current.ListUuid),
                ReadOnlyDisplay.PipelineStageName => CellComparer.Text(text, current.PipelineStageName ?? current.PipelineStageUuid),
                ReadOnlyDisplay.TagNames => CellComparer.Text(text, current.TagNames.ToString()),
                _ when readOnly.Field.Kind == FieldKind.Date => CellComparer.Date(text, DateOf(current.Json, readOnly.Field.Name)),
                _ when readOnly.Field.Kind == FieldKind.Array => CellComparer.Text(text, GrinfiArray.From(current.Json[readOnly.Field.Name]).ToString()),
                _ => CellComparer.Text(text, JsonRead.String(current.Json, readOnly.Field.Name)),
            };
            if (verdict == CellComparer.Verdict.Different)
            {
                notes.ReadOnlyEdited(column);
            }
            else if (verdict == CellComparer.Verdict.Mangled)
            {
                // A reformatted date, a '?' for a letter: not an edit, but worth the warning.
                notes.Mangled(column.Column);
            }
        }
    }

    /// <summary>A changed field as PUT takes it: linkedin_id is written as the field its kind lives in.</summary>
    private static IEnumerable<(string Name, string? Value)> ForUpdate(string field, LeadRow row)
    {
        if (field != "linkedin_id")
        {
            return new[] { (field, (string?)row.Fields[field]) };
        }
        var id = row.LinkedIn!;
        return id.Field is string stored
            ? new[] { (stored, (string?)id.Value) }
            : throw GrinfiException.InvalidInput("GrinfiLinkedInIdNotWritable",
                $"The LinkedIn id '{row.Fields[field]}' is an old numeric member id, which an update cannot write (PUT takes a handle, a member id or a Sales Navigator id).", row.Input,
                "Give the profile's linkedin.com/in/ address instead.");
    }

    private static DateTimeOffset? DateOf(JsonObject json, string field) =>
        JsonRead.String(json, field) is string s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private static bool SameProfile(LinkedInProfileId id, string? stored) =>
        LinkedInIds.TryParse(stored, out var now, out _) && now!.Kind == id.Kind && string.Equals(now.Value, id.Value, StringComparison.Ordinal);

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
