using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Reads every record (contact, company) matching a filter, page by page, so that each is seen
/// exactly once even while something else moves, retags or deletes the records already read.
/// <see cref="LeadPager"/> reads contacts, <see cref="CompanyPager"/> companies; the paging,
/// its checks and its guard are this class's, once.
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
/// on with <c>sort_field &gt; value</c>; so does a page whose last value fills more than half of
/// it. Items with no value in the sort field come last,
/// read the same way by uuid.
/// </para>
/// <para>
/// Pages start small (so <c>Select-Object -First 3</c> costs one small request) and then take
/// the largest page the API serves: the key's request budget, not the CPU, decides how long a
/// full read takes. Every page is checked against what was asked: a contact outside the
/// keyset position or outside a list, stage or tag condition means the server ignores the
/// filter, and the read stops before anyone acts on such contacts; a read that brings nothing
/// new or never ends is stopped by <see cref="PageGuard"/>.
/// </para>
/// <para>
/// The guarantee holds when the sort field does not change for contacts while they are read:
/// created_at (the default) and uuid never change. Sorting by a field the downstream command
/// changes (updated_at, when it updates contacts) can return a contact twice or not at all.
/// </para>
/// </remarks>
internal abstract class KeysetPager<T>
    where T : GrinfiObject
{
    /// <summary>The largest page the API serves; a server that clamps lower is read by what it applied.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The first page when nothing says how many are wanted: small, for Select-Object -First.</summary>
    public const int FirstPageSize = 100;

    private const string Tiebreaker = "uuid";

    private readonly FieldSet _fields;
    private readonly JsonObject _filter;
    private readonly string _sortField;
    private readonly FieldKind _sortKind;
    private readonly bool _descending;
    private readonly int _firstPageSize;
    private readonly int _pageSize;
    private readonly long? _wanted;
    private readonly string _what;

    private Phase _phase = Phase.Start;
    private PageGuard _guard;
    private JsonNode? _cursor;            // sort value of the last contact read
    private bool _cursorExclusive;       // next page starts strictly past the cursor (its tie was read whole)
    private HashSet<string> _readAtCursor = new(StringComparer.OrdinalIgnoreCase);
    private string? _lastUuid;           // in the tie and null phases
    private long _returned;
    private Phase _previousPhase = Phase.Done;   // the phase and contacts of the page before
    private HashSet<string> _previousPage = new(StringComparer.OrdinalIgnoreCase);

    private protected KeysetPager(FieldSet fields, JsonObject filter, string sortField, bool descending, int firstPageSize, int pageSize, long? wanted, string what)
    {
        _fields = fields;
        _filter = filter;
        _sortField = sortField;
        _sortKind = fields.KindOf(sortField);
        _descending = descending;
        _firstPageSize = firstPageSize;
        _pageSize = pageSize;
        _wanted = wanted;
        _what = what;
        _guard = new PageGuard(what, pageSize);
    }

    private enum Phase
    {
        Start,
        Main,
        Tie,
        Nulls,
        Done,
    }

    /// <summary>The total the server reported with the first page (records with a value in the sort field).</summary>
    public long? FirstTotal { get; private set; }

    /// <summary>Search requests sent.</summary>
    public int Requests { get; private set; }

    public bool Done => _phase == Phase.Done;

    /// <summary>The next records, in order; empty only when done.</summary>
    public async Task<IReadOnlyList<T>> NextAsync(CallContext ctx)
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
        return Array.Empty<T>();
    }

    private async Task<IReadOnlyList<T>> MainPageAsync(CallContext ctx)
    {
        JsonObject? filter;
        string op;
        if (_phase == Phase.Start)
        {
            filter = FilterAlgebra.AndIsNotNull(_filter, _sortField);
            op = "";
            _phase = Phase.Main;
        }
        else
        {
            op = _descending ? (_cursorExclusive ? "<" : "<=") : (_cursorExclusive ? ">" : ">=");
            filter = FilterAlgebra.And(_filter, _sortField, op, _cursor!, _fields);
        }
        if (filter is null)
        {
            EnterNulls();
            return Array.Empty<T>();
        }

        var (items, full, total, asked, applied) = await SearchAsync(filter, _sortField, ctx).ConfigureAwait(false);
        FirstTotal ??= total;
        foreach (var item in items)
        {
            var value = Value(item);
            if (value is null)
            {
                throw new GrinfiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiSortFieldMissing",
                    $"The API returned {_fields.Items} without the '{_sortField}' field, which paging sorts by and the filter asked to be set.")
                {
                    RecommendedAction = "Sort by another field with -SortBy (created_at is the default).",
                };
            }
            if (op.Length > 0 && !FilterAlgebra.Satisfies(value, op, _cursor!, _sortKind))
            {
                throw FilterIgnored(item, $"its {_sortField} {JsonRead.AsString(value)} is not {op} {JsonRead.AsString(_cursor!)}, where the page was to start");
            }
        }
        if (items.Count == 0)
        {
            _guard.Next(0, false, total, asked, applied);
            EnterNulls();
            return items;
        }

        var first = Value(items[0])!;
        var last = Value(items[items.Count - 1])!;
        var fresh = items.Where(i => !(AtCursor(i) && _readAtCursor.Contains(i.Uuid))).ToList();
        // A full page that is one tie, or ends in a run of its last value filling more than half
        // of it (a bulk import, most likely), goes on by reading that value's tie by uuid. Asking
        // ">= value" after a long run would spend most of a page on the run again and, when the
        // tie is wider than a page, that whole page once more by uuid.
        var tailRun = items.Count(i => FilterAlgebra.Same(Value(i), last, _sortKind));
        var wholePageOneTie = full && _sortField != Tiebreaker && (FilterAlgebra.Same(first, last, _sortKind) || 2 * tailRun > items.Count);
        _guard.Next(wholePageOneTie ? items.Count : fresh.Count, full, total, asked, applied);
        if (!FilterAlgebra.Same(last, _cursor, _sortKind))
        {
            _readAtCursor = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }
        _cursor = last;
        foreach (var item in items.Where(AtCursor))
        {
            _readAtCursor.Add(item.Uuid);
        }

        if (wholePageOneTie)
        {
            // The page is one tie (or ends in a long one), which may go on past it: ">= value"
            // would return this page again. Read the rest of the tie by uuid, skipping the ones
            // just returned.
            _phase = Phase.Tie;
            _lastUuid = null;
            _guard = new PageGuard($"{_what} sharing one {_sortField}", _pageSize);
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

    private async Task<IReadOnlyList<T>> TiePageAsync(CallContext ctx)
    {
        var filter = FilterAlgebra.And(_filter, _sortField, "=", _cursor!, _fields);
        var uuidOp = _descending ? "<" : ">";
        if (filter is not null && _lastUuid is not null)
        {
            filter = FilterAlgebra.And(filter, Tiebreaker, uuidOp, _lastUuid, _fields);
        }
        var (items, full, total, asked, applied) = filter is null ? (Array.Empty<T>(), false, null, null, null) : await SearchAsync(filter, Tiebreaker, ctx).ConfigureAwait(false);
        foreach (var item in items)
        {
            if (!FilterAlgebra.Same(Value(item), _cursor, _sortKind))
            {
                throw FilterIgnored(item, $"its {_sortField} is {JsonRead.AsString(Value(item)!) ?? "empty"}, where the page asked for {JsonRead.AsString(_cursor!)}");
            }
            CheckPast(item, uuidOp);
        }
        _guard.Next(items.Count, full, total, asked, applied);
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
            _guard = new PageGuard(_what, _pageSize);
        }
        return fresh;
    }

    private async Task<IReadOnlyList<T>> NullsPageAsync(CallContext ctx)
    {
        var filter = FilterAlgebra.AndIsNull(_filter, _sortField);
        if (filter is not null && _lastUuid is not null)
        {
            filter = FilterAlgebra.And(filter, Tiebreaker, ">", _lastUuid, _fields);
        }
        if (filter is null)
        {
            _phase = Phase.Done;
            return Array.Empty<T>();
        }
        var (items, full, total, asked, applied) = await SearchAsync(filter, Tiebreaker, ctx, ascending: true).ConfigureAwait(false);
        foreach (var item in items)
        {
            if (Value(item) is JsonNode value)
            {
                throw FilterIgnored(item, $"its {_sortField} is {JsonRead.AsString(value)}, where the page asked for {_fields.Items} without one");
            }
            CheckPast(item, ">");
        }
        _guard.Next(items.Count, full, total, asked, applied);
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
        _guard = new PageGuard($"{_what} without a {_sortField}", _pageSize);
        // uuid is never null; a filter that excludes nulls has none to read.
        _phase = _sortField == Tiebreaker || FilterAlgebra.ExcludesNull(_filter, _sortField) ? Phase.Done : Phase.Nulls;
    }

    private async Task<(IReadOnlyList<T> Items, bool Full, long? Total, int? Asked, int? Applied)> SearchAsync(JsonObject filter, string orderField, CallContext ctx, bool? ascending = null)
    {
        var limit = Requests == 0 ? _firstPageSize : _pageSize;
        if (_wanted is long wanted)
        {
            // Ask for no more than is still wanted, plus the few a page may repeat at the cursor.
            limit = (int)Math.Min(limit, Math.Max(1, wanted - _returned + _readAtCursor.Count));
        }
        Requests++;
        var page = await SearchPageAsync(filter, limit, orderField, !(ascending ?? !_descending), ctx).ConfigureAwait(false);
        // Never trust the page size asked for: a server may clamp it. A page is full when it
        // holds as many as the server says it allowed.
        var full = page.Items.Count >= (page.Limit is int applied && applied > 0 ? Math.Min(applied, limit) : limit);
        // A full page of only the contacts the page before brought, in the same phase, is the
        // server repeating itself (a cache, an ignored cursor): nothing new while it claims more.
        // No healthy answer does that: each page asks for at least one contact past the few it
        // may repeat at the cursor. Said before the checks below would call it an ignored filter.
        if (full && _phase == _previousPhase && page.Items.Count > 0 && page.Items.All(i => _previousPage.Contains(i.Uuid)))
        {
            _guard.Next(0, moreClaimed: true, page.Total, limit, page.Limit);
        }
        _previousPhase = _phase;
        _previousPage = new HashSet<string>(page.Items.Select(i => i.Uuid), StringComparer.OrdinalIgnoreCase);
        foreach (var item in page.Items)
        {
            if (FilterAlgebra.ViolatedField(_filter, item.Json, _fields) is string field)
            {
                throw FilterIgnored(item, $"its {field} is {JsonRead.AsString(item.Json[field]!) ?? item.Json[field]?.ToJsonString() ?? "empty"}, which the filter does not allow");
            }
        }
        return (page.Items, full, page.Total, limit, page.Limit);
    }

    /// <summary>One page of the search: the records matching <paramref name="filter"/>, sorted by <paramref name="orderField"/>.</summary>
    private protected abstract Task<ApiPage<T>> SearchPageAsync(JsonObject filter, int limit, string orderField, bool descending, CallContext ctx);

    private void CheckPast(T item, string op)
    {
        if (_lastUuid is not null && !FilterAlgebra.Satisfies(JsonValue.Create(item.Uuid), op, JsonValue.Create(_lastUuid), FieldKind.Uuid))
        {
            throw FilterIgnored(item, $"its uuid is not {op} {_lastUuid}, where the page was to start");
        }
    }

    private GrinfiException FilterIgnored(T item, string why) => PageGuard.FilterIgnored(_what, $"{_fields.Item} {item.Uuid}", why);

    private JsonNode? Value(T item) => item.Json[_sortField];

    private bool AtCursor(T item) => _cursor is not null && FilterAlgebra.Same(Value(item), _cursor, _sortKind);
}
