namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// Runs a lead search: filter, sort, page. The default sort (created_at) and uuid order
/// read their sorted index directly, so a created_at range with no other condition costs
/// two binary searches and a slice; other sorts filter linearly and keep only the rows
/// up to the page's end (a bounded heap), not a sort of every match.
/// </summary>
internal static class LeadQuery
{
    public readonly record struct Result(List<Contact> Page, int Total);

    /// <summary>Call under the team's lock.</summary>
    public static Result Search(TeamStore store, LeadFilter filter, LeadField order, bool desc, int offset, int limit)
    {
        var created = CreatedSpan(store, filter);
        var byUuid = UuidSpan(store, filter);

        if (order == LeadField.CreatedAt || order == LeadField.Uuid)
        {
            var index = order == LeadField.CreatedAt ? store.ByCreated : store.ByUuid;
            var (lo, hi) = order == LeadField.CreatedAt ? created : byUuid;
            var otherRange = order == LeadField.CreatedAt ? filter.UuidRange is not null : filter.CreatedRange is not null;
            var at = InOrder(index, lo, hi, desc, order == LeadField.CreatedAt);
            if (filter.Predicates.Count == 0 && !otherRange) return Slice(at, hi - lo, offset, limit);
            return Walk(at, hi - lo, filter, offset, limit);
        }

        // Scan whichever indexed range is narrower; the filter re-checks both ranges.
        var (index2, lo2, hi2) = created.Hi - created.Lo <= byUuid.Hi - byUuid.Lo
            ? (store.ByCreated, created.Lo, created.Hi)
            : (store.ByUuid, byUuid.Lo, byUuid.Hi);
        var matches = new List<Contact>();
        for (var i = lo2; i < hi2; i++)
        {
            var c = index2[i];
            if (filter.Matches(c)) matches.Add(c);
        }
        return new Result(TopPage(matches, SortComparison(order, desc), offset, limit), matches.Count);
    }

    /// <summary>Every contact the filter matches, in the default order. Call under the team's lock.</summary>
    public static List<Contact> All(TeamStore store, LeadFilter filter)
    {
        var (lo, hi) = CreatedSpan(store, filter);
        var result = new List<Contact>();
        for (var i = lo; i < hi; i++)
        {
            var c = store.ByCreated[i];
            if (filter.Matches(c)) result.Add(c);
        }
        return result;
    }

    /// <summary>How the search sorts: the field, nulls last either way, ties by the uuid's hash.</summary>
    public static Comparison<Contact> SortComparison(LeadField field, bool desc)
    {
        var dir = desc ? -1 : 1;
        switch (field.Kind)
        {
            case FieldKind.Date:
            {
                var get = field.Date!;
                return (a, b) => Order(get(a), get(b), a, b, dir);
            }
            case FieldKind.Number:
            {
                var get = field.Number!;
                return (a, b) => Order(get(a), get(b), a, b, dir);
            }
            default:
            {
                var get = field.Text!;
                return (a, b) =>
                {
                    string? va = get(a), vb = get(b);
                    if (va is null) return vb is null ? dir * ContactIndex.CompareTie(a, b) : 1;
                    if (vb is null) return -1;
                    var cmp = string.CompareOrdinal(va, vb);
                    return dir * (cmp != 0 ? cmp : ContactIndex.CompareTie(a, b));
                };
            }
        }
    }

    private static int Order<T>(T? va, T? vb, Contact a, Contact b, int dir) where T : struct, IComparable<T>
    {
        if (va is null) return vb is null ? dir * ContactIndex.CompareTie(a, b) : 1;
        if (vb is null) return -1;
        var cmp = va.Value.CompareTo(vb.Value);
        return dir * (cmp != 0 ? cmp : ContactIndex.CompareTie(a, b));
    }

    private static (int Lo, int Hi) CreatedSpan(TeamStore store, LeadFilter filter)
    {
        var index = store.ByCreated;
        if (filter.CreatedRange is not { } r) return (0, index.Count);
        if (r.From >= r.To) return (0, 0);
        var lo = index.LowerBound(c => ContactIndex.CompareCreated(c, r.From));
        var hi = index.LowerBound(c => ContactIndex.CompareCreated(c, r.To));
        return (lo, Math.Max(lo, hi));
    }

    private static (int Lo, int Hi) UuidSpan(TeamStore store, LeadFilter filter)
    {
        var index = store.ByUuid;
        if (filter.UuidRange is not { } r) return (0, index.Count);
        var lo = r.Low is { } low
            ? low.Inclusive
                ? index.LowerBound(c => string.CompareOrdinal(c.Uuid, low.Value))
                : index.UpperBound(c => string.CompareOrdinal(c.Uuid, low.Value))
            : 0;
        var hi = r.High is { } high
            ? high.Inclusive
                ? index.UpperBound(c => string.CompareOrdinal(c.Uuid, high.Value))
                : index.LowerBound(c => string.CompareOrdinal(c.Uuid, high.Value))
            : index.Count;
        return (lo, Math.Max(lo, hi));
    }

    /// <summary>
    /// The k-th contact of index[lo, hi) in the search's order. Descending reverses the index,
    /// except that contacts without created_at (at the index's end) stay last, as
    /// <see cref="SortComparison"/> sorts nulls in both directions.
    /// </summary>
    private static Func<int, Contact> InOrder(ContactIndex index, int lo, int hi, bool desc, bool byCreated)
    {
        if (!desc) return k => index[lo + k];
        var split = byCreated ? Math.Clamp(index.LowerBound(c => c.CreatedAt is null ? 0 : -1), lo, hi) : hi;
        var dated = split - lo;
        return k => k < dated ? index[split - 1 - k] : index[hi - 1 - (k - dated)];
    }

    /// <summary>The page straight out of the index: nothing else to check.</summary>
    private static Result Slice(Func<int, Contact> at, int total, int offset, int limit)
    {
        var count = (int)Math.Clamp((long)total - offset, 0, limit);
        var page = new List<Contact>(count);
        for (var k = 0; k < count; k++)
        {
            page.Add(at(offset + k));
        }
        return new Result(page, total);
    }

    /// <summary>Walks the index range in sort order, counting every match and keeping the page's.</summary>
    private static Result Walk(Func<int, Contact> at, int total, LeadFilter filter, int offset, int limit)
    {
        var page = new List<Contact>(Math.Min(limit, 256));
        var end = (long)offset + limit;
        var seen = 0;
        for (var k = 0; k < total; k++)
        {
            var c = at(k);
            if (!filter.Matches(c)) continue;
            if (seen >= offset && seen < end) page.Add(c);
            seen++;
        }
        return new Result(page, seen);
    }

    private static List<Contact> TopPage(List<Contact> matches, Comparison<Contact> comparison, int offset, int limit)
    {
        if (offset >= matches.Count) return [];
        var keep = (int)Math.Min((long)offset + limit, matches.Count);
        List<Contact> sorted;
        if (keep <= matches.Count / 4)
        {
            // Max-heap of the best `keep` rows seen so far: O(n log keep) instead of O(n log n).
            var worstFirst = Comparer<Contact>.Create((a, b) => comparison(b, a));
            var heap = new PriorityQueue<Contact, Contact>(keep + 1, worstFirst);
            foreach (var c in matches)
            {
                if (heap.Count < keep) heap.Enqueue(c, c);
                else if (comparison(c, heap.Peek()) < 0) heap.DequeueEnqueue(c, c);
            }
            sorted = new List<Contact>(heap.Count);
            while (heap.Count > 0) sorted.Add(heap.Dequeue());
            sorted.Reverse();
        }
        else
        {
            sorted = matches;
            sorted.Sort(comparison);
        }
        return sorted.GetRange(offset, Math.Min(limit, sorted.Count - offset));
    }
}
