using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox;

namespace GrinfiPS.Tests;

/// <summary>The scripted misbehaviours of paged reads: each does what the README says.</summary>
public sealed class SandboxFaultTests : IClassFixture<SandboxHarness>
{
    private readonly SandboxHarness _s;

    public SandboxFaultTests(SandboxHarness harness)
    {
        _s = harness;
        _s.Reset();
    }

    private async Task Fault(string json)
    {
        using var control = new HttpClient { BaseAddress = _s.Server.BaseUri };
        var response = await control.PostAsync("_sandbox/faults", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static List<string> Uuids(string page) =>
        SandboxHarness.Obj(page)["data"]!.AsArray().Select(i => i!["uuid"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Repeat_page_answers_what_the_path_answered_last_time()
    {
        var (_, first, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":5,"offset":0}""");
        await Fault("""[{"path":"/leads/api/leads/search","kind":"repeat-page"}]""");

        var (status, second, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":5,"offset":5}""");
        var (_, third, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":5,"offset":5}""");

        Assert.Equal(200, status);
        Assert.Equal(first, second);
        Assert.Equal(0, SandboxHarness.Obj(second)["offset"]!.GetValue<int>());
        Assert.NotEqual(Uuids(first), Uuids(third));
        Assert.Equal("repeat-page", _s.Server.Requests.All()[^2].Fault);
    }

    [Fact]
    public async Task Phantom_page_invents_a_full_page_of_new_items_every_time()
    {
        var real = _s.Server.Data.Team(1).ContactUuids().ToHashSet();
        await Fault("""[{"path":"/leads/api/leads/search","kind":"phantom-page","count":2}]""");

        var (_, one, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":7,"offset":35}""");
        var (_, two, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":7,"offset":35}""");

        Assert.Equal(7, Uuids(one).Count);
        Assert.Empty(Uuids(one).Intersect(real));
        Assert.Empty(Uuids(one).Intersect(Uuids(two)));
        Assert.Equal(35, SandboxHarness.Obj(one)["offset"]!.GetValue<int>());
        Assert.Equal(1_000_000, SandboxHarness.Obj(one)["total"]!.GetValue<int>());
        Assert.Empty(_s.Last("/leads/api/leads/search").Violations);

        await Fault("""[{"path":"/flows/api/flows","kind":"phantom-page"}]""");
        var (_, flows, _) = await _s.GetAsync("/flows/api/flows?limit=3&offset=3");
        Assert.Equal(3, Uuids(flows).Count);
        Assert.True(SandboxHarness.Obj(flows)["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Phantom_page_claims_the_total_the_fault_states_and_always_more()
    {
        await Fault("""[{"path":"/flows/api/flows","kind":"phantom-page","total":5,"count":2}]""");

        var (_, first, _) = await _s.GetAsync("/flows/api/flows?limit=3&offset=0");
        var (_, past, _) = await _s.GetAsync("/flows/api/flows?limit=3&offset=9");

        Assert.Equal(5, SandboxHarness.Obj(first)["total"]!.GetValue<int>());
        Assert.Equal(5, SandboxHarness.Obj(past)["total"]!.GetValue<int>());
        Assert.Equal(3, Uuids(past).Count);
        // Past its own total the phantom still says more follow: only a bound on pages ends it.
        Assert.True(SandboxHarness.Obj(past)["has_more"]!.GetValue<bool>());
        Assert.Equal(9, SandboxHarness.Obj(past)["offset"]!.GetValue<int>());
    }

    [Fact]
    public async Task Phantom_contacts_come_in_created_at_order_each_page_after_the_last()
    {
        await Fault("""[{"path":"/leads/api/leads/search","kind":"phantom-page","count":2}]""");

        var (_, one, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":50}""");
        var (_, two, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":5}""");

        static List<DateTimeOffset> Created(string page) =>
            SandboxHarness.Obj(page)["data"]!.AsArray().Select(i => DateTimeOffset.Parse(i!["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var times = Created(one).Concat(Created(two)).ToList();
        Assert.Equal(55, times.Count);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.First < pair.Second, $"{pair.First:O} is not before {pair.Second:O}"));
    }

    [Theory]
    [InlineData("""{"kind":"phantom-page","total":-1}""", "0.total")]
    [InlineData("""{"kind":"phantom-page","total":"many"}""", "0.total")]
    [InlineData("""{"kind":"repeat-page","total":10}""", "0.total")]
    public async Task A_phantom_total_that_cannot_be_is_refused(string fault, string field)
    {
        using var control = new HttpClient { BaseAddress = _s.Server.BaseUri };

        var response = await control.PostAsync("_sandbox/faults", new StringContent(fault, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Phantom_page_clamps_the_page_to_the_maximum_page_size()
    {
        _s.Server.Options.MaxPageSize = 4;
        await Fault("""[{"path":"/leads/api/lists","kind":"phantom-page"}]""");

        var (_, page, _) = await _s.GetAsync("/leads/api/lists?limit=50");

        Assert.Equal(4, Uuids(page).Count);
        Assert.Equal(4, SandboxHarness.Obj(page)["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ignore_filter_handles_the_request_as_if_it_had_no_filter()
    {
        await Fault("""[{"path":"/leads/api/lists","kind":"ignore-filter"}]""");

        var (_, ignored, _) = await _s.GetAsync("/leads/api/lists?filter[name]=Prospects&limit=50");
        var (_, honoured, _) = await _s.GetAsync("/leads/api/lists?filter[name]=Prospects&limit=50");

        Assert.Equal(6, Uuids(ignored).Count);
        Assert.Single(Uuids(honoured));

        await Fault("""[{"path":"/leads/api/leads/search","kind":"ignore-filter"}]""");
        var (_, all, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":100,"filter":{"uuid":"is_null"}}""");
        Assert.Equal(40, Uuids(all).Count);
    }

    [Fact]
    public async Task Html_200_is_a_sign_in_page_with_status_200()
    {
        await Fault("""[{"path":"/leads/api/tags","kind":"html-200"}]""");

        var (status, body, response) = await _s.GetAsync("/leads/api/tags");

        Assert.Equal(200, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<html", body);
        Assert.Contains("sign in", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Truncated_is_a_200_whose_JSON_is_cut_short_with_a_matching_length()
    {
        await Fault("""[{"path":"/leads/api/leads/search","kind":"truncated"}]""");

        using var request = new HttpRequestMessage(HttpMethod.Post, "leads/api/leads/search") { Content = new StringContent("""{"limit":10}""", System.Text.Encoding.UTF8, "application/json") };
        var response = await _s.Http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.True(bytes.Length > 10);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(bytes));
    }
}
