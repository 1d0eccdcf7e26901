using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Tests;

/// <summary>
/// When a streamed read of a GET collection ends, page by page, against scripted pages: the
/// paging fields the server states, and where it states none (notes, activities), the page
/// sizes it served.
/// </summary>
public sealed class CollectionPagerTests
{
    /// <summary>A server of <paramref name="count"/> items that serves at most <paramref name="clamp"/> a page, and states what <paramref name="state"/> says.</summary>
    private sealed class Server(int count, int clamp, Func<int, int, int, JsonObject>? state = null)
    {
        private readonly string[] _uuids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("D")).ToArray();

        public List<(int Limit, int Offset)> Asked { get; } = new();

        public Task<ApiPage<GrinfiNote>> Fetch(int limit, int offset, CallContext ctx)
        {
            Asked.Add((limit, offset));
            var served = Math.Min(limit, clamp);
            var items = new JsonArray(_uuids.Skip(offset).Take(served).Select(u => (JsonNode?)new JsonObject { ["uuid"] = u, ["note"] = "n" }).ToArray());
            var page = state?.Invoke(served, offset, count) ?? new JsonObject();
            page["data"] = items;
            return Task.FromResult(ApiPage<GrinfiNote>.From(page, "notes", j => new GrinfiNote(j)));
        }
    }

    private static async Task<(List<GrinfiNote> Items, CollectionPager<GrinfiNote> Pager)> ReadAll(Server server, int pageSize = 1000, PageSizes? sizes = null)
    {
        var pager = new CollectionPager<GrinfiNote>(server.Fetch, "the notes", pageSize, sizes);
        var all = new List<GrinfiNote>();
        for (var i = 0; i < 100 && !pager.Done; i++)
        {
            all.AddRange(await pager.NextAsync(CallContext.None));
        }
        Assert.True(pager.Done);
        return (all, pager);
    }

    [Theory]
    [InlineData(0, 1)]        // an empty first page ends the read
    [InlineData(5, 2)]        // nothing stated: a first page of 5 could be a clamped one, so one more (empty) page
    [InlineData(1000, 2)]     // a full page, then an empty one
    [InlineData(2500, 3)]     // 1000, 1000, then 500: shorter than a page already served, so the end
    [InlineData(3000, 4)]     // three full pages and the empty one
    public async Task Without_paging_fields_a_read_ends_on_an_empty_page_or_one_shorter_than_served(int count, int requests)
    {
        var server = new Server(count, clamp: int.MaxValue);

        var (items, pager) = await ReadAll(server);

        Assert.Equal(count, items.Count);
        Assert.Equal(requests, pager.Requests);
        Assert.Equal(Enumerable.Range(0, requests).Select(i => Math.Min(i * 1000, count)), server.Asked.Select(a => a.Offset));
    }

    [Theory]
    [InlineData(20, 7, 3)]    // 7, 7, 6
    [InlineData(21, 7, 4)]    // 7, 7, 7, then empty
    [InlineData(3, 100, 2)]
    public async Task A_server_that_serves_fewer_than_asked_without_saying_so_is_read_to_the_end(int count, int clamp, int requests)
    {
        // Ending on the first page shorter than asked would stop after 7 of 20 items here.
        var server = new Server(count, clamp);

        var (items, pager) = await ReadAll(server);

        Assert.Equal(count, items.Count);
        Assert.Equal(requests, pager.Requests);
    }

    [Fact]
    public async Task Later_reads_of_one_command_end_on_a_page_shorter_than_an_earlier_read_served()
    {
        var sizes = new PageSizes();

        var first = await ReadAll(new Server(3, int.MaxValue), sizes: sizes);
        var second = await ReadAll(new Server(1, int.MaxValue), sizes: sizes);
        var third = await ReadAll(new Server(3, int.MaxValue), sizes: sizes);

        Assert.Equal(2, first.Pager.Requests);   // 3 could be a clamp: ask again
        Assert.Equal(1, second.Pager.Requests);  // 1 < 3: a clamped page would have held 3
        Assert.Equal(2, third.Pager.Requests);   // 3 == 3: could be a clamp again
    }

    [Theory]
    [InlineData(2500, 3)]     // has_more: false on the third page
    [InlineData(2000, 2)]     // has_more: false on a full page: no empty page needed
    public async Task Has_more_decides_when_the_server_states_it(int count, int requests)
    {
        var server = new Server(count, int.MaxValue, (served, offset, total) => new JsonObject { ["has_more"] = offset + served < total });

        var (items, pager) = await ReadAll(server);

        Assert.Equal(count, items.Count);
        Assert.Equal(requests, pager.Requests);
    }

    [Fact]
    public async Task The_total_decides_when_the_server_states_it_and_no_has_more()
    {
        var server = new Server(4, clamp: 3, (_, _, total) => new JsonObject { ["total"] = total });

        var (items, pager) = await ReadAll(server);

        Assert.Equal(4, items.Count);
        Assert.Equal(2, pager.Requests);
        Assert.Equal(4, pager.Total);
    }

    [Fact]
    public async Task A_limit_the_server_says_it_applied_ends_the_read_on_a_shorter_page()
    {
        var server = new Server(20, clamp: 7, (served, _, _) => new JsonObject { ["limit"] = 7 });

        var (items, pager) = await ReadAll(server);

        Assert.Equal(20, items.Count);
        Assert.Equal(3, pager.Requests);
    }

    [Fact]
    public async Task A_server_that_repeats_a_page_is_a_stalled_read()
    {
        var page = new JsonObject { ["data"] = new JsonArray(new JsonObject { ["uuid"] = Guid.NewGuid().ToString("D") }) };
        var requests = 0;
        var pager = new CollectionPager<GrinfiNote>((_, _, _) =>
        {
            requests++;
            return Task.FromResult(ApiPage<GrinfiNote>.From(page.DeepClone(), "notes", j => new GrinfiNote(j)));
        }, "the notes");

        var error = await Assert.ThrowsAsync<GrinfiException>(async () =>
        {
            while (!pager.Done)
            {
                await pager.NextAsync(CallContext.None);
            }
        });

        Assert.Equal("GrinfiPagingStalled", error.ErrorId);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_server_that_invents_pages_past_its_total_is_a_runaway_read()
    {
        var requests = 0;
        var pager = new CollectionPager<GrinfiNote>((limit, offset, _) =>
        {
            requests++;
            var items = new JsonArray(Enumerable.Range(0, limit).Select(_ => (JsonNode?)new JsonObject { ["uuid"] = Guid.NewGuid().ToString("D") }).ToArray());
            return Task.FromResult(ApiPage<GrinfiNote>.From(new JsonObject { ["data"] = items, ["total"] = 25, ["has_more"] = true }, "notes", j => new GrinfiNote(j)));
        }, "the notes", pageSize: 10);

        var error = await Assert.ThrowsAsync<GrinfiException>(async () =>
        {
            while (!pager.Done)
            {
                await pager.NextAsync(CallContext.None);
            }
        });

        Assert.Equal("GrinfiPagingRunaway", error.ErrorId);
        Assert.Equal(6, requests);   // ⌈25/10⌉ + 3
    }

    [Fact]
    public async Task An_item_seen_before_is_not_returned_again()
    {
        var a = Guid.NewGuid().ToString("D");
        var b = Guid.NewGuid().ToString("D");
        var pages = new Queue<string[]>(new[] { new[] { a, b }, new[] { b }, Array.Empty<string>() });
        var pager = new CollectionPager<GrinfiNote>((_, _, _) =>
        {
            var items = new JsonArray(pages.Dequeue().Select(u => (JsonNode?)new JsonObject { ["uuid"] = u }).ToArray());
            return Task.FromResult(ApiPage<GrinfiNote>.From(new JsonObject { ["data"] = items }, "notes", j => new GrinfiNote(j)));
        }, "the notes");

        var first = await pager.NextAsync(CallContext.None);
        var second = await pager.NextAsync(CallContext.None);

        Assert.Equal(new[] { a, b }, first.Select(n => n.Uuid));
        Assert.Empty(second);
        Assert.True(pager.Done);   // nothing new, and 1 < 2: the end, not a stall
    }
}
