using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>
/// Finds the contacts rows are about before anything is written, a batch of rows at a time:
/// rows with a Uuid by "uuid IN (...)", and upsert rows by the identifiers the upsert matches
/// by, in its order (LinkedIn member id and ln_id, sn_id, LinkedIn handle, work email, personal
/// email, name and company), one search per identifier the batch holds, each only for the rows
/// no earlier one matched. What the upsert will do is then known, not guessed from a status
/// code the vendor does not define: a row that matched nothing is new. A team of at most
/// 1,000 contacts is read whole with the first search instead, and the rows matched in memory.
/// </summary>
internal sealed class ExistingContacts
{
    /// <summary>Rows per lookup search.</summary>
    public const int BatchSize = 100;

    private readonly GrinfiApi _api;
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _createdHere = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _teamLock = new();
    private IReadOnlyList<GrinfiLead>? _team;
    private Task? _teamRead;

    public ExistingContacts(GrinfiApi api) => _api = api;

    /// <summary>Searches sent.</summary>
    public int Requests => _requests;

    private int _requests;

    /// <summary>Sets each row's Current: the contact it names or matches, or null for a new one.</summary>
    public async Task FindAsync(IReadOnlyList<LeadRow> rows, CallContext ctx)
    {
        foreach (var row in rows)
        {
            row.LookedUp = true;
        }
        // Batches are looked up concurrently: the first starts the team read, the others wait for
        // it rather than search while it is in flight. Only the first fails with it; the others
        // then search as for a large team.
        bool first;
        Task teamRead;
        lock (_teamLock)
        {
            first = _teamRead is null;
            teamRead = _teamRead ??= ReadTeamAsync(ctx);
        }
        try
        {
            await teamRead.ConfigureAwait(false);
        }
        catch (GrinfiException) when (!first)
        {
        }
        var byUuid = rows.Where(r => r.IsUpdate && r.Current is null).ToList();
        if (byUuid.Count > 0)
        {
            var found = await Search(new JsonObject { ["uuid"] = JsonFormat.Array(byUuid.Select(r => r.Uuid!)) }, byUuid.Count, "contacts by UUID", ctx).ConfigureAwait(false);
            foreach (var row in byUuid)
            {
                row.Current = found.FirstOrDefault(l => Same(l.Uuid, row.Uuid));
            }
        }

        var open = rows.Where(r => !r.IsUpdate && r.Current is null).ToList();
        foreach (var key in s_keys)
        {
            var wanted = open.Select(r => (Row: r, Values: key.Values(r))).Where(x => x.Values.Count > 0).ToList();
            if (wanted.Count == 0)
            {
                continue;
            }
            var values = wanted.SelectMany(w => key.SearchValues(w.Values)).Distinct(StringComparer.Ordinal).ToList();
            var found = await Search(new JsonObject { [key.Field] = JsonFormat.Array(values) }, wanted.Count, $"contacts by {key.Field}", ctx).ConfigureAwait(false);
            foreach (var (row, rowValues) in wanted)
            {
                row.Current = found.FirstOrDefault(lead => key.Matches(lead, row, rowValues));
            }
            open.RemoveAll(r => r.Current is not null);
        }
    }

    /// <summary>
    /// One page of the largest size: when it holds the whole team, every later row is matched
    /// in memory, and the run's look-ups cost this one request.
    /// </summary>
    private async Task ReadTeamAsync(CallContext ctx)
    {
        System.Threading.Interlocked.Increment(ref _requests);
        var page = await _api.SearchLeadsAsync(new LeadQuery(new JsonObject(), LeadPager.MaxPageSize) { OrderField = "uuid" }, ctx).ConfigureAwait(false);
        if (page.Items.Count < Math.Min(LeadPager.MaxPageSize, page.Limit ?? LeadPager.MaxPageSize) && (page.Total is null || page.Total <= page.Items.Count))
        {
            foreach (var lead in page.Items)
            {
                _known[lead.Uuid] = 0;
            }
            _team = page.Items;
        }
    }

    /// <summary>
    /// What an upsert's answer means: Created when it returned a contact that existed neither
    /// before (no lookup saw it) nor from an earlier row of this run; Updated otherwise.
    /// </summary>
    public RowOutcome OutcomeOf(GrinfiLead answer) =>
        _known.ContainsKey(answer.Uuid) || !_createdHere.TryAdd(answer.Uuid, 0) ? RowOutcome.Updated : RowOutcome.Created;

    private async Task<IReadOnlyList<GrinfiLead>> Search(JsonObject filter, int rows, string what, CallContext ctx)
    {
        if (_team is not null)
        {
            // The whole team is at hand: every contact is a candidate, and each key's match decides.
            return _team;
        }
        System.Threading.Interlocked.Increment(ref _requests);
        var found = await _api.SearchAllAsync(filter, rows, what, ctx).ConfigureAwait(false);
        foreach (var lead in found)
        {
            _known[lead.Uuid] = 0;
        }
        return found;
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string? Field(GrinfiLead lead, string name) => JsonRead.String(lead.Json, name)?.Trim();

    private static readonly Key[] s_keys =
    {
        // The member id in linkedin_id and the ln_id column both match the stored ln_id.
        new("ln_id", r => new[] { r.LinkedIn?.Kind == LinkedInIdKind.MemberId ? r.LinkedIn.Value : null, Cell(r, "ln_id") }),
        new("sn_id", r => new[] { r.LinkedIn?.Kind == LinkedInIdKind.SalesNavigatorId ? r.LinkedIn.Value : null, Cell(r, "sn_id") }),
        new("linkedin", r => new[] { r.LinkedIn?.Kind == LinkedInIdKind.Handle ? r.LinkedIn.Value : null, Cell(r, "linkedin") is string l && LinkedInIds.TryParse(l, out var h, out _) && h!.Kind == LinkedInIdKind.Handle ? h.Value : null })
        {
            // Stored as a handle or as a profile URL: ask for the forms a handle is kept in, match by the handle.
            SearchValues = handles => handles.SelectMany(h => new[] { h, $"https://www.linkedin.com/in/{h}", $"https://www.linkedin.com/in/{h}/", $"https://linkedin.com/in/{h}", $"http://www.linkedin.com/in/{h}" }),
            Matches = (lead, row, handles) => LinkedInIds.TryParse(Field(lead, "linkedin"), out var id, out _) && id!.Kind == LinkedInIdKind.Handle && handles.Contains(id.Value),
        },
        new("work_email", r => new[] { Cell(r, "email") }) { Matches = (lead, _, emails) => emails.Contains(Field(lead, "work_email") ?? "", StringComparer.OrdinalIgnoreCase), SearchValues = Emails },
        new("personal_email", r => new[] { Cell(r, "email") }) { Matches = (lead, _, emails) => emails.Contains(Field(lead, "personal_email") ?? "", StringComparer.OrdinalIgnoreCase), SearchValues = Emails },
        new("name", r => Cell(r, "company_name") is null ? Array.Empty<string?>() : new[] { FullName(r) })
        {
            Matches = (lead, row, names) => names.Contains(Field(lead, "name") ?? "", StringComparer.OrdinalIgnoreCase)
                && string.Equals(Field(lead, "company_name"), Cell(row, "company_name"), StringComparison.OrdinalIgnoreCase),
        },
    };

    // Emails match in any case; a server that compares text exactly is asked for the lower-case form too.
    private static IEnumerable<string> Emails(IReadOnlyCollection<string> emails) => emails.Concat(emails.Select(e => e.ToLowerInvariant()));

    private static string? Cell(LeadRow row, string field) => row.Fields.TryGetValue(field, out var v) ? v.Trim() : null;

    private static string? FullName(LeadRow row) =>
        Cell(row, "first_name") is string first && Cell(row, "last_name") is string last ? $"{first} {last}" : null;

    /// <summary>One identifier the upsert matches by: the lead field searched, the row's values, and how a found contact matches.</summary>
    private sealed class Key
    {
        public Key(string field, Func<LeadRow, IEnumerable<string?>> values)
        {
            Field = field;
            _values = values;
            Matches = (lead, _, rowValues) => rowValues.Contains(ExistingContacts.Field(lead, field) ?? "", StringComparer.Ordinal);
        }

        private readonly Func<LeadRow, IEnumerable<string?>> _values;

        public string Field { get; }

        public Func<IReadOnlyCollection<string>, IEnumerable<string>> SearchValues { get; init; } = v => v;

        public Func<GrinfiLead, LeadRow, IReadOnlyCollection<string>, bool> Matches { get; init; }

        public IReadOnlyCollection<string> Values(LeadRow row) =>
            _values(row).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
    }
}
