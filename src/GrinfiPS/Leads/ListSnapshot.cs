using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>
/// A list's contacts as Sync-GrinfiLead needs them, compactly: per contact its UUID, its keys
/// (LinkedIn handle, member and Sales Navigator ids, or emails) and only the fields the input
/// compares; repeated values are shared, long texts kept as a hash. 100,000 contacts fit in a
/// few tens of MB instead of the gigabytes their whole JSON would take.
/// </summary>
internal sealed class ListSnapshot
{
    private const int LongText = 256;
    internal const string HashMark = "\u0001sha256:";

    // Always kept: the contact's UUID, and what list and stage changes compare. Its keys are in
    // the index; its LinkedIn ids and emails are kept only when the input compares them.
    private static readonly string[] s_always = { "uuid", "team_id", "list_uuid", "pipeline_stage_uuid" };

    // Values each contact has its own of: pooling them would only add a pool entry per contact.
    private static readonly HashSet<string> s_unique = new(StringComparer.Ordinal) { "uuid", "linkedin", "ln_id", "sn_id", "work_email", "personal_email" };

    private readonly string[] _fields;
    private readonly bool[] _pooled;
    private readonly List<string?[]> _records = new();
    private readonly List<string[]?> _tags = new();
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    // A key's contact index, or for a key several contacts share, -1 - its entry in _shared: a
    // list per key would cost more than the index it holds, and nearly every key names one contact.
    private readonly Dictionary<string, int> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<List<int>> _shared = new();
    private readonly SyncKey _key;

    /// <param name="key">What rows and contacts are matched by.</param>
    /// <param name="compared">The read fields the input's columns compare with (first_name, work_email, ...).</param>
    public ListSnapshot(SyncKey key, IEnumerable<string> compared)
    {
        _key = key;
        _fields = s_always.Concat(compared).Append(GrinfiLead.CustomFieldsField).Distinct(StringComparer.Ordinal).ToArray();
        _pooled = _fields.Select(f => !s_unique.Contains(f)).ToArray();
    }

    public int Count => _records.Count;

    /// <summary>Keeps what is needed of a contact read from the list.</summary>
    public void Add(GrinfiLead lead)
    {
        var record = new string?[_fields.Length];
        for (var i = 0; i < _fields.Length; i++)
        {
            var node = lead.Json[_fields[i]];
            // Custom-field values (where a server returns them) stay whole: they are parsed back to compare.
            record[i] = node is null ? null
                : _fields[i] == GrinfiLead.CustomFieldsField ? JsonFormat.Text(node)
                : Compact(node is JsonValue ? JsonRead.AsString(node) : JsonFormat.Text(node), _pooled[i]);
        }
        var index = _records.Count;
        _records.Add(record);
        _tags.Add(lead.Tags.Count == 0 ? null : lead.Tags.OfType<string>().Select(t => Compact(t, pool: true)!).ToArray());
        foreach (var k in _key.KeysOf(lead))
        {
            if (!_byKey.TryGetValue(k, out var at))
            {
                _byKey[k] = index;
            }
            else if (at >= 0 && at != index)
            {
                _shared.Add(new List<int>(2) { at, index });
                _byKey[k] = -_shared.Count;
            }
            else if (at < 0 && !_shared[-1 - at].Contains(index))
            {
                _shared[-1 - at].Add(index);
            }
        }
    }

    /// <summary>The contacts a key names: none, one, or several (a key two contacts share).</summary>
    public IReadOnlyList<int> Find(string key) =>
        !_byKey.TryGetValue(key, out var at) ? Array.Empty<int>()
        : at >= 0 ? new[] { at }
        : _shared[-1 - at];

    public string UuidOf(int index) => _records[index][0]!;

    /// <summary>Every contact's index and UUID.</summary>
    public IEnumerable<(int Index, string Uuid)> All => _records.Select((r, i) => (i, r[0]!));

    /// <summary>The contact as a GrinfiLead holding what was kept (for the planner to compare with).</summary>
    public GrinfiLead Materialize(int index, GrinfiConnection connection)
    {
        var record = _records[index];
        var json = new JsonObject();
        for (var i = 0; i < _fields.Length; i++)
        {
            if (record[i] is not string value)
            {
                continue;
            }
            json[_fields[i]] = _fields[i] == GrinfiLead.CustomFieldsField ? JsonNode.Parse(value) : JsonValue.Create(value);
        }
        if (_tags[index] is { } tags)
        {
            json["tags"] = JsonFormat.Array(tags);
        }
        return new GrinfiLead(json) { Connection = connection };
    }

    /// <summary>A hash of a long text, as kept (CellComparer.Text compares a cell with it).</summary>
    public static string Hash(string text)
    {
        using var sha = SHA256.Create();
        var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(CellComparer.Normalise(text)));
        return HashMark + string.Concat(bytes.Take(16).Select(b => b.ToString("x2")));
    }

    private string? Compact(string? value, bool pool)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Length > LongText)
        {
            return Hash(value);
        }
        if (pool && value.Length <= 64)
        {
            if (_pool.TryGetValue(value, out var shared))
            {
                return shared;
            }
            _pool[value] = value;
        }
        return value;
    }
}
