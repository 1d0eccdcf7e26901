using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>
/// Reads one input row into what it asks for: any object's property names, or a hashtable's
/// keys, through the column mapping (<see cref="ColumnResolver"/>), never through parameter
/// aliases, so every header people's exports have is read or named in a warning. A piped
/// contact carries its current state, not changes. Pure: no requests, no pipeline writes.
/// </summary>
internal sealed class LeadRowReader
{
    private readonly IDictionary? _columnMap;
    private readonly IReadOnlyList<GrinfiCustomField> _customFields;
    private readonly RowDefaults _defaults;
    private readonly RowNotes _notes;
    private readonly Dictionary<string, ColumnPlan> _plans = new(StringComparer.Ordinal);
    private readonly List<ColumnWarning> _warnings = new();
    private readonly HashSet<string> _named = new(StringComparer.Ordinal);

    public LeadRowReader(IDictionary? columnMap, IReadOnlyList<GrinfiCustomField> customFields, RowDefaults defaults, RowNotes notes)
    {
        _columnMap = columnMap;
        _customFields = customFields;
        _defaults = defaults;
        _notes = notes;
    }

    /// <summary>Warnings of the column plans made since the last call (once per distinct set of columns).</summary>
    public IReadOnlyList<ColumnWarning> TakeWarnings()
    {
        var taken = _warnings.ToList();
        _warnings.Clear();
        return taken;
    }

    /// <summary>
    /// The row's request. A row that cannot be written as given comes back with its Error set
    /// (naming the value and the fix) and what could be read of it, so its message names it.
    /// </summary>
    public LeadRow Read(int number, object? input)
    {
        var row = new LeadRow(number, input);
        try
        {
            ReadInto(row, input);
        }
        catch (GrinfiException ex)
        {
            row.Error = ex;
        }
        return row;
    }

    private void ReadInto(LeadRow row, object? input)
    {
        var inner = input is PSObject ps ? ps.BaseObject : input;
        switch (inner)
        {
            case null:
                break;
            case GrinfiLead lead:
                // A contact piped in is its state as it is: only the parameters are changes.
                if (TeamCheck.Refusal(lead, _defaults.TeamId, "the pipeline") is { } otherTeam)
                {
                    throw otherTeam;
                }
                row.Current = lead;
                row.Uuid = lead.Uuid;
                break;
            case GrinfiObject other:
                throw GrinfiException.InvalidInput("GrinfiNotAContact", $"A {other.GetType().Name.Replace("Grinfi", "").ToLowerInvariant()} ('{other}') is not a contact.", input,
                    "Pipe contacts (Get-GrinfiLead) or rows with contact columns (Import-Csv). To act on the contacts of a list, stage or tag, use Get-GrinfiLead -List, -PipelineStage or -Tag.");
            case string or ValueType:
                throw GrinfiException.InvalidInput("GrinfiNotARow", $"A {inner.GetType().Name} ('{inner}') is not a row of contact columns.", input,
                    "Pipe objects with columns (Import-Csv, [pscustomobject]@{ ... }, hashtables), or give the values as parameters.");
            case IEnumerable items when !(inner is IDictionary) && !(inner is System.Xml.XmlNode):
                // -InputObject (Import-Csv x.csv): the rows came as one array, not one by one.
                throw GrinfiException.InvalidInput("GrinfiNotARow", $"A list of {items.Cast<object>().Count():N0} items is not a row: -InputObject takes one row.", input,
                    "Pipe the rows instead: $rows | Set-GrinfiLead ...");
            default:
                ReadCells(row, Cells(input!, inner));
                break;
        }
        ApplyDefaults(row);
        Check(row);
    }

    private static List<(string Name, object? Value)> Cells(object input, object inner) => inner is IDictionary dictionary
        ? dictionary.Keys.Cast<object>().Select(k => (k?.ToString() ?? "", (object?)dictionary[k])).ToList()
        : PSObject.AsPSObject(input).Properties
            .Where(p => p.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property or PSMemberTypes.AliasProperty or PSMemberTypes.ScriptProperty)
            .Select(p => (p.Name, Value(p))).ToList();

    private static object? Value(PSPropertyInfo property)
    {
        try
        {
            return property.Value;
        }
        catch (GetValueException)
        {
            return null;
        }
    }

    private void ReadCells(LeadRow row, List<(string Name, object? Value)> cells)
    {
        var plan = PlanFor(cells.Select(c => c.Name).ToList());
        var values = cells.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        foreach (var column in plan.Columns.Where(c => c.IsWritten || c.Kind == ColumnKind.ReadOnly))
        {
            var text = FieldText.From(values[column.Column], $"column '{column.Column}'");
            if (text is null)
            {
                // An empty cell never blanks a field, unless the run says it does (and the API lets it).
                if (_defaults.EmptyCellsClear && column.Kind == ColumnKind.Field && LeadFields.Get(column.Target!) is { NullableOnUpdate: true })
                {
                    row.Clear.Add(column.Target!);
                }
                else if (_defaults.EmptyCellsClear && column.Kind == ColumnKind.CustomField)
                {
                    row.CustomFields.Add((_customFields.First(f => string.Equals(f.Name, column.Target, StringComparison.OrdinalIgnoreCase)), null));
                }
                continue;
            }
            switch (column.Kind)
            {
                case ColumnKind.Identity:
                    row.Uuid = text;
                    break;
                case ColumnKind.ReadOnly:
                    row.ReadOnlyCells.Add((column, text));
                    break;
                case ColumnKind.CustomField:
                    row.CustomFields.Add((_customFields.First(f => string.Equals(f.Name, column.Target, StringComparison.OrdinalIgnoreCase)), text));
                    break;
                case ColumnKind.Field when column.Value == ColumnValue.WebsiteHost:
                    if (CellValues.TryGetHost(text, out var host, out var problem))
                    {
                        row.Fields[column.Target!] = host;
                    }
                    else
                    {
                        _notes.Unusable(column.Column, $"'{text}' ({problem})");
                    }
                    break;
                default:
                    row.Fields[column.Target!] = text;
                    break;
            }
        }
    }

    private ColumnPlan PlanFor(IReadOnlyList<string> headers)
    {
        var key = string.Join("\u0001", headers);
        if (!_plans.TryGetValue(key, out var plan))
        {
            plan = ColumnResolver.Resolve(headers, _columnMap, _customFields.Select(f => f.Name));
            _plans[key] = plan;
            Note(plan, headers);
        }
        return plan;
    }

    /// <summary>
    /// Rows of other columns (hashtables, objects of several shapes) make plans of their own: a
    /// column already named in a warning is not named again, and a -ColumnMap key is warned about
    /// at the end, only when no row had that column.
    /// </summary>
    private void Note(ColumnPlan plan, IReadOnlyList<string> headers)
    {
        foreach (var key in (_columnMap?.Keys.Cast<object>() ?? Enumerable.Empty<object>()).Select(k => k?.ToString() ?? ""))
        {
            if (headers.Any(h => string.Equals(h, key, StringComparison.OrdinalIgnoreCase)))
            {
                _notes.MapKeyUsed(key);
            }
        }
        foreach (var warning in plan.Warnings)
        {
            if (warning.Id == ColumnWarning.MapKeyUnused)
            {
                _notes.MapKeyUnused(warning.Columns[0], warning.Message);
                continue;
            }
            if (warning.Columns.All(c => _named.Contains(warning.Id + "\u0001" + c)))
            {
                continue;
            }
            foreach (var column in warning.Columns)
            {
                _named.Add(warning.Id + "\u0001" + column);
            }
            _warnings.Add(warning);
        }
    }

    private void ApplyDefaults(LeadRow row)
    {
        if (_defaults.Uuid is string uuid)
        {
            row.Uuid = uuid;
        }
        foreach (var field in _defaults.Fields)
        {
            row.Fields[field.Key] = field.Value;
        }
        foreach (var (field, value) in _defaults.CustomFields)
        {
            row.CustomFields.RemoveAll(c => c.Field.Uuid == field.Uuid);
            row.CustomFields.Add((field, value));
        }
        // Without -List, a new contact goes to the list its ListUuid column names (a file this
        // module exported carries one).
        row.ListUuid = _defaults.ListUuid
            ?? row.ReadOnlyCells.Where(c => c.Column.ReadOnly?.Field.Name == "list_uuid" && Guid.TryParseExact(c.Text, "D", out _)).Select(c => c.Text).FirstOrDefault();
    }

    /// <summary>What can be checked before a request: the UUID, the LinkedIn id, what an upsert needs.</summary>
    private void Check(LeadRow row)
    {
        if (row.Uuid is string uuid && !Guid.TryParseExact(uuid, "D", out _))
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidUuid", $"Uuid '{uuid}' is not a contact UUID.", row.Input,
                "Leave the Uuid column empty to create or match the contact by its LinkedIn id instead.");
        }
        if (row.Fields.TryGetValue("linkedin_id", out var linkedIn))
        {
            row.LinkedIn = LinkedInIds.Parse(linkedIn);
        }
        if (_defaults.DeferIdentityChecks)
        {
            return;
        }
        if (row.IsUpdate)
        {
            row.Clear.AddRange(_defaults.Clear.Where(f => !row.Fields.ContainsKey(f)));
            foreach (var field in _defaults.ClearCustom.Where(f => row.CustomFields.All(c => c.Field.Uuid != f.Uuid)))
            {
                row.CustomFields.Add((field, null));
            }
            return;
        }
        if (_defaults.Clear.Count > 0 || _defaults.ClearCustom.Count > 0)
        {
            throw GrinfiException.InvalidInput("GrinfiClearNeedsUuid", "-Clear applies to existing contacts, and this row has no Uuid.", row.Input,
                "Give the contact's Uuid (Get-GrinfiLead ... | Set-GrinfiLead -Clear ...), or leave -Clear out.");
        }
        if (row.LinkedIn is null)
        {
            throw GrinfiException.InvalidInput("GrinfiLinkedInIdRequired",
                "The row has no LinkedIn profile (linkedin_id), which the API needs to create or match a contact (an email alone is not enough).", row.Input,
                "Add a column with the LinkedIn profile URL or handle (LinkedIn, LinkedIn URL, Profile URL, ...), map yours with -ColumnMap @{ 'Your Column' = 'linkedin_id' }, or give the Uuid of an existing contact.");
        }
        if (row.ListUuid is null)
        {
            throw GrinfiException.InvalidInput("GrinfiListRequired", "Nothing says which list the contact goes in.", row.Input,
                "Pass -List 'Name' (new contacts go there; existing ones stay where they are unless -MoveToList), or give the rows a ListUuid column.");
        }
    }
}
