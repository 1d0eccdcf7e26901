using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Streams a GET collection paged by <c>limit</c> and <c>offset</c> (notes, activities, the
/// do-not-contact lists), one page per <see cref="NextAsync"/>, so a cmdlet writes each page
/// before it asks for the next and <c>Select-Object -First</c> stops the read. The streaming
/// sibling of <c>GrinfiApi.GetAllPagesAsync</c>, under the same <see cref="PageGuard"/>.
/// </summary>
/// <remarks>
/// <para>
/// When the read ends: <c>has_more</c> when the server states it, else the <c>total</c>, else
/// the <c>limit</c> it says it applied. The notes and activities pages state none of them (the
/// vendor's schema shows only <c>data</c>), and a short page alone proves nothing there: the
/// vendor documents no largest page, so a server may serve fewer than asked without saying so,
/// and ending on the first short page would silently drop the rest of a scan. So a page of
/// no more items than the largest page seen so far (in this read, or an earlier read of the
/// same collection by the same command, through <see cref="PageSizes"/>) asks once more; a page
/// shorter than that cannot be a clamped one and ends the read; an empty page always does.
/// </para>
/// <para>
/// The offset advances by the items that arrived, never by an echoed offset; items seen before
/// are dropped by UUID. Items without a UUID (the document gives some collections no item
/// shape) cannot be told apart one by one, so a page of them is new unless it is, byte for
/// byte, the page before: a server repeating a page is caught either way. A page that brings nothing new while more is claimed, or a read past
/// the guard's bound, is an error (GrinfiPagingStalled, GrinfiPagingRunaway).
/// </para>
/// </remarks>
internal sealed class CollectionPager<T>
    where T : GrinfiObject
{
    private readonly Func<int, int, CallContext, Task<ApiPage<T>>> _fetch;
    private readonly int _pageSize;
    private readonly PageSizes _sizes;
    private readonly PageGuard _guard;
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private string? _previousPage;
    private int _offset;

    /// <param name="fetch">Reads one page: limit, offset.</param>
    /// <param name="what">What is read, for messages: "the notes".</param>
    /// <param name="pageSize">Items asked for per page.</param>
    /// <param name="sizes">The page sizes seen by earlier reads of the same collection in this command.</param>
    /// <param name="guard">The bound on the read, when the collection has a tighter one than the default.</param>
    public CollectionPager(Func<int, int, CallContext, Task<ApiPage<T>>> fetch, string what, int pageSize = GrinfiApi.CollectionPageSize,
        PageSizes? sizes = null, PageGuard? guard = null)
    {
        _fetch = fetch;
        _pageSize = Math.Max(1, pageSize);
        _sizes = sizes ?? new PageSizes();
        _guard = guard ?? new PageGuard(what, _pageSize);
    }

    /// <summary>True once the last page was read.</summary>
    public bool Done { get; private set; }

    /// <summary>Requests made so far.</summary>
    public int Requests => _guard.Pages;

    /// <summary>Items read so far (each once).</summary>
    public long Read { get; private set; }

    /// <summary>The total the first page stated, when it stated one (for progress only).</summary>
    public long? Total { get; private set; }

    /// <summary>The next page's items not seen before; empty once <see cref="Done"/>.</summary>
    public async Task<IReadOnlyList<T>> NextAsync(CallContext ctx)
    {
        if (Done)
        {
            return Array.Empty<T>();
        }
        var page = await _fetch(_pageSize, _offset, ctx).ConfigureAwait(false);
        var fresh = Fresh(page.Items);
        _offset += page.Items.Count;
        Total ??= page.Total;
        var more = More(page);
        _sizes.Saw(page.Items.Count);
        Read += fresh.Count;
        Done = !more;
        _guard.Next(fresh.Count, more, page.Total, _pageSize, page.Limit);
        return fresh;
    }

    private List<T> Fresh(IReadOnlyList<T> items)
    {
        if (items.All(i => i.Uuid.Length > 0))
        {
            return items.Where(i => _seen.Add(i.Uuid)).ToList();
        }
        var text = string.Join("\n", items.Select(i => i.ToJson()));
        var repeated = text == _previousPage;
        _previousPage = text;
        return repeated ? new List<T>() : items.ToList();
    }

    private bool More(ApiPage<T> page)
    {
        var count = page.Items.Count;
        if (count == 0)
        {
            return false;
        }
        if (page.HasMore is bool hasMore)
        {
            return hasMore;
        }
        if (page.Total is long total)
        {
            return _offset < total;
        }
        if (page.Limit is int applied && applied > 0)
        {
            return count >= Math.Min(applied, _pageSize);
        }
        // Nothing stated: only a page shorter than one already served ends the read.
        return count >= _pageSize || count >= _sizes.Largest;
    }
}
