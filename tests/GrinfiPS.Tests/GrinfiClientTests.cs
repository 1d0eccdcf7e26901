using System.Diagnostics;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Sandbox;

namespace GrinfiPS.Tests;

/// <summary>The HTTP core against a real sandbox on loopback: retries, error mapping, cancellation.</summary>
public sealed class GrinfiClientTests : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string Search = "/leads/api/leads/search";
    private const string Lists = "/leads/api/lists";
    private readonly SandboxFixture _sandbox;

    public GrinfiClientTests(SandboxFixture sandbox) => _sandbox = sandbox;

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static LeadQuery SearchBody => new(new JsonObject(), 5);

    [Fact]
    public async Task Retries_a_429_after_the_seconds_in_Retry_After()
    {
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "status", status = 429, retryAfter = "1" });
        using var connection = _sandbox.Connect();
        var log = new RecordingLog();
        var watch = Stopwatch.StartNew();

        var page = await connection.Api.SearchLeadsAsync(SearchBody, new CallContext(default, log));

        Assert.Equal(5, page.Items.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1), $"waited only {watch.Elapsed}");
        Assert.Equal(new[] { 429, 200 }, Statuses(Search));
        Assert.Contains(log.VerboseLines, l => l.Contains("429") && l.Contains("retry 1 of 3"));
        Assert.Contains(log.VerboseLines, l => l.StartsWith("POST /leads/api/leads/search 200 (") && l.EndsWith(", 1 retry)"));
    }

    [Fact]
    public async Task A_429_pauses_every_process_on_the_key_for_its_Retry_After()
    {
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "status", status = 429, retryAfter = "30" });
        using var connection = _sandbox.Connect();
        // Another process on the key: a second member of the same shared window.
        var other = RateLimiter.Create(new ApiKey(_sandbox.Server.ApiKey).Fingerprint, 300, Environment.GetEnvironmentVariable);
        using var cancel = new CancellationTokenSource();
        try
        {
            Assert.True(other.IsShared, other.SharingProblem);
            var call = connection.Api.SearchLeadsAsync(SearchBody, new CallContext(cancel.Token, null));

            var wait = TimeSpan.Zero;
            var watch = Stopwatch.StartNew();
            while (wait < TimeSpan.FromSeconds(20) && watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                var (lease, w) = other.TryAcquire();
                lease?.Dispose();
                wait = w;
                await Task.Delay(20);
            }

            Assert.InRange(wait, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(31));
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }
        finally
        {
            other.Leave();
        }
    }

    [Fact]
    public async Task Retries_a_429_whose_Retry_After_is_a_date()
    {
        var date = DateTimeOffset.UtcNow.AddSeconds(1).ToString("R");
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "status", status = 429, retryAfter = date });
        using var connection = _sandbox.Connect();

        var page = await connection.Api.SearchLeadsAsync(SearchBody, CallContext.None);

        Assert.Equal(5, page.Items.Count);
        Assert.Equal(new[] { 429, 200 }, Statuses(Search));
    }

    [Fact]
    public async Task Backs_off_on_a_429_without_Retry_After_and_gives_up_with_a_clear_error()
    {
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "status", status = 429, count = 10 });
        using var connection = _sandbox.Connect(maxRetries: 2);

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => connection.Api.SearchLeadsAsync(SearchBody, CallContext.None));

        Assert.Equal(GrinfiErrorKind.RateLimited, error.Kind);
        Assert.Equal("GrinfiRateLimited", error.ErrorId);
        Assert.Equal(3, error.Attempts);
        Assert.Contains("gave up after 3 tries", error.Message);
        Assert.Equal(3, Statuses(Search).Length);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Retries_server_errors_on_reads(int status)
    {
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "status", status });
        using var connection = _sandbox.Connect();

        var page = await connection.Api.SearchLeadsAsync(SearchBody, CallContext.None);

        Assert.Equal(5, page.Items.Count);
        Assert.Equal(new[] { status, 200 }, Statuses(Search));
    }

    [Fact]
    public async Task Retries_a_dropped_connection_on_a_read()
    {
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "drop" });
        using var connection = _sandbox.Connect();

        var page = await connection.Api.SearchLeadsAsync(SearchBody, CallContext.None);

        Assert.Equal(5, page.Items.Count);
        Assert.Equal(new[] { 0, 200 }, Statuses(Search));
    }

    [Fact]
    public async Task Never_sends_a_create_again_once_it_may_have_reached_the_server()
    {
        await _sandbox.AddFaultsAsync(new { path = Lists, method = "POST", kind = "drop-after" });
        using var connection = _sandbox.Connect();

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => connection.Api.CreateListAsync("Made once", CallContext.None));

        Assert.Equal(GrinfiErrorKind.Connection, error.Kind);
        Assert.Contains("may have reached the server", error.Message);
        Assert.Single(_sandbox.Server.Requests.All(), r => r.Method == "POST" && r.Path == Lists);
        var lists = await connection.Api.GetListsAsync(CallContext.None);
        Assert.Single(lists, l => l.Name == "Made once");
    }

    [Fact]
    public async Task Sends_a_create_again_after_a_429_because_the_server_did_not_carry_it_out()
    {
        await _sandbox.AddFaultsAsync(new { path = Lists, method = "POST", kind = "status", status = 429, retryAfter = "1" });
        using var connection = _sandbox.Connect();

        var list = await connection.Api.CreateListAsync("After a 429", CallContext.None);

        Assert.Equal("After a 429", list.Name);
        Assert.Equal(new[] { 429, 201 }, _sandbox.Server.Requests.All().Where(r => r.Method == "POST" && r.Path == Lists).Select(r => r.Status));
    }

    [Fact]
    public async Task Does_not_resend_a_create_after_a_server_error()
    {
        await _sandbox.AddFaultsAsync(new { path = Lists, method = "POST", kind = "status", status = 503 });
        using var connection = _sandbox.Connect();

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => connection.Api.CreateListAsync("Not twice", CallContext.None));

        Assert.Equal(503, error.StatusCode);
        Assert.Single(_sandbox.Server.Requests.All(), r => r.Method == "POST" && r.Path == Lists);
    }

    [Fact]
    public async Task A_validation_error_carries_the_field_errors()
    {
        using var connection = _sandbox.Connect();
        var body = new LeadUpsert(new Dictionary<string, string> { ["linkedin_id"] = "no-such-list-test", ["first_name"] = "No Id" }, Guid.NewGuid().ToString());

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => connection.Api.UpsertLeadAsync(body, CallContext.None));

        Assert.Equal(GrinfiErrorKind.Validation, error.Kind);
        Assert.Equal("GrinfiValidationError", error.ErrorId);
        Assert.Equal(422, error.StatusCode);
        Assert.Equal("validation_error", error.Reason);
        Assert.Contains("list_uuid", error.FieldErrors.Keys);
        Assert.Contains("list_uuid:", error.Message);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task A_proxy_error_page_gives_the_status_and_a_short_excerpt()
    {
        var html = "<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head><body><h1>Bad Gateway</h1><p>upstream timed out</p></body></html>";
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "status", status = 502, body = html, contentType = "text/html" });
        using var connection = _sandbox.Connect(maxRetries: 0);

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => connection.Api.SearchLeadsAsync(SearchBody, CallContext.None));

        Assert.Equal(GrinfiErrorKind.Server, error.Kind);
        Assert.Equal(502, error.StatusCode);
        Assert.Contains("502", error.Message);
        Assert.Contains("Bad Gateway upstream timed out", error.Message);
        Assert.DoesNotContain("<", error.Message);
        Assert.DoesNotContain("color:red", error.Message);
    }

    [Fact]
    public async Task An_empty_error_body_still_gives_a_clear_error()
    {
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "status", status = 500, body = "", contentType = "text/plain" });
        using var connection = _sandbox.Connect(maxRetries: 0);

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => connection.Api.SearchLeadsAsync(SearchBody, CallContext.None));

        Assert.Equal("GrinfiServerError", error.ErrorId);
        Assert.Contains("500", error.Message);
        Assert.Contains("empty body", error.Message);
    }

    [Fact]
    public async Task A_bad_key_is_an_authentication_error_that_ends_the_command()
    {
        using var connection = _sandbox.Connect(apiKey: "not-a-key");

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => connection.Api.GetCurrentUserAsync(CallContext.None));

        Assert.Equal(GrinfiErrorKind.Authentication, error.Kind);
        Assert.True(error.EndsCommand);
        Assert.Single(_sandbox.Server.Requests.All());
    }

    [Fact]
    public async Task The_key_never_appears_in_errors_or_debug_output()
    {
        var key = _sandbox.Server.ApiKey;
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "status", status = 500, body = "proxy says: Authorization: Bearer " + key, contentType = "text/plain" });
        using var connection = _sandbox.Connect(maxRetries: 0);
        var log = new RecordingLog();

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => connection.Api.SearchLeadsAsync(SearchBody, new CallContext(default, log)));

        Assert.DoesNotContain(key, error.Message);
        Assert.DoesNotContain(key, error.ResponseExcerpt);
        Assert.Contains("***", error.Message);
        Assert.All(log.DebugLines.Concat(log.VerboseLines), line => Assert.DoesNotContain(key, line));
        Assert.DoesNotContain(key, connection.ToString());
    }

    [Fact]
    public async Task A_request_that_gets_no_answer_in_time_is_a_timeout()
    {
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "delay", delayMs = 10_000 });
        using var connection = _sandbox.Connect(maxRetries: 0, timeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => connection.Api.SearchLeadsAsync(SearchBody, CallContext.None));

        Assert.Equal(GrinfiErrorKind.Timeout, error.Kind);
        Assert.Equal("GrinfiTimeout", error.ErrorId);
    }

    [Fact]
    public async Task Cancellation_stops_a_request_in_flight()
    {
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "delay", delayMs = 60_000 });
        using var connection = _sandbox.Connect();
        using var cancel = new CancellationTokenSource();
        var request = connection.Api.SearchLeadsAsync(SearchBody, new CallContext(cancel.Token, null));
        await Task.Delay(200);

        var watch = Stopwatch.StartNew();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        // Far below the 60 s the server would take; generous for a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Cancellation_also_stops_a_backoff_wait()
    {
        await _sandbox.AddFaultsAsync(new { path = Search, kind = "status", status = 429, retryAfter = "120" });
        using var connection = _sandbox.Connect();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connection.Api.SearchLeadsAsync(SearchBody, new CallContext(cancel.Token, null)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Unknown_fields_in_answers_are_kept()
    {
        using var connection = _sandbox.Connect();
        // custom_fields is not in the vendor's lead schema; the generous reading sends it as a future field would be.
        _sandbox.Server.Options.Reading = SandboxReading.Generous;

        var page = await connection.Api.SearchLeadsAsync(SearchBody, CallContext.None);
        _sandbox.Server.Options.Reading = SandboxReading.Minimal;

        // The answer is kept as sent (custom_fields too, which become columns of their own in PowerShell).
        Assert.All(page.Items, lead => Assert.Contains("\"custom_fields\"", lead.ToJson()));
        Assert.Equal(120, page.Total);
    }

    private int[] Statuses(string path) =>
        _sandbox.Server.Requests.All().Where(r => r.Path == path).Select(r => r.Status).ToArray();
}
