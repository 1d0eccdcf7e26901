using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Tests;

/// <summary>
/// Keyset paging: every matching contact exactly once, even when the consumer deletes or moves
/// what it reads, and with ties on the sort field far larger than a page.
/// </summary>
public sealed class LeadPagerTests : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string TieTime = "2024-05-05T05:05:05.000000Z";
    private readonly SandboxFixture _sandbox;
    private GrinfiConnection _connection = null!;

    public LeadPagerTests(SandboxFixture sandbox) => _sandbox = sandbox;

    public async Task InitializeAsync()
    {
        await _sandbox.ResetAsync();
        _connection = _sandbox.Connect();
    }

    public Task DisposeAsync()
    {
        _connection.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Reads_every_contact_exactly_once_across_seeded_ties()
    {
        var expected = await AllUuidsAsync(new JsonObject());

        var (read, _) = await ReadAllAsync(new JsonObject(), pageSize: 7);

        Assert.Equal(expected.Count, read.Count);
        Assert.Equal(expected.OrderBy(u => u), read.OrderBy(u => u));
    }

    [Fact]
    public async Task Stays_exact_when_the_reader_deletes_what_it_reads_with_a_tie_larger_than_a_page()
    {
        var list = await _connection.Api.CreateListAsync("Bulk import", CallContext.None);
        var tie = await _sandbox.InsertContactsAsync(250, TieTime, list.Uuid);
        var others = await _sandbox.InsertContactsAsync(40, null, list.Uuid);
        var filter = new JsonObject { ["list_uuid"] = list.Uuid };

        var (read, _) = await ReadAllAsync(filter, pageSize: 50, afterEachPage: async page =>
        {
            foreach (var lead in page)
            {
                await DeleteAsync(lead.Uuid);
            }
        });

        Assert.Equal(290, read.Count);
        Assert.Equal(tie.Concat(others).OrderBy(u => u), read.OrderBy(u => u));
        Assert.Empty(await AllUuidsAsync(filter));
    }

    [Fact]
    public async Task Plain_offset_paging_skips_contacts_in_the_same_situation()
    {
        // The test above can fail: the naive way loses contacts under the same deletes.
        var list = await _connection.Api.CreateListAsync("Naive", CallContext.None);
        await _sandbox.InsertContactsAsync(250, TieTime, list.Uuid);
        var seen = new HashSet<string>();
        for (var offset = 0; ; )
        {
            var page = await _connection.Api.SearchLeadsAsync(new LeadQuery(new JsonObject { ["list_uuid"] = list.Uuid }, 50) { Offset = offset }, CallContext.None);
            if (page.Items.Count == 0)
            {
                break;
            }
            foreach (var lead in page.Items)
            {
                seen.Add(lead.Uuid);
                await DeleteAsync(lead.Uuid);
            }
            offset += page.Items.Count;
        }

        Assert.True(seen.Count < 200, $"offset paging saw {seen.Count} of 250");
    }

    [Fact]
    public async Task A_page_ending_deep_in_a_tie_goes_on_with_that_tie_by_uuid()
    {
        // 10 contacts, then a tie of 140, then 20: the first page of 50 ends with 40 of the tie.
        var list = await _connection.Api.CreateListAsync("Deep tie", CallContext.None);
        var before = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            before.AddRange(await _sandbox.InsertContactsAsync(1, $"2024-05-04T00:00:0{i}.000000Z", list.Uuid));
        }
        var tie = await _sandbox.InsertContactsAsync(140, TieTime, list.Uuid);
        var after = await _sandbox.InsertContactsAsync(20, null, list.Uuid);
        var filter = new JsonObject { ["list_uuid"] = list.Uuid };
        _sandbox.Server.Requests.Clear();

        var (read, pager) = await ReadWithPagerAsync(filter, pageSize: 50);

        Assert.Equal(before.Concat(tie).Concat(after).OrderBy(u => u), read.OrderBy(u => u));
        var searches = _sandbox.Server.Requests.All().Where(r => r.Path == "/leads/api/leads/search").Select(r => r.Body!).ToList();
        // The second search reads the tie by uuid, not ">=" the tie's value (a page of 40 repeats and 10 new).
        Assert.Contains("\"created_at\":{\"=\":", searches[1]);
        Assert.Contains("\"order_field\":\"uuid\"", searches[1]);
        // First page, the tie in three pages of 50, 50 and 40, past it, the contacts without created_at.
        Assert.Equal(6, pager.Requests);
    }

    [Fact]
    public async Task Stays_exact_when_the_reader_moves_contacts_out_of_the_filter()
    {
        var from = await _connection.Api.CreateListAsync("From", CallContext.None);
        var to = await _connection.Api.CreateListAsync("To", CallContext.None);
        var moved = (await _sandbox.InsertContactsAsync(180, TieTime, from.Uuid)).Concat(await _sandbox.InsertContactsAsync(60, null, from.Uuid)).ToList();
        var filter = new JsonObject { ["list_uuid"] = from.Uuid };

        var (read, _) = await ReadAllAsync(filter, pageSize: 40, afterEachPage: async page =>
        {
            await _connection.Api.MassActionAsync(MassAction.MoveToList(to.Uuid), ContactSelection.OfIds(page.Select(l => l.Uuid)), CallContext.None);
        });

        Assert.Equal(moved.OrderBy(u => u), read.OrderBy(u => u));
        Assert.Equal(240, (await AllUuidsAsync(new JsonObject { ["list_uuid"] = to.Uuid })).Count);
    }

    [Fact]
    public async Task Reads_descending_in_order()
    {
        await _sandbox.InsertContactsAsync(30, TieTime);

        var (read, leads) = await ReadAllAsync(new JsonObject(), pageSize: 9, descending: true);

        Assert.Equal(150, read.Count);
        Assert.Equal(150, read.Distinct().Count());
        var times = leads.Select(l => l.CreatedAt!.Value).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task Sorts_by_a_field_with_empty_values_and_reads_those_last()
    {
        var expected = await AllUuidsAsync(new JsonObject());

        var (read, leads) = await ReadAllAsync(new JsonObject(), pageSize: 11, sortField: "work_email");

        Assert.Equal(expected.OrderBy(u => u), read.OrderBy(u => u));
        var firstEmpty = leads.FindIndex(l => l.WorkEmail is null);
        Assert.True(firstEmpty > 0, "some contacts have a work email and some do not");
        Assert.All(leads.Skip(firstEmpty), l => Assert.Null(l.WorkEmail));
    }

    [Fact]
    public async Task Goes_by_the_page_size_the_server_applied_not_the_one_asked_for()
    {
        var expected = await AllUuidsAsync(new JsonObject());
        _sandbox.Server.Options.MaxPageSize = 30;

        var (read, pager) = await ReadWithPagerAsync(new JsonObject(), pageSize: 100);

        Assert.Equal(expected.OrderBy(u => u), read.OrderBy(u => u));
        Assert.True(pager.Requests >= 120 / 30, $"{pager.Requests} requests");
    }

    [Fact]
    public async Task Merges_the_cursor_with_the_users_own_range_on_the_sort_field()
    {
        var from = "2025-06-01T00:00:00Z";
        var filter = new JsonObject { ["created_at"] = new JsonObject { [">="] = from } };
        var expected = await AllUuidsAsync(filter);
        _sandbox.Server.Requests.Clear();

        var (read, leads) = await ReadAllAsync(filter, pageSize: 5);

        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(u => u), read.OrderBy(u => u));
        Assert.All(leads, l => Assert.True(l.CreatedAt!.Value.ToUniversalTime() >= DateTime.Parse(from).ToUniversalTime()));
        var searches = _sandbox.Server.Requests.All().Where(r => r.Path == "/leads/api/leads/search").ToList();
        Assert.All(searches, r => Assert.Contains("\"created_at\":{\">=\":\"", r.Body));
        Assert.All(searches, r => Assert.Contains("\"order_field\":\"", r.Body));
        Assert.All(searches, r => Assert.Contains("\"order_type\":\"", r.Body));
    }

    [Fact]
    public async Task Asks_for_no_more_than_it_needs()
    {
        var pager = new LeadPager(_connection.Api, new JsonObject(), "created_at", false, 100, 100, wanted: 3);

        var first = await pager.NextAsync(CallContext.None);
        var rest = await pager.NextAsync(CallContext.None);

        Assert.Equal(3, first.Count);
        Assert.Empty(rest);
        Assert.Equal(1, pager.Requests);
        Assert.Contains("\"limit\":3", _sandbox.Server.Requests.All().Single().Body);
    }

    private async Task<(List<string> Uuids, List<GrinfiLead> Leads)> ReadAllAsync(JsonObject filter, int pageSize,
        Func<IReadOnlyList<GrinfiLead>, Task>? afterEachPage = null, bool descending = false, string sortField = "created_at")
    {
        var pager = new LeadPager(_connection.Api, filter, sortField, descending, pageSize, pageSize, null);
        var leads = new List<GrinfiLead>();
        while (true)
        {
            var page = await pager.NextAsync(CallContext.None);
            if (page.Count == 0)
            {
                return (leads.Select(l => l.Uuid).ToList(), leads);
            }
            leads.AddRange(page);
            if (afterEachPage is not null)
            {
                await afterEachPage(page);
            }
        }
    }

    private async Task<(List<string> Uuids, LeadPager Pager)> ReadWithPagerAsync(JsonObject filter, int pageSize)
    {
        var pager = new LeadPager(_connection.Api, filter, "created_at", false, pageSize, pageSize, null);
        var uuids = new List<string>();
        for (var page = await pager.NextAsync(CallContext.None); page.Count > 0; page = await pager.NextAsync(CallContext.None))
        {
            uuids.AddRange(page.Select(l => l.Uuid));
        }
        return (uuids, pager);
    }

    /// <summary>Deletes one contact, as another user or tool would while the pager reads.</summary>
    private Task DeleteAsync(string uuid) =>
        _connection.Api.SendAsync(GrinfiRequest.Delete(ApiPath.Of("/leads/api/leads", uuid)), CallContext.None);

    private async Task<List<string>> AllUuidsAsync(JsonObject filter)
    {
        var page = await _connection.Api.SearchLeadsAsync(new LeadQuery(filter, 1000), CallContext.None);
        return page.Items.Select(l => l.Uuid).ToList();
    }
}
