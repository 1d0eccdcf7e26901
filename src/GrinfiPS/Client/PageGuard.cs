namespace GrinfiPS.Client;

/// <summary>
/// Keeps a paged read from running forever against a server that misbehaves: a page that
/// brings nothing new while the server claims more follows ends the read, and so does a read
/// past ⌈total/limit⌉ + 3 pages (10,000 pages when the server states no total), or past the
/// most items the API can hold, where the vendor documents one. An echoed offset or total
/// never drives the loop; only what was asked and what arrived do.
/// </summary>
/// <remarks>
/// The limit of the bound is the full page size asked for, or less when the server says it
/// served less (a server that clamps the page size): a healthy server that serves 100 a page
/// must not be taken for a runaway at ⌈total/1000⌉ + 3 pages.
/// </remarks>
internal sealed class PageGuard
{
    public const int PagesWithoutTotal = 10_000;
    private const int Slack = 3;

    private readonly string _what;
    private readonly long? _mostItems;
    private readonly string? _mostItemsReason;
    private int _limit;
    private long? _total;
    private int _pagesBeforeTotal;
    private long _items;

    /// <param name="what">What is read, for messages: "lists", "the contacts of the search".</param>
    /// <param name="pageSize">The page size of full pages (a smaller first page is allowed for).</param>
    /// <param name="mostItems">The most items the API can hold of what is read, where the vendor documents it.</param>
    /// <param name="mostItemsReason">Where that number comes from, for the message: "at most 100 per object type".</param>
    public PageGuard(string what, int pageSize, long? mostItems = null, string? mostItemsReason = null)
    {
        _what = what;
        _limit = System.Math.Max(1, pageSize);
        _mostItems = mostItems;
        _mostItemsReason = mostItemsReason;
    }

    /// <summary>Pages read so far.</summary>
    public int Pages { get; private set; }

    /// <summary>
    /// The error for an answer that holds an item the request's filter excludes: the server
    /// ignores the filter (or the paging), so nothing of the answer may be passed on.
    /// </summary>
    /// <param name="what">What was read: "the contacts", "automations".</param>
    /// <param name="item">The item outside the filter: "contact 1f0c…", "automation 'Old campaign' (1f0c…)".</param>
    /// <param name="why">How it is outside: "its status is archived, where the filter asked for on".</param>
    public static GrinfiException FilterIgnored(string what, string item, string why) =>
        new(GrinfiErrorKind.UnexpectedResponse, "GrinfiFilterIgnored",
            $"Reading {what} stopped: the server returned {item} outside the filter ({why}). It ignores the filter or the paging, so nothing it returned is passed on.")
        {
            RecommendedAction = "Check the base URI and any proxy in between; filters on fields GrinfiPS does not know (-AllowUnknownField) may be ignored by the server.",
        };

    private string PagesRead => Pages == 1 ? "1 page" : $"{Pages:N0} pages";

    /// <summary>The most pages the read may take, as far as known now: ⌈total/limit⌉ + 3 from the first total stated, else 10,000.</summary>
    public long MaxPages => _total is long t ? _pagesBeforeTotal + (t + _limit - 1) / _limit + Slack : PagesWithoutTotal;

    /// <summary>
    /// Records a page: how many items it brought that were not seen before, whether the server
    /// claims more follow (a full page, has_more, a total not reached), the total it states, and
    /// the page size asked for and the one the server says it applied (when it says so).
    /// Throws when the read must stop.
    /// </summary>
    public void Next(int newItems, bool moreClaimed, long? total, int? asked = null, int? applied = null)
    {
        Pages++;
        _items += System.Math.Max(0, newItems);
        if (asked is int a && applied is int served && served > 0 && served < a && served < _limit)
        {
            _limit = served;
        }
        if (_total is null && total is long t)
        {
            // From the first page that states a total: the pages before it, plus ⌈total/limit⌉ + 3.
            _total = System.Math.Max(0, t);
            _pagesBeforeTotal = Pages - 1;
        }
        if (_mostItems is long most && _items > most)
        {
            throw new GrinfiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiPagingRunaway",
                $"Reading {_what} stopped after {PagesRead}: the server sent {_items:N0} different ones, and the API holds no more than {most:N0} ({_mostItemsReason}).")
            {
                RecommendedAction = "Check the base URI and any proxy in between; a server that invents items cannot be read to the end.",
            };
        }
        if (!moreClaimed)
        {
            return;
        }
        if (newItems == 0)
        {
            throw new GrinfiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiPagingStalled",
                $"Reading {_what} stopped: page {Pages} brought nothing new, yet the server says more follow. It repeats pages or ignores the paging.")
            {
                RecommendedAction = "Check the base URI and any proxy in between (a cache may answer every request with one page); try again later.",
            };
        }
        if (Pages >= MaxPages)
        {
            throw new GrinfiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiPagingRunaway",
                $"Reading {_what} stopped after {PagesRead}: " + (_total is long stated
                    ? $"the server stated {stated:N0} items, {_limit:N0} a page, yet it still says more follow."
                    : "the server states no total and still says more follow."))
            {
                RecommendedAction = "Check the base URI and any proxy in between; a server that keeps inventing pages cannot be read to the end.",
            };
        }
    }
}
