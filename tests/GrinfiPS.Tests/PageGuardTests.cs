using GrinfiPS.Client;

namespace GrinfiPS.Tests;

/// <summary>The bound on a paged read, page by page, without a server.</summary>
public sealed class PageGuardTests
{
    /// <summary>Feeds full pages of new items that claim more, until the guard throws; the pages it let through.</summary>
    private static (int Pages, GrinfiException Error) RunAway(PageGuard guard, Func<int, long?> total, int asked = 10, int? applied = null)
    {
        for (var page = 1; page <= 100_000; page++)
        {
            try
            {
                guard.Next(newItems: applied ?? asked, moreClaimed: true, total(page), asked, applied);
            }
            catch (GrinfiException ex)
            {
                return (page, ex);
            }
        }
        throw new Xunit.Sdk.XunitException("The guard never stopped the read.");
    }

    [Theory]
    [InlineData(25, 10, 6)]      // ⌈25/10⌉ + 3
    [InlineData(30, 10, 6)]      // ⌈30/10⌉ + 3: an exact multiple gets no extra page
    [InlineData(0, 10, 3)]       // a total of nothing: the slack alone
    [InlineData(5_000, 1_000, 8)]
    public void Stops_a_read_that_claims_more_at_exactly_the_ceiling_of_total_over_limit_plus_three(long total, int limit, int expected)
    {
        var (pages, error) = RunAway(new PageGuard("lists", limit), _ => total, asked: limit);

        Assert.Equal(expected, pages);
        Assert.Equal("GrinfiPagingRunaway", error.ErrorId);
        Assert.Equal(GrinfiErrorKind.UnexpectedResponse, error.Kind);
        Assert.Contains($"Reading lists stopped after {expected} pages", error.Message);
        Assert.Contains($"stated {total:N0} items, {limit:N0} a page", error.Message);
        Assert.NotNull(error.RecommendedAction);
    }

    [Fact]
    public void A_total_first_stated_on_a_later_page_counts_the_pages_before_it()
    {
        // Pages 1 and 2 state nothing; page 3 says 25: 2 + ⌈25/10⌉ + 3 = 8.
        var (pages, _) = RunAway(new PageGuard("automations", 10), page => page >= 3 ? 25 : null);

        Assert.Equal(8, pages);
    }

    [Fact]
    public void Without_a_total_stops_at_ten_thousand_pages()
    {
        var (pages, error) = RunAway(new PageGuard("custom fields", 10), _ => null);

        Assert.Equal(PageGuard.PagesWithoutTotal, pages);
        Assert.Contains("states no total", error.Message);
    }

    [Fact]
    public void Counts_by_the_page_size_the_server_applied_when_it_serves_less_than_asked()
    {
        // A healthy server that clamps pages of 1,000 to 100 and holds 2,500 contacts: 25 pages,
        // which ⌈2,500/1,000⌉ + 3 = 6 would cut short. By what it applied: ⌈2,500/100⌉ + 3 = 28.
        var guard = new PageGuard("the contacts", 1_000);
        for (var page = 1; page < 25; page++)
        {
            guard.Next(100, moreClaimed: true, 2_500, asked: 1_000, applied: 100);
        }
        guard.Next(100, moreClaimed: false, 2_500, asked: 1_000, applied: 100);

        var (pages, _) = RunAway(new PageGuard("the contacts", 1_000), _ => 2_500, asked: 1_000, applied: 100);
        Assert.Equal(28, pages);
    }

    [Fact]
    public void A_small_first_page_answered_in_full_does_not_loosen_the_bound()
    {
        // The lead pager asks 100 first, then 1,000: a first page served as asked is no clamp.
        var guard = new PageGuard("the contacts", 1_000);
        guard.Next(100, moreClaimed: true, 5_000, asked: 100, applied: 100);

        Assert.Equal(8, guard.MaxPages);
    }

    [Fact]
    public void A_page_that_brings_nothing_new_while_more_is_claimed_stops_the_read_there()
    {
        var guard = new PageGuard("lists", 10);
        guard.Next(10, moreClaimed: true, 100);

        var error = Assert.Throws<GrinfiException>(() => guard.Next(0, moreClaimed: true, 100));

        Assert.Equal("GrinfiPagingStalled", error.ErrorId);
        Assert.Contains("Reading lists stopped: page 2 brought nothing new, yet the server says more follow", error.Message);
        Assert.Equal(2, guard.Pages);
    }

    [Fact]
    public void An_empty_last_page_that_claims_nothing_more_is_the_end()
    {
        var guard = new PageGuard("lists", 10);
        guard.Next(10, moreClaimed: true, 10);

        guard.Next(0, moreClaimed: false, 10);

        Assert.Equal(2, guard.Pages);
    }

    [Fact]
    public void More_items_than_the_API_can_hold_stop_the_read_even_when_no_more_is_claimed()
    {
        var guard = new PageGuard("custom fields", 1_000, mostItems: 200, mostItemsReason: "at most 100 per object type");
        guard.Next(150, moreClaimed: true, null);
        guard.Next(50, moreClaimed: true, null);

        var error = Assert.Throws<GrinfiException>(() => guard.Next(1, moreClaimed: false, null));

        Assert.Equal("GrinfiPagingRunaway", error.ErrorId);
        Assert.Contains("Reading custom fields stopped after 3 pages: the server sent 201 different ones, and the API holds no more than 200 (at most 100 per object type)", error.Message);
    }

    [Fact]
    public void A_filter_ignored_error_says_what_came_back_and_that_nothing_is_passed_on()
    {
        var error = PageGuard.FilterIgnored("automations", "automation 'Old campaign' (f1)", "its status is archived, where the filter asked for on");

        Assert.Equal("GrinfiFilterIgnored", error.ErrorId);
        Assert.Equal("Reading automations stopped: the server returned automation 'Old campaign' (f1) outside the filter (its status is archived, where the filter asked for on). It ignores the filter or the paging, so nothing it returned is passed on.", error.Message);
    }
}
