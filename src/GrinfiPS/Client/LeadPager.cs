using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Reads every contact matching a filter, page by page, so that each is seen exactly once
/// even while something else moves, retags or deletes the contacts already read.
/// </summary>
/// <remarks>
/// <para>
/// Offset paging fails under change: delete the 100 contacts of page one and the old page two
/// is now at offset 0, so asking for offset 100 skips it. Instead each page asks for contacts
/// past the last one read (keyset paging): <c>sort_field &gt;= last value</c>, sorted by that
/// field, and drops the few it already returned with that same value.
/// </para>
/// <para>
/// The API sorts by one field only and many contacts can share a value (a bulk import gives
/// thousands the same created_at). When a whole page shares one value the tie may go on past
/// the page, and "&gt;= value" would return the same page again. Then the pager reads that
/// tie on its own, sorted by uuid (unique) and paged by <c>uuid &gt; last uuid</c>, and goes
/// on with <c>sort_field &gt; value</c>. Contacts with no value in the sort field come last,
/// read the same way by uuid.
/// </para>
/// <para>
/// The guarantee holds when the sort field does not change for contacts while they are read:
/// created_at (the default) and uuid never change. Sorting by a field the downstream command
/// changes (updated_at, when it updates contacts) can return a contact twice or not at all.
/// </para>
/// </remarks>
internal sealed class LeadPager
{
    private const string Tiebreaker = "uuid";

    private readonly GrinfiApi _api;
    private readonly JsonObject _filter;
    private readonly string _sortField;
    private readonly FieldKind _sortKind;
    private readonly bool _descending;
    private readonly int _pageSize;
    private readonly long? _wanted;

    private Phase _phase = Phase.Start;
    private JsonNode? _cursor;            // sort value of the last contact read
    private bool _cursorExclusive;       // next page starts strictly past the cursor (its tie was read whole)
    private HashSet<string> _readAtCursor = new(StringComparer.OrdinalIgnoreCase);
    private string? _lastUuid;           // in the tie and null phases
    private long _returned;

    public LeadPager(GrinfiApi api, JsonObject filter, string sortField, bool descending, int pageSize, long? wanted)
    {
        _api = api;
        _filter = filter;
        _sortField = sortField;
        _sortKind = LeadFields.KindOf(sortField);
        _descending = descending;
        _pageSize = pageSize;
        _wanted = wanted;
    }

    private enum Phase
    {
        Start,
        Main,
        Tie,
        Nulls,
        Done,
    }

    /// <summary>The total the server reported with the first page (contacts with a value in the sort field).</summary>
    public long? FirstTotal { get; private set; }

    /// <summary>Search requests sent.</summary>
    public int Requests { get; private set; }

    public bool Done => _phase == Phase.Done;

    /// <summary>The next contacts, in order; empty only when done.</summary>
    public async Task<IReadOnlyList<GrinfiLead>> NextAsync(CallContext ctx)
    {
        while (_phase != Phase.Done)
        {
            if (_wanted is long wanted && _returned >= wanted)
            {
                _phase = Phase.Done;
                break;
            }
            var batch = _phase switch
            {
                Phase.Start or Phase.Main => await MainPageAsync(ctx).ConfigureAwait(false),
                Phase.Tie => await TiePageAsync(ctx).ConfigureAwait(false),
                _ => await NullsPageAsync(ctx).ConfigureAwait(false),
            };
            if (batch.Count > 0)
            {
                _returned += batch.Count;
                return batch;
            }
        }
        return Array.Empty<GrinfiLead>();
    }

    private async Task<IReadOnlyList<GrinfiLead>> MainPageAsync(CallContext ctx)
    {
        JsonObject? filter;
        if (_phase == Phase.Start)
        {
            filter = FilterAlgebra.AndIsNotNull(_filter, _sortField);
            _phase = Phase.Main;
        }
        else
        {
            var op = _descending ? (_cursorExclusive ? "<" : "<=") : (_cursorExclusive ? ">" : ">=");
            filter = FilterAlgebra.And(_filter, _sortField, op, _cursor!);
        }
        if (filter is null)
        {
            EnterNulls();
            return Array.Empty<GrinfiLead>();
        }

        var (items, full) = await SearchAsync(filter, _sortField, ctx).ConfigureAwait(false);
        if (items.Count == 0)
        {
            EnterNulls();
            return items;
        }

        var first = Value(items[0]);
        var last = Value(items[items.Count - 1]);
        if (first is null || last is null)
        {
            throw new GrinfiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiSortFieldMissing",
                $"The API returned contacts without the '{_sortField}' field, which paging sorts by.")
            {
                RecommendedAction = "Sort by another field with -SortBy (created_at is the default).",
            };
        }
        var fresh = items.Where(i => !(AtCursor(i) && _readAtCursor.Contains(i.Uuid))).ToList();
        if (!FilterAlgebra.Same(last, _cursor, _sortKind))
        {
            _readAtCursor = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }
        _cursor = last;
        foreach (var item in items.Where(AtCursor))
        {
            _readAtCursor.Add(item.Uuid);
        }

        if (full && FilterAlgebra.Same(first, last, _sortKind) && _sortField != Tiebreaker)
        {
            // The whole page is one tie, which may go on past it: ">= value" would return this
            // page again. Read the rest of the tie by uuid, skipping the ones just returned.
            _phase = Phase.Tie;
            _lastUuid = null;
        }
        else
        {
            _cursorExclusive = _sortField == Tiebreaker;
            if (!full)
            {
                EnterNulls();
            }
        }
        return fresh;
    }

    private async Task<IReadOnlyList<GrinfiLead>> TiePageAsync(CallContext ctx)
    {
        var filter = FilterAlgebra.And(_filter, _sortField, "=", _cursor!);
        if (filter is not null && _lastUuid is not null)
        {
            filter = FilterAlgebra.And(filter, Tiebreaker, _descending ? "<" : ">", _lastUuid);
        }
        var (items, full) = filter is null ? (Array.Empty<GrinfiLead>(), false) : await SearchAsync(filter, Tiebreaker, ctx).ConfigureAwait(false);
        if (items.Count > 0)
        {
            _lastUuid = items[items.Count - 1].Uuid;
        }
        var fresh = items.Where(i => !_readAtCursor.Contains(i.Uuid)).ToList();
        if (!full)
        {
            // The tie is read whole: go on strictly past it.
            _phase = Phase.Main;
            _cursorExclusive = true;
            _readAtCursor = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            _lastUuid = null;
        }
        return fresh;
    }

    private async Task<IReadOnlyList<GrinfiLead>> NullsPageAsync(CallContext ctx)
    {
        var filter = FilterAlgebra.AndIsNull(_filter, _sortField);
        if (filter is not null && _lastUuid is not null)
        {
            filter = FilterAlgebra.And(filter, Tiebreaker, ">", _lastUuid);
        }
        if (filter is null)
        {
            _phase = Phase.Done;
            return Array.Empty<GrinfiLead>();
        }
        var (items, full) = await SearchAsync(filter, Tiebreaker, ctx, ascending: true).ConfigureAwait(false);
        if (items.Count > 0)
        {
            _lastUuid = items[items.Count - 1].Uuid;
        }
        if (!full)
        {
            _phase = Phase.Done;
        }
        return items;
    }

    private void EnterNulls()
    {
        _lastUuid = null;
        // uuid is never null; a filter that excludes nulls has none to read.
        _phase = _sortField == Tiebreaker || FilterAlgebra.ExcludesNull(_filter, _sortField) ? Phase.Done : Phase.Nulls;
    }

    private async Task<(IReadOnlyList<GrinfiLead> Items, bool Full)> SearchAsync(JsonObject filter, string orderField, CallContext ctx, bool? ascending = null)
    {
        var limit = _pageSize;
        if (_wanted is long wanted)
        {
            // Ask for no more than is still wanted, plus the few a page may repeat at the cursor.
            limit = (int)Math.Min(limit, Math.Max(1, wanted - _returned + _readAtCursor.Count));
        }
        var body = new JsonObject
        {
            ["filter"] = filter,
            ["limit"] = limit,
            ["offset"] = 0,
            ["order_field"] = orderField,
            ["order_type"] = (ascending ?? !_descending) ? "asc" : "desc",
        };
        Requests++;
        var page = await _api.SearchLeadsAsync(body, ctx).ConfigureAwait(false);
        FirstTotal ??= page.Total;
        // Never trust the page size asked for: a server may clamp it. A page is full when it
        // holds as many as the server says it allowed.
        var full = page.Items.Count >= (page.Limit is int applied && applied > 0 ? Math.Min(applied, limit) : limit);
        return (page.Items, full);
    }

    private JsonNode? Value(GrinfiLead lead) => lead.Json[_sortField];

    private bool AtCursor(GrinfiLead lead) => _cursor is not null && FilterAlgebra.Same(Value(lead), _cursor, _sortKind);
}
