using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Streams a GET collection page by page (the streaming sibling of GrinfiApi's
/// GetAllPagesAsync, under the same <see cref="PageGuard"/>): each page is handed on as it
/// arrives, so a long collection is never held whole.
/// </summary>
/// <remarks>
/// Whether more follow goes by has_more, else the total; an answer that states neither (the
/// document shows only <c>data</c> for some collections) is read until an empty page, never
/// "until a short page": a server that serves fewer than asked without saying so would
/// otherwise end the read early, silently. An item is new when its uuid was not seen before;
/// items without a uuid (the document gives some collections no item shape) cannot be told
/// apart one by one, so a page of them is new unless it is, byte for byte, the page before:
/// a server repeating a page is caught either way, and so, wrongly, would be two consecutive
/// pages of entries identical in every field.
/// </remarks>
internal sealed class CollectionPager<T>
    where T : GrinfiObject
{
    private readonly Func<IReadOnlyList<KeyValuePair<string, string>>, CallContext, Task<ApiPage<T>>> _read;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _query;
    private readonly int _pageSize;
    private readonly PageGuard _guard;
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private string? _previousPage;
    private int _offset;
    private bool _done;

    /// <param name="read">Reads one page for a query (limit and offset added by the pager).</param>
    /// <param name="query">The query's other parameters (sort, filter).</param>
    /// <param name="what">What is read, for messages: "the enrichment queue".</param>
    /// <param name="pageSize">Items per request.</param>
    public CollectionPager(Func<IReadOnlyList<KeyValuePair<string, string>>, CallContext, Task<ApiPage<T>>> read,
        IEnumerable<KeyValuePair<string, string>>? query, string what, int pageSize)
    {
        _read = read;
        _query = query?.ToList() ?? new List<KeyValuePair<string, string>>();
        _pageSize = Math.Max(1, pageSize);
        _guard = new PageGuard(what, _pageSize);
    }

    /// <summary>Requests sent so far.</summary>
    public int Pages => _guard.Pages;

    /// <summary>The next page's new items; empty once the collection was read to the end.</summary>
    public async Task<IReadOnlyList<T>> NextAsync(CallContext ctx)
    {
        while (!_done)
        {
            var query = new List<KeyValuePair<string, string>>
            {
                new("limit", _pageSize.ToString(CultureInfo.InvariantCulture)),
                new("offset", _offset.ToString(CultureInfo.InvariantCulture)),
            };
            query.AddRange(_query);
            var page = await _read(query, ctx).ConfigureAwait(false);
            var fresh = Fresh(page.Items);
            _offset += page.Items.Count;
            var more = page.Items.Count > 0 && (page.HasMore ?? (page.Total is long total ? _offset < total : true));
            _guard.Next(fresh.Count, more, page.Total, _pageSize, page.Limit);
            _done = !more;
            if (fresh.Count > 0)
            {
                return fresh;
            }
        }
        return Array.Empty<T>();
    }

    private List<T> Fresh(IReadOnlyList<T> items)
    {
        if (items.All(i => i.Uuid.Length > 0))
        {
            return items.Where(i => _seen.Add(i.Uuid)).ToList();
        }
        var text = string.Join("\n", items.Select(i => i.ToJson()));
        var repeated = items.Count > 0 && text == _previousPage;
        _previousPage = text;
        return repeated ? new List<T>() : items.ToList();
    }
}
