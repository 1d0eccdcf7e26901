namespace GrinfiPS.Client;

/// <summary>
/// Keeps a paged read from running forever against a server that misbehaves: a page that
/// brings nothing new while the server claims more follows ends the read, and so does a read
/// past ⌈total/limit⌉ + 3 pages (10,000 pages when the server states no total). An echoed
/// offset or total never drives the loop; only what was asked and what arrived do.
/// </summary>
internal sealed class PageGuard
{
    public const int PagesWithoutTotal = 10_000;
    private const int Slack = 3;

    private readonly string _what;
    private readonly int _pageSize;
    private long? _maxPages;

    /// <param name="what">What is read, for messages: "lists", "the contacts of the search".</param>
    /// <param name="pageSize">The page size of full pages (a smaller first page is allowed for).</param>
    public PageGuard(string what, int pageSize)
    {
        _what = what;
        _pageSize = pageSize;
    }

    /// <summary>Pages read so far.</summary>
    public int Pages { get; private set; }

    /// <summary>
    /// Records a page: how many items it brought that were not seen before, whether the server
    /// claims more follow (a full page, has_more, a total not reached) and the total it states.
    /// Throws when the read must stop.
    /// </summary>
    public void Next(int newItems, bool moreClaimed, long? total)
    {
        Pages++;
        if (_maxPages is null && total is long t)
        {
            // From the first page that states a total: the pages before it, plus ⌈total/limit⌉ + 3.
            _maxPages = Pages + (System.Math.Max(0, t) + _pageSize - 1) / _pageSize + Slack;
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
        if (Pages >= (_maxPages ?? PagesWithoutTotal))
        {
            throw new GrinfiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiPagingRunaway",
                $"Reading {_what} stopped after {Pages:N0} pages: " + (total is long stated
                    ? $"the server stated {stated:N0} items, {_pageSize:N0} a page, yet it still says more follow."
                    : "the server states no total and still says more follow."))
            {
                RecommendedAction = "Check the base URI and any proxy in between; a server that keeps inventing pages cannot be read to the end.",
            };
        }
    }
}
