using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>
/// Matches a whole input to a list by key (Sync-GrinfiLead): reads the list once, at the
/// largest page, into a compact snapshot; gives every row its contact of the list, or finds it
/// across the team (batched), or marks it new; refuses rows whose key is not unique on either
/// side; and names the contacts of the list that no row names.
/// </summary>
internal sealed class ListSync
{
    private const int ProgressId = 0x73796E63;

    private readonly GrinfiConnectedCmdlet _cmdlet;
    private readonly GrinfiList _list;
    private readonly SyncKey _key;
    private readonly bool _moveFromOtherLists;
    private ListSnapshot? _snapshot;

    public ListSync(GrinfiConnectedCmdlet cmdlet, GrinfiList list, SyncKey key, bool moveFromOtherLists)
    {
        _cmdlet = cmdlet;
        _list = list;
        _key = key;
        _moveFromOtherLists = moveFromOtherLists;
    }

    /// <summary>Contacts in the list when it was read.</summary>
    public int ListCount => _snapshot?.Count ?? 0;

    /// <summary>Each row's key, for plans and errors.</summary>
    public Dictionary<LeadRow, string> Keys { get; } = new();

    /// <summary>Reads the list (on the pipeline thread, with a progress bar) keeping what the rows compare.</summary>
    public void ReadList(IReadOnlyList<LeadRow> rows)
    {
        _snapshot = new ListSnapshot(_key, Compared(rows));
        var pager = new LeadPager(_cmdlet.Api, new JsonObject { ["list_uuid"] = _list.Uuid }, "uuid", descending: false,
            LeadPager.MaxPageSize, LeadPager.MaxPageSize, wanted: null, what: $"the contacts of list '{_list.Name}'");
        var activity = $"Reading list '{_list.Name}'";
        while (true)
        {
            var page = _cmdlet.Run(pager.NextAsync);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var lead in page)
            {
                _snapshot.Add(lead);
            }
            _cmdlet.WriteProgress(new ProgressRecord(ProgressId, activity, $"{_snapshot.Count:N0} contacts read"));
        }
        _cmdlet.WriteProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
    }

    /// <summary>
    /// The fields of a contact the rows compare, as the contact holds them: the key is matched,
    /// never compared (<see cref="Matched"/> leaves it out); a LinkedIn value compares with the
    /// field of its kind; read-only columns are checked against the contact (a file exported from
    /// Grinfi carries them unchanged), except arrays, which the snapshot does not keep and which
    /// are therefore not checked.
    /// </summary>
    private IEnumerable<string> Compared(IReadOnlyList<LeadRow> rows)
    {
        var keyField = KeyField;
        foreach (var row in rows)
        {
            row.ReadOnlyCells.RemoveAll(c => c.Column.ReadOnly is { Display: ReadOnlyDisplay.Value, Field.Kind: FieldKind.Array });
        }
        var written = rows.SelectMany(r => r.Fields.Keys.Where(f => f != keyField).Concat(r.Clear))
            .SelectMany(f => f == "linkedin_id" ? new[] { "linkedin", "ln_id", "sn_id" } : new[] { LeadFields.Get(f)?.ComparedWith });
        var readOnly = rows.SelectMany(r => r.ReadOnlyCells).Select(c => c.Column.ReadOnly?.Field.Name).Where(f => f != "tags");
        return written.Concat(readOnly).Where(f => f is not null).Select(f => f!).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The write field the key is read from.</summary>
    private string KeyField => _key == SyncKey.Email ? "email" : "linkedin_id";

    /// <summary>
    /// Gives each row (without an error) its contact, or marks it new, or sets its Error:
    /// no key; a key another row has too (both refused); a key two contacts of the list share;
    /// a contact that lives in another list (unless -MoveFromOtherLists); a new row without the
    /// LinkedIn profile creating it needs.
    /// </summary>
    public void Match(IReadOnlyList<LeadRow> rows, ExistingContacts existing)
    {
        var snapshot = _snapshot!;
        var open = rows.Where(r => r.Error is null).ToList();
        foreach (var row in open)
        {
            if (_key.KeyOf(row) is string key)
            {
                Keys[row] = key;
            }
            else
            {
                row.Error = Refuse("GrinfiSyncKeyMissing", $"The row has no {_key} value, which -Key {_key} matches rows and contacts by.",
                    $"Give every row its {_key} (or pick the other -Key).");
            }
        }
        foreach (var same in open.Where(Keys.ContainsKey).GroupBy(r => Keys[r], StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var numbers = string.Join(", ", same.Select(r => r.Number));
            foreach (var row in same)
            {
                row.Error = Refuse("GrinfiSyncDuplicateKey", $"Rows {numbers} have the same {_key} ({Shown(same.Key)}); none of them was applied.",
                    "Keep one row per contact in the input, then run again.");
            }
        }

        var unmatched = new List<LeadRow>();
        foreach (var row in open.Where(r => r.Error is null))
        {
            var found = snapshot.Find(Keys[row]);
            if (found.Count > 1)
            {
                row.Error = Refuse("GrinfiSyncAmbiguousKey",
                    $"Contacts {string.Join(" and ", found.Select(snapshot.UuidOf))} of list '{_list.Name}' both have the {_key} {Shown(Keys[row])}; neither was touched.",
                    "Merge or fix the duplicates in Grinfi, then run again.");
            }
            else if (found.Count == 1)
            {
                Matched(row, snapshot.Materialize(found[0], _cmdlet.ActiveConnection));
                row.CurrentIsPartial = true;
            }
            else
            {
                unmatched.Add(row);
            }
        }

        // Keys not in the list: found across the team first, by every identifier an upsert
        // would match by, so nothing is created twice.
        if (unmatched.Count > 0)
        {
            _cmdlet.Run(async ctx =>
            {
                foreach (var batch in unmatched.Select((r, i) => (r, i)).GroupBy(x => x.i / ExistingContacts.BatchSize, x => x.r))
                {
                    await existing.FindAsync(batch.ToList(), ctx).ConfigureAwait(false);
                }
                return true;
            });
        }
        foreach (var row in unmatched)
        {
            var elsewhere = row.Current;
            if (elsewhere is null)
            {
                if (row.LinkedIn is null)
                {
                    row.Error = Refuse("GrinfiLinkedInIdRequired", "The row names no contact of the list or the team, and creating one needs its LinkedIn profile.",
                        "Add the LinkedIn column (a profile URL or handle) for new contacts.");
                }
                continue;
            }
            var sameKey = _key.KeysOf(elsewhere).Contains(Keys[row], StringComparer.OrdinalIgnoreCase);
            var where = elsewhere.ListName is { } name ? $"list '{name}'" : $"list {elsewhere.ListUuid}";
            if (!sameKey)
            {
                row.Error = Refuse("GrinfiSyncKeyConflict",
                    $"No contact has the row's {_key} {Shown(Keys[row])}, but contact {elsewhere.Uuid} in {where} matches its other identifiers (email, name and company); creating the row would update that contact instead.",
                    "Check which contact the row means: give it that contact's key, or change the row.");
            }
            else if (!_moveFromOtherLists)
            {
                row.Error = Refuse("GrinfiSyncInOtherList",
                    $"The contact with the {_key} {Shown(Keys[row])} is in {where} ({elsewhere.Uuid}), not in '{_list.Name}'.",
                    "Add -MoveFromOtherLists to move such contacts into the list, or leave the row out.");
            }
            else
            {
                Matched(row, elsewhere);
            }
        }
        // One contact named by two rows in different forms (its handle and its member id, its work
        // and its personal email): as for one key twice, neither row is applied.
        foreach (var same in open.Where(r => r.Error is null && r.Uuid is not null).GroupBy(r => r.Uuid!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var numbers = string.Join(", ", same.Select(r => r.Number));
            foreach (var row in same)
            {
                row.Error = Refuse("GrinfiSyncDuplicateKey", $"Rows {numbers} name the same contact ({same.Key}) by its {_key} in different forms; none of them was applied.",
                    "Keep one row per contact in the input, then run again.");
            }
        }
        foreach (var row in rows)
        {
            row.LookedUp = true;
        }
    }

    /// <summary>Contacts of the list that no row names (rows that failed count as present, by their key).</summary>
    public IReadOnlyList<string> Missing(IReadOnlyList<LeadRow> rows)
    {
        var snapshot = _snapshot!;
        var present = new HashSet<string>(rows.Select(r => r.Uuid).Where(u => u is not null).Select(u => u!), StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (Keys.TryGetValue(row, out var key) || (row.Error is not null && _key.KeyOf(row) is string failedKey && (key = failedKey) is not null))
            {
                foreach (var index in snapshot.Find(key))
                {
                    present.Add(snapshot.UuidOf(index));
                }
            }
        }
        return snapshot.All.Where(c => !present.Contains(c.Uuid)).Select(c => c.Uuid).ToList();
    }

    private void Matched(LeadRow row, GrinfiLead contact)
    {
        if (row.Fields.TryGetValue(KeyField, out var given))
        {
            row.MatchedBy = $"{KeyField} '{given}'";
        }
        row.Uuid = contact.Uuid;
        row.Current = contact;
        // The key matched one of the contact's stored forms (a personal email, a member id): it is
        // no change, and writing it would put it where it is not (the work email, say).
        row.Fields.Remove(KeyField);
    }

    private static string Shown(string key) => $"'{key.Substring(2)}'";

    private static GrinfiException Refuse(string id, string message, string fix) => GrinfiException.InvalidInput(id, message, null, fix);
}
