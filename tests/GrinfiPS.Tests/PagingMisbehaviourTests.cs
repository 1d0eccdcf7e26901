using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Leads;
using GrinfiPS.Model;
using GrinfiPS.Sandbox;

namespace GrinfiPS.Tests;

/// <summary>
/// Every paged read against each misbehaviour of the sandbox (repeat-page, phantom-page,
/// ignore-filter, html-200, truncated): the error it ends with and the requests it took.
/// GET collections (GetAllPagesAsync), the lead pager, the lookups and counts built on it, and
/// Invoke-GrinfiRequest -All, run in process.
/// </summary>
public sealed class PagingMisbehaviourTests : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Search = "/leads/api/leads/search";
    private const string Lists = "/leads/api/lists";
    private const string CustomFields = "/leads/api/custom-fields";
    private const string Flows = "/flows/api/flows";
    private readonly SandboxFixture _sandbox;
    private GrinfiConnection _connection = null!;

    public PagingMisbehaviourTests(SandboxFixture sandbox) => _sandbox = sandbox;

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

    private GrinfiApi Api => _connection.Api;

    private Task Fault(string path, string kind, int count = 1000, int? total = null) =>
        total is int t
            ? _sandbox.AddFaultsAsync(new { path, kind, count, total = t })
            : _sandbox.AddFaultsAsync(new { path, kind, count });

    private int RequestsTo(string path) => _sandbox.Server.Requests.All().Count(e => e.Path == path);

    private static async Task<GrinfiException> Fails(Func<Task> read, string errorId)
    {
        var error = await Assert.ThrowsAnyAsync<GrinfiException>(read);
        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(GrinfiErrorKind.UnexpectedResponse, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.RecommendedAction));
        return error;
    }

    private async Task<List<GrinfiLead>> ReadLeadsAsync(JsonObject? filter = null, int firstPageSize = LeadPager.FirstPageSize)
    {
        var pager = new LeadPager(Api, filter ?? new JsonObject(), "created_at", false, firstPageSize, LeadPager.MaxPageSize, null);
        var all = new List<GrinfiLead>();
        for (var page = await pager.NextAsync(CallContext.None); page.Count > 0; page = await pager.NextAsync(CallContext.None))
        {
            all.AddRange(page);
        }
        return all;
    }

    // ---- GET collections ----

    [Fact]
    public async Task Lists_that_repeat_a_page_stop_at_the_second()
    {
        _sandbox.Server.Options.MaxPageSize = 2;
        await Fault(Lists, "repeat-page");

        var error = await Fails(() => Api.GetListsAsync(CallContext.None), "GrinfiPagingStalled");

        Assert.Contains("Reading lists stopped: page 2 brought nothing new", error.Message);
        Assert.Equal(2, RequestsTo(Lists));
    }

    [Fact]
    public async Task Lists_from_a_server_that_clamps_the_page_size_are_read_whole()
    {
        // A healthy server that serves one list a page: six pages, not a runaway at ⌈6/1000⌉ + 3.
        _sandbox.Server.Options.MaxPageSize = 1;

        var lists = await Api.GetListsAsync(CallContext.None);

        Assert.Equal(6, lists.Count);
        Assert.Equal(6, RequestsTo(Lists));
    }

    [Fact]
    public async Task Lists_with_has_more_past_their_total_stop_at_exactly_the_bound()
    {
        _sandbox.Server.Options.Reading = SandboxReading.Generous;
        await Fault(Lists, "phantom-page", total: 5_000);

        var error = await Fails(() => Api.GetListsAsync(CallContext.None), "GrinfiPagingRunaway");

        Assert.Equal(8, RequestsTo(Lists)); // ⌈5,000/1,000⌉ + 3
        Assert.Contains("stopped after 8 pages: the server stated 5,000 items, 1,000 a page, yet it still says more follow", error.Message);
    }

    [Fact]
    public async Task Automations_that_always_have_more_stop_at_exactly_the_bound()
    {
        await Fault(Flows, "phantom-page", total: 3_000);

        await Fails(() => Api.GetAutomationsAsync(null, CallContext.None), "GrinfiPagingRunaway");

        Assert.Equal(6, RequestsTo(Flows)); // ⌈3,000/1,000⌉ + 3
    }

    [Fact]
    public async Task Automations_that_repeat_a_page_stop_at_the_second()
    {
        _sandbox.Server.Options.MaxPageSize = 2;
        await Fault(Flows, "repeat-page");

        await Fails(() => Api.GetAutomationsAsync(null, CallContext.None), "GrinfiPagingStalled");

        Assert.Equal(2, RequestsTo(Flows));
    }

    [Fact]
    public async Task Automations_of_another_status_than_asked_are_an_ignored_filter()
    {
        await Fault(Flows, "ignore-filter");

        var error = await Fails(() => Api.GetAutomationsAsync("on", CallContext.None), "GrinfiFilterIgnored");

        Assert.Matches("automation '.+' \\(.+\\) outside the filter \\(its status is (off|archived|draft), where the filter asked for on\\)", error.Message);
        Assert.Equal(1, RequestsTo(Flows));
    }

    [Theory]
    [InlineData(SandboxReading.Minimal)]   // no total, no has_more: only full pages say more follow
    [InlineData(SandboxReading.Generous)]  // a total of 1,000,000 and has_more
    public async Task Custom_fields_past_the_documented_most_stop_after_one_page(SandboxReading reading)
    {
        _sandbox.Server.Options.Reading = reading;
        await Fault(CustomFields, "phantom-page");

        var error = await Fails(() => Api.GetCustomFieldsAsync(CallContext.None), "GrinfiPagingRunaway");

        Assert.Equal(1, RequestsTo(CustomFields));
        Assert.Contains("the server sent 1,000 different ones, and the API holds no more than 200", error.Message);
    }

    [Fact]
    public async Task Custom_fields_that_repeat_a_page_stop_at_the_second()
    {
        // Only a page that says more follow can repeat: the generous reading's has_more, on
        // pages clamped to one field (the minimal reading's {data} of one ends the read).
        _sandbox.Server.Options.Reading = SandboxReading.Generous;
        _sandbox.Server.Options.MaxPageSize = 1;
        await Fault(CustomFields, "repeat-page");

        await Fails(() => Api.GetCustomFieldsAsync(CallContext.None), "GrinfiPagingStalled");

        Assert.Equal(2, RequestsTo(CustomFields));
    }

    public static TheoryData<string, string> NotJsonReads => new()
    {
        { Lists, "html-200" }, { Lists, "truncated" },
        { CustomFields, "html-200" }, { CustomFields, "truncated" },
        { Flows, "html-200" }, { Flows, "truncated" },
        { "/leads/api/tags", "html-200" }, { "/leads/api/tags", "truncated" },
        { "/leads/api/pipeline-stages", "html-200" }, { "/leads/api/pipeline-stages", "truncated" },
    };

    [Theory]
    [MemberData(nameof(NotJsonReads))]
    public async Task A_collection_answered_with_a_sign_in_page_or_cut_short_is_one_clear_error(string path, string kind)
    {
        await Fault(path, kind);
        Func<Task> read = path switch
        {
            Lists => () => Api.GetListsAsync(CallContext.None),
            CustomFields => () => Api.GetCustomFieldsAsync(CallContext.None),
            Flows => () => Api.GetAutomationsAsync(null, CallContext.None),
            "/leads/api/tags" => () => Api.GetTagsAsync(CallContext.None),
            _ => () => Api.GetPipelineStagesAsync("lead", CallContext.None),
        };

        var error = (GrinfiApiException)await Fails(read, "GrinfiResponseNotJson");

        Assert.Equal(1, RequestsTo(path));
        Assert.Equal(200, error.StatusCode);
        Assert.StartsWith($"GET {path} answered 200 with ", error.Message);
        Assert.Contains(kind == "html-200" ? "a body that is not JSON (text/html" : "JSON that breaks off", error.Message);
        Assert.Contains(kind == "html-200" ? "Please sign in to access the internet" : "ending in: ", error.Message);
        Assert.DoesNotContain("<", error.Message);
        Assert.DoesNotContain(_sandbox.Server.ApiKey, error.Message);
    }

    // ---- the lead pager ----

    [Fact]
    public async Task Leads_that_repeat_a_page_stop_at_the_second_as_stalled()
    {
        // The repeated page also lies outside the cursor; saying the server repeats itself is
        // the more useful of the two, and it has its own ErrorId.
        await Fault(Search, "repeat-page");

        var error = await Fails(() => ReadLeadsAsync(), "GrinfiPagingStalled");

        Assert.Contains("Reading the contacts stopped: page 2 brought nothing new", error.Message);
        Assert.Equal(2, RequestsTo(Search));
    }

    [Fact]
    public async Task Leads_from_a_server_that_keeps_inventing_pages_stop_at_exactly_the_bound()
    {
        await Fault(Search, "phantom-page", total: 5_000);

        var error = await Fails(() => ReadLeadsAsync(), "GrinfiPagingRunaway");

        Assert.Equal(8, RequestsTo(Search)); // ⌈5,000/1,000⌉ + 3, the first page of 100 included
        Assert.Contains("stopped after 8 pages: the server stated 5,000 items", error.Message);
    }

    [Fact]
    public async Task Leads_from_a_server_that_clamps_the_page_size_are_read_whole()
    {
        await _sandbox.ResetAsync(contacts: 1_500);
        _sandbox.Server.Options.MaxPageSize = 100;

        var all = await ReadLeadsAsync();

        Assert.Equal(1_500, all.Select(l => l.Uuid).Distinct().Count());
    }

    [Fact]
    public async Task Leads_of_a_list_from_a_server_that_ignores_the_filter_stop_at_the_first_page_with_nothing_passed_on()
    {
        var list = _sandbox.Server.Data.Team(1).GetLists()[1]["uuid"]!.GetValue<string>();
        await Fault(Search, "ignore-filter");
        var read = new List<GrinfiLead>();

        var error = await Fails(async () =>
        {
            var pager = new LeadPager(Api, new JsonObject { ["list_uuid"] = list }, "created_at", false, 100, 1000, null);
            read.AddRange(await pager.NextAsync(CallContext.None));
        }, "GrinfiFilterIgnored");

        Assert.Empty(read);
        Assert.Contains("its list_uuid is", error.Message);
        Assert.Equal(1, RequestsTo(Search));
    }

    [Fact]
    public async Task Leads_whose_second_page_ignores_the_cursor_stop_there()
    {
        // The first page is honoured; the second comes back from the start, past the cursor.
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "delay", delayMs = 0 }, new { path = Search, kind = "ignore-filter", count = 1000 });

        var error = await Fails(() => ReadLeadsAsync(firstPageSize: 50), "GrinfiFilterIgnored");

        Assert.Contains("where the page was to start", error.Message);
        Assert.Equal(2, RequestsTo(Search));
    }

    [Theory]
    [InlineData("html-200")]
    [InlineData("truncated")]
    public async Task Leads_answered_with_a_sign_in_page_or_cut_short_stop_at_the_first_request(string kind)
    {
        await Fault(Search, kind);

        await Fails(() => ReadLeadsAsync(), "GrinfiResponseNotJson");

        Assert.Equal(1, RequestsTo(Search));
    }

    [Fact]
    public async Task Lookups_by_uuid_that_repeat_a_page_stop_at_the_second()
    {
        _sandbox.Server.Options.MaxPageSize = 1;
        var uuids = _sandbox.Server.Data.Team(1).ContactUuids().Take(3).ToList();
        await Fault(Search, "repeat-page");

        await Fails(() => Api.GetLeadsAsync(uuids, CallContext.None), "GrinfiPagingStalled");

        Assert.Equal(2, RequestsTo(Search));
    }

    [Theory]
    [InlineData("phantom-page")]
    [InlineData("ignore-filter")]
    public async Task Lookups_by_uuid_that_return_other_contacts_stop_at_the_first_page(string kind)
    {
        var uuids = _sandbox.Server.Data.Team(1).ContactUuids().Take(3).ToList();
        await Fault(Search, kind);

        var error = await Fails(() => Api.GetLeadsAsync(uuids, CallContext.None), "GrinfiFilterIgnored");

        Assert.Contains("Reading contacts by UUID stopped", error.Message);
        Assert.Equal(1, RequestsTo(Search));
    }

    [Fact]
    public async Task A_count_whose_sample_lies_outside_the_filter_is_an_ignored_filter_not_a_number()
    {
        var team = _sandbox.Server.Data.Team(1);
        var first = (await Api.SearchLeadsAsync(new LeadQuery(new JsonObject(), 1), CallContext.None)).Items[0];
        var otherList = team.GetLists().Select(l => l!["uuid"]!.GetValue<string>()).First(u => u != first.ListUuid);
        await Fault(Search, "ignore-filter");

        var error = await Fails(() => Api.CountLeadsAsync(ContactSelection.Where("list_uuid", otherList), CallContext.None), "GrinfiFilterIgnored");

        Assert.Contains($"contact {first.Uuid} outside the filter (its list_uuid is {first.ListUuid}", error.Message);
    }

    // ---- Invoke-GrinfiRequest -All ----

    /// <summary>Runs Invoke-GrinfiRequest in a runspace of its own: its output and the errors it wrote.</summary>
    private (Collection<PSObject> Output, IReadOnlyList<ErrorRecord> Errors) Invoke(Dictionary<string, object> parameters)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Invoke-GrinfiRequest", typeof(InvokeGrinfiRequestCommand), null));
        using var ps = PowerShell.Create(state);
        ps.AddCommand("Invoke-GrinfiRequest").AddParameter("Connection", _connection).AddParameter("All");
        foreach (var (name, value) in parameters)
        {
            ps.AddParameter(name, value);
        }
        var output = ps.Invoke();
        return (output, ps.Streams.Error.ToList());
    }

    [Fact]
    public async Task Invoke_All_on_a_repeated_page_stops_at_the_second_having_written_the_first()
    {
        await Fault(Flows, "repeat-page");

        var (output, errors) = Invoke(new() { ["Method"] = "GET", ["Path"] = Flows, ["PageSize"] = 2 });

        Assert.Equal(2, output.Count);
        Assert.Equal("GrinfiPagingStalled", Assert.Single(errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(2, RequestsTo(Flows));
    }

    [Fact]
    public async Task Invoke_All_on_a_repeated_search_page_stops_at_the_second()
    {
        await Fault(Search, "repeat-page");

        var (output, errors) = Invoke(new() { ["Method"] = "POST", ["Path"] = Search, ["Body"] = "{}", ["PageSize"] = 10 });

        Assert.Equal(10, output.Count);
        Assert.Equal("GrinfiPagingStalled", Assert.Single(errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(2, RequestsTo(Search));
    }

    [Fact]
    public async Task Invoke_All_on_invented_pages_stops_at_exactly_the_bound()
    {
        await Fault(Flows, "phantom-page", total: 1_000);

        var (output, errors) = Invoke(new() { ["Method"] = "GET", ["Path"] = Flows, ["PageSize"] = 100 });

        Assert.Equal("GrinfiPagingRunaway", Assert.Single(errors).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(13, RequestsTo(Flows)); // ⌈1,000/100⌉ + 3
        Assert.Equal(1_300, output.Count);
    }

    [Theory]
    [InlineData("html-200", "a body that is not JSON (text/html")]
    [InlineData("truncated", "JSON that breaks off")]
    public async Task Invoke_All_answered_with_a_sign_in_page_or_cut_short_says_so(string kind, string says)
    {
        await Fault(Flows, kind);

        var (output, errors) = Invoke(new() { ["Method"] = "GET", ["Path"] = Flows });

        Assert.Empty(output);
        var error = Assert.Single(errors);
        Assert.Equal("GrinfiResponseNotJson", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains(says, error.ErrorDetails.Message);
        Assert.Equal(1, RequestsTo(Flows));
    }
}
