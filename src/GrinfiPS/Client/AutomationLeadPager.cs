using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Reads the flow-lead records a query selects, page by page, so that a command further down
/// the pipeline may cancel, resume or clear the contacts it is handed without shifting the
/// pages still to be read.
/// </summary>
/// <remarks>
/// The list pages by offset only (no sort field, no cursor), and cancelling a contact moves its
/// record out of a status filter; clearing a contact's history deletes it. Read front to back,
/// every record that leaves the selection after it was written moves every later record one
/// place forward, and the next page skips as many: cancelling every running contact of an
/// automation that way reaches only about half of them. So when the first page states a total
/// larger than itself, the pager reads the remaining pages from the last to the second: what a
/// downstream command removes then lies after the offsets still to be read, and cannot move
/// them. The first page, kept from the start, is written last. The stated total fixes how many
/// pages that takes (⌈total/page⌉, within the <see cref="PageGuard"/>'s bound, which also stops
/// a server that repeats pages or ignores the offset). Without a total it reads forward, by
/// has_more or full pages, under the same guard. Every record is checked against the query
/// (<see cref="AutomationLeadQuery.Outside"/>): a server that ignored the filter is an error
/// before any record of the page is passed on. A record seen before (by uuid) is not returned again.
/// </remarks>
internal sealed class AutomationLeadPager
{
    /// <summary>Records per request: the largest page the API serves.</summary>
    public const int PageSize = GrinfiApi.CollectionPageSize;

    private readonly GrinfiApi _api;
    private readonly AutomationLeadQuery _query;
    private readonly int _pageSize;
    private readonly PageGuard _guard;
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private Phase _phase = Phase.First;
    private int _offset;
    private int _step;
    private IReadOnlyList<GrinfiAutomationLead>? _first;

    public AutomationLeadPager(GrinfiApi api, AutomationLeadQuery query, int pageSize = PageSize)
    {
        _api = api;
        _query = query;
        _pageSize = Math.Max(1, pageSize);
        _guard = new PageGuard("the automation contacts of " + query, _pageSize);
    }

    private enum Phase
    {
        First,
        Forward,
        Backward,
        Done,
    }

    /// <summary>Requests sent so far.</summary>
    public int Pages => _guard.Pages;

    /// <summary>The next records; empty once every page was read.</summary>
    public async Task<IReadOnlyList<GrinfiAutomationLead>> NextAsync(CallContext ctx)
    {
        while (true)
        {
            switch (_phase)
            {
                case Phase.Done:
                    return Array.Empty<GrinfiAutomationLead>();
                case Phase.First:
                {
                    var page = await _api.ListAutomationLeadsAsync(_query, 0, _pageSize, ctx).ConfigureAwait(false);
                    var fresh = Fresh(page.Items);
                    var count = page.Items.Count;
                    if (page.Total is long total && total > count && count > 0 && page.HasMore != false)
                    {
                        // The server serves `count` a page (a full one: more follow), so that is the step.
                        _step = count;
                        var pages = (total + _step - 1) / _step;
                        _offset = (int)Math.Min(int.MaxValue - _step, (pages - 1) * _step);
                        _first = fresh;
                        _phase = Phase.Backward;
                        _guard.Next(fresh.Count, moreClaimed: true, total, _pageSize, _step);
                        continue;
                    }
                    _step = count > 0 && count < _pageSize && page.Limit is int served && served < _pageSize ? served : _pageSize;
                    _offset = count;
                    var more = MoreForward(page, count);
                    _guard.Next(fresh.Count, more, page.Total, _pageSize, page.Limit);
                    _phase = more ? Phase.Forward : Phase.Done;
                    if (fresh.Count > 0)
                    {
                        return fresh;
                    }
                    continue;
                }
                case Phase.Forward:
                {
                    var page = await _api.ListAutomationLeadsAsync(_query, _offset, _pageSize, ctx).ConfigureAwait(false);
                    var fresh = Fresh(page.Items);
                    _offset += page.Items.Count;
                    var more = MoreForward(page, page.Items.Count);
                    _guard.Next(fresh.Count, more, page.Total, _pageSize, page.Limit);
                    _phase = more ? Phase.Forward : Phase.Done;
                    if (fresh.Count > 0)
                    {
                        return fresh;
                    }
                    continue;
                }
                default:
                {
                    if (_offset <= 0)
                    {
                        _phase = Phase.Done;
                        if (_first is { Count: > 0 } first)
                        {
                            return first;
                        }
                        continue;
                    }
                    var page = await _api.ListAutomationLeadsAsync(_query, _offset, _step, ctx).ConfigureAwait(false);
                    var fresh = Fresh(page.Items);
                    _offset -= _step;
                    // Nothing at these offsets was read before: a page of records seen already is a
                    // server ignoring the offset. An empty page (records gone since the total was
                    // stated) claims nothing, and the read goes on down to the first page.
                    _guard.Next(fresh.Count, moreClaimed: page.Items.Count > 0, page.Total, _step, page.Limit);
                    if (fresh.Count > 0)
                    {
                        return fresh;
                    }
                    continue;
                }
            }
        }
    }

    /// <summary>Whether more follow a forward page: has_more, else the total, else a full page.</summary>
    private bool MoreForward(ApiPage<GrinfiAutomationLead> page, int count) =>
        count > 0 && (page.HasMore ?? (page.Total is long total ? _offset < total : count >= _step));

    /// <summary>The records not seen before; throws when one is outside the query.</summary>
    private List<GrinfiAutomationLead> Fresh(IReadOnlyList<GrinfiAutomationLead> items)
    {
        foreach (var item in items)
        {
            if (_query.Outside(item) is string why)
            {
                throw PageGuard.FilterIgnored("the automation contacts", $"record {Identity(item)}", why);
            }
        }
        return items.Where(i => _seen.Add(Identity(i))).ToList();
    }

    private static string Identity(GrinfiAutomationLead item) => item.Uuid.Length > 0 ? item.Uuid : item.ToJson();
}
