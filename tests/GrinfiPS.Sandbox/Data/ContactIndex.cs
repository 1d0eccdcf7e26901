namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// Contacts kept sorted by an immutable key (created_at then tie hash, or uuid), so a key
/// range is two binary searches and a page of the default sort is a slice: no per-request
/// sort. Inserts are a binary search and a block move, cheap next to a request.
/// </summary>
internal sealed class ContactIndex
{
    private readonly List<Contact> _items = [];
    private readonly Comparer<Contact> _comparer;

    public ContactIndex(Comparison<Contact> comparison) => _comparer = Comparer<Contact>.Create(comparison);

    public int Count => _items.Count;

    public Contact this[int index] => _items[index];

    public void Insert(Contact contact)
    {
        var at = _items.BinarySearch(contact, _comparer);
        if (at < 0) _items.Insert(~at, contact);
    }

    /// <summary>Adds many at once by merging, so bulk inserts stay O(n + m log m), not O(n·m).</summary>
    public void InsertMany(List<Contact> added)
    {
        if (added.Count == 0) return;
        if (added.Count < 16)
        {
            foreach (var c in added) Insert(c);
            return;
        }
        var sorted = added.ToArray();
        Array.Sort(sorted, _comparer);
        var merged = new List<Contact>(_items.Count + sorted.Length);
        int i = 0, j = 0;
        while (i < _items.Count && j < sorted.Length)
        {
            merged.Add(_comparer.Compare(_items[i], sorted[j]) <= 0 ? _items[i++] : sorted[j++]);
        }
        while (i < _items.Count) merged.Add(_items[i++]);
        while (j < sorted.Length) merged.Add(sorted[j++]);
        _items.Clear();
        _items.AddRange(merged);
    }

    public void Remove(Contact contact)
    {
        var at = _items.BinarySearch(contact, _comparer);
        if (at >= 0) _items.RemoveAt(at);
    }

    public void RemoveMany(HashSet<Contact> removed)
    {
        if (removed.Count == 1)
        {
            Remove(removed.First());
            return;
        }
        _items.RemoveAll(removed.Contains);
    }

    /// <summary>The first index whose item compares at or after the key (<paramref name="compareToKey"/> ≥ 0).</summary>
    public int LowerBound(Func<Contact, int> compareToKey)
    {
        int lo = 0, hi = _items.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (compareToKey(_items[mid]) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The first index whose item compares after the key (<paramref name="compareToKey"/> &gt; 0).</summary>
    public int UpperBound(Func<Contact, int> compareToKey)
    {
        int lo = 0, hi = _items.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (compareToKey(_items[mid]) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Default order: created_at, then the tie hash, then uuid (only if two hashes collide);
    /// contacts without created_at after all the others, by the tie hash.
    /// </summary>
    public static int CompareByCreated(Contact a, Contact b)
    {
        if (a.CreatedAt is not { } x) return b.CreatedAt is null ? CompareTie(a, b) : 1;
        if (b.CreatedAt is not { } y) return -1;
        var cmp = x.CompareTo(y);
        if (cmp != 0) return cmp;
        return CompareTie(a, b);
    }

    /// <summary>Where a contact stands against an instant in the created_at index: one without created_at after every instant.</summary>
    public static int CompareCreated(Contact c, long ticks) => c.CreatedAt is { } v ? v.CompareTo(ticks) : 1;

    public static int CompareByUuid(Contact a, Contact b) => string.CompareOrdinal(a.Uuid, b.Uuid);

    public static int CompareTie(Contact a, Contact b)
    {
        var cmp = a.TieHash.CompareTo(b.TieHash);
        return cmp != 0 ? cmp : string.CompareOrdinal(a.Uuid, b.Uuid);
    }
}
