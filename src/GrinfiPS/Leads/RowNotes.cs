using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Leads;

/// <summary>
/// What a run noticed about its rows that is worth one warning at the end, not one per row:
/// read-only columns edited, values a tool mangled, custom fields that could not be compared.
/// </summary>
internal sealed class RowNotes
{
    private readonly Dictionary<string, (PlannedColumn Column, int Rows)> _readOnlyEdited = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _mangled = new(StringComparer.OrdinalIgnoreCase);
    private readonly SortedSet<string> _uncompared = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Example, int Rows)> _unusable = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _verbose = new();
    private readonly Dictionary<string, string> _unusedMapKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _usedMapKeys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A -ColumnMap key the columns of some rows lack; warned at the end unless another row has it.</summary>
    public void MapKeyUnused(string key, string message)
    {
        if (!_unusedMapKeys.ContainsKey(key))
        {
            _unusedMapKeys[key] = message;
        }
    }

    /// <summary>A -ColumnMap key a row has as a column.</summary>
    public void MapKeyUsed(string key) => _usedMapKeys.Add(key);

    /// <summary>A cell that gives no value its field takes (a website that is no company site), left out of its row.</summary>
    public void Unusable(string column, string example)
    {
        lock (_unusable)
        {
            _unusable[column] = _unusable.TryGetValue(column, out var seen) ? (seen.Example, seen.Rows + 1) : (example, 1);
        }
    }

    public void ReadOnlyEdited(PlannedColumn column)
    {
        lock (_readOnlyEdited)
        {
            _readOnlyEdited[column.Column] = (column, _readOnlyEdited.TryGetValue(column.Column, out var seen) ? seen.Rows + 1 : 1);
        }
    }

    public void Mangled(string column)
    {
        lock (_mangled)
        {
            _mangled[column] = _mangled.TryGetValue(column, out var n) ? n + 1 : 1;
        }
    }

    /// <summary>A custom field sent as given because the API returns no custom-field values to compare with; said once per field, with -Verbose.</summary>
    public bool Uncompared(string customField)
    {
        lock (_uncompared)
        {
            if (!_uncompared.Add(customField))
            {
                return false;
            }
            _verbose.Enqueue($"Custom field '{customField}' is sent as given: the API returns no custom-field values of a contact, so it could not be compared with the contact's value.");
            return true;
        }
    }

    /// <summary>Verbose lines noted since the last call (from any thread), for the pipeline thread to write.</summary>
    public IEnumerable<string> TakeVerbose()
    {
        while (_verbose.TryDequeue(out var line))
        {
            yield return line;
        }
    }

    /// <summary>Custom fields sent as given because they could not be compared, for one -Verbose line.</summary>
    public IReadOnlyCollection<string> UncomparedFields
    {
        get { lock (_uncompared) { return _uncompared.ToList(); } }
    }

    /// <summary>The warnings, each once.</summary>
    public IEnumerable<string> Warnings()
    {
        foreach (var unused in _unusedMapKeys.Where(k => !_usedMapKeys.Contains(k.Key)))
        {
            yield return unused.Value;
        }
        foreach (var edited in _readOnlyEdited.Values.OrderBy(e => e.Column.Column, StringComparer.OrdinalIgnoreCase))
        {
            yield return edited.Column.ReadOnly is { } readOnly
                ? readOnly.EditedWarning(edited.Column.Column, edited.Rows).Message
                : $"Column '{edited.Column.Column}' differs from the contact in {edited.Rows:N0} row(s), and is read-only: it was not written.";
        }
        foreach (var unusable in _unusable.OrderBy(u => u.Key, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"Column '{unusable.Key}' was left out of {unusable.Value.Rows:N0} row(s) whose value it could not use, such as {unusable.Value.Example}; the rest of each row was written.";
        }
        if (_mangled.Count > 0)
        {
            yield return "Some cells hold a contact's value as a tool that could not keep it wrote it back (letters turned to '?', a date reformatted), and were left alone, not taken for edits: " +
                string.Join(", ", _mangled.OrderBy(m => m.Key, StringComparer.OrdinalIgnoreCase).Select(m => $"'{m.Key}' in {m.Value:N0} row(s)")) +
                ". Export with Export-Csv -Encoding utf8 (Windows PowerShell 5.1 writes ASCII by default) and keep dates as they were exported.";
        }
    }
}
