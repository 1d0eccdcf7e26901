using System.Text;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using Xunit.Abstractions;

namespace GrinfiPS.Tests;

/// <summary>
/// The HTTP core against misbehaving servers on loopback: answers larger than the cap, bodies
/// without end, and redirects to another host. Each test has its own raw server.
/// </summary>
public sealed class TransportTests
{
    private const string Search = "/leads/api/leads/search";
    private const long OneMB = 1024 * 1024;
    private const string Key = "transport-test-key";
    private readonly ITestOutputHelper _output;

    public TransportTests(ITestOutputHelper output) => _output = output;

    private static JsonObject SearchBody => new() { ["limit"] = 1000, ["filter"] = new JsonObject { ["work_email"] = "jane@acme.example" } };

    private static GrinfiRequest SearchRequest => GrinfiRequest.Read(Search, SearchBody);

    private static GrinfiClient Client(Uri baseUri, long? cap = null, int retries = RetryPolicy.DefaultMaximumRetryCount, string key = Key) =>
        new(new GrinfiClientOptions(key, baseUri)
        {
            Retry = new RetryPolicy { MaximumRetryCount = retries, BaseDelay = TimeSpan.FromMilliseconds(20) },
            Timeout = TimeSpan.FromSeconds(30),
            RequestsPerMinute = 100_000,
            MaximumResponseSize = cap ?? GrinfiClientOptions.DefaultMaximumResponseSizeMB * OneMB,
            UserAgent = "GrinfiPS.Tests",
        });

    // ---- bounded answers ----

    [Fact]
    public async Task A_claimed_length_over_the_cap_is_refused_before_reading_and_not_retried()
    {
        await using var server = RawHttpServer.Start((_, stream, token) => RawHttpServer.ClaimAsync(stream, 1_900_000_000, token));
        using var client = Client(server.BaseUri);

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => client.SendAsync(SearchRequest, CallContext.None));

        Assert.Equal("GrinfiResponseTooLarge", error.ErrorId);
        Assert.Equal(GrinfiErrorKind.ResponseTooLarge, error.Kind);
        Assert.Equal(200, error.StatusCode);
        Assert.Contains("1,900,000,000 bytes", error.Message);
        Assert.Contains($"{GrinfiClientOptions.DefaultMaximumResponseSizeMB} MB", error.Message);
        Assert.Contains("refused before reading", error.Message);
        Assert.Contains("-MaximumResponseSizeMB", error.RecommendedAction);
        Assert.Equal(1, error.Attempts);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_endless_body_is_cut_off_at_the_cap_and_not_retried()
    {
        RawHttpServer? self = null;
        await using var server = self = RawHttpServer.Start((_, stream, token) => self!.EndlessAsync(stream, token));
        using var client = Client(server.BaseUri, cap: OneMB);

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => client.SendAsync(SearchRequest, CallContext.None));

        Assert.Equal("GrinfiResponseTooLarge", error.ErrorId);
        Assert.Contains("grew past the 1 MB", error.Message);
        Assert.Equal(1, error.Attempts);
        Assert.Single(server.Requests);
        // The client hung up soon after the cap; the server did not run on to its own bound.
        await WaitUntil(() => server.EndlessStoppedByClient);
        Assert.InRange(server.EndlessBytesWritten, OneMB, 64 * OneMB);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    [InlineData(true, 1)]
    public async Task A_body_of_the_cap_is_read_whole_and_one_byte_more_is_refused(bool chunked, int over)
    {
        const long cap = 256 * 1024;
        var body = JsonOfLength(cap + over);
        await using var server = RawHttpServer.Start((_, stream, token) => chunked
            ? RawHttpServer.WriteChunkedAsync(stream, 200, body, token)
            : RawHttpServer.WriteAsync(stream, 200, Encoding.UTF8.GetString(body), "application/json", token));
        using var client = Client(server.BaseUri, cap: cap);

        if (over == 0)
        {
            var response = await client.SendAsync(SearchRequest, CallContext.None);
            Assert.Equal(body, response.Body);
            Assert.NotNull(response.Json?["pad"]);
        }
        else
        {
            var error = await Assert.ThrowsAsync<GrinfiApiException>(() => client.SendAsync(SearchRequest, CallContext.None));
            Assert.Equal("GrinfiResponseTooLarge", error.ErrorId);
        }
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_server_error_over_the_cap_is_refused_rather_than_retried()
    {
        await using var server = RawHttpServer.Start((_, stream, token) =>
            RawHttpServer.WriteAsync(stream, 503, new string('x', (int)(2 * OneMB)), "text/html", token));
        using var client = Client(server.BaseUri, cap: OneMB);

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => client.SendAsync(SearchRequest, CallContext.None));

        Assert.Equal("GrinfiResponseTooLarge", error.ErrorId);
        Assert.Equal(503, error.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void The_default_cap_is_well_above_the_largest_real_page()
    {
        var latin = FullestPage.Build(nonLatin: false).Length;
        var cyrillic = FullestPage.Build(nonLatin: true).Length;
        _output.WriteLine($"A page of {FullestPage.Contacts} fullest contacts: {latin:N0} bytes ({latin / (double)OneMB:N1} MB) in Latin text, " +
            $"{cyrillic:N0} bytes ({cyrillic / (double)OneMB:N1} MB) in Cyrillic; the default cap is {GrinfiClientOptions.DefaultMaximumResponseSizeMB} MB.");

        Assert.True(GrinfiClientOptions.DefaultMaximumResponseSizeMB * OneMB >= 2 * Math.Max(latin, cyrillic),
            $"The default cap should be at least twice the largest real page ({Math.Max(latin, cyrillic):N0} bytes).");
    }

    // ---- redirects ----

    [Theory]
    [InlineData(301, "GET", false)]
    [InlineData(302, "GET", false)]
    [InlineData(302, "GET", true)]
    [InlineData(303, "POST", false)]
    [InlineData(307, "POST", false)]
    [InlineData(307, "POST", true)]
    [InlineData(308, "POST", false)]
    public async Task A_redirect_to_another_host_is_not_followed_and_that_host_sees_nothing(int status, string method, bool schemeRelative)
    {
        await using var other = RawHttpServer.Answering(200, """{"data":[],"total":0}""");
        var elsewhere = new Uri(other.BaseUri, "leads/api/leads/search");
        var location = schemeRelative ? "//" + elsewhere.Authority + elsewhere.PathAndQuery : elsewhere.AbsoluteUri;
        await using var server = RawHttpServer.Start((_, stream, token) => RawHttpServer.RedirectAsync(stream, status, location, token));
        using var client = Client(server.BaseUri);
        var request = method == "GET" ? GrinfiRequest.Get("/leads/api/lists") : SearchRequest;

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => client.SendAsync(request, CallContext.None));

        Assert.Equal("GrinfiRedirectRefused", error.ErrorId);
        Assert.Equal(GrinfiErrorKind.Redirected, error.Kind);
        Assert.True(error.EndsCommand);
        Assert.Equal(status, error.StatusCode);
        Assert.Contains(server.BaseUri.Authority, error.Message);
        Assert.Contains(elsewhere.GetLeftPart(UriPartial.Path), error.Message);
        Assert.Contains("another host, port or scheme", error.Message);
        Assert.Contains("base URI", error.RecommendedAction);
        Assert.Contains("proxy", error.RecommendedAction);
        Assert.DoesNotContain(Key, error.Message);
        Assert.Equal(1, error.Attempts);
        Assert.Single(server.Requests);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public void A_redirect_from_https_to_http_is_never_followed_even_on_the_same_host()
    {
        var baseUri = new Uri("https://leadgen.grinfi.io/");
        var hop = new Hop(HttpMethod.Post, new Uri(baseUri, "leads/api/leads/search"), withBody: true);

        var next = Redirects.Follow(hop, 307, new Uri("http://leadgen.grinfi.io/leads/api/leads/search"), baseUri, out var refusal);

        Assert.Null(next);
        Assert.Contains("https to plain http", refusal);
        Assert.NotNull(Redirects.Follow(hop, 307, new Uri("https://LEADGEN.grinfi.io:443/v2/search"), baseUri, out _));
    }

    [Fact]
    public async Task A_307_on_the_same_host_is_followed_with_the_same_method_body_and_key()
    {
        await using var server = RawHttpServer.Start((request, stream, token) => request.Target == Search
            ? RawHttpServer.RedirectAsync(stream, 307, "/v2/leads/search?page=1", token)
            : RawHttpServer.WriteAsync(stream, 200, """{"data":[{"uuid":"a"}],"total":1}""", "application/json", token));
        using var client = Client(server.BaseUri);

        var response = await client.SendAsync(SearchRequest, CallContext.None);

        Assert.Equal("a", (string?)response.Json?["data"]?[0]?["uuid"]);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("POST", "/v2/leads/search?page=1"), (requests[1].Method, requests[1].Target));
        Assert.Equal(requests[0].BodyText, requests[1].BodyText);
        Assert.Contains("jane@acme.example", requests[1].BodyText);
        Assert.Equal("Bearer " + Key, requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task A_303_on_the_same_host_is_followed_as_a_GET_without_the_body()
    {
        await using var server = RawHttpServer.Start((request, stream, token) => request.Method == "POST"
            ? RawHttpServer.RedirectAsync(stream, 303, SameHost(request, "/leads/api/lists/1"), token)
            : RawHttpServer.WriteAsync(stream, 200, """{"uuid":"1","name":"Made"}""", "application/json", token));
        using var client = Client(server.BaseUri);

        var response = await client.SendAsync(GrinfiRequest.Create("/leads/api/lists", new JsonObject { ["name"] = "Made" }), CallContext.None);

        Assert.Equal("Made", (string?)response.Json?["name"]);
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("GET", "/leads/api/lists/1"), (requests[1].Method, requests[1].Target));
        Assert.Empty(requests[1].Body);

        // An absolute Location on the same host, as a 303 after a create often has.
        static string SameHost(RawRequest request, string path) => "http://" + request.Header("Host") + path;
    }

    [Fact]
    public async Task A_301_for_a_GET_on_the_same_host_is_followed()
    {
        await using var server = RawHttpServer.Start((request, stream, token) => request.Target == "/leads/api/lists"
            ? RawHttpServer.RedirectAsync(stream, 301, "/leads/api/lists/", token)
            : RawHttpServer.WriteAsync(stream, 200, """{"data":[],"total":0}""", "application/json", token));
        using var client = Client(server.BaseUri);

        var response = await client.SendAsync(GrinfiRequest.Get("/leads/api/lists"), CallContext.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new[] { "/leads/api/lists", "/leads/api/lists/" }, server.Requests.Select(r => r.Target));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    public async Task A_301_or_302_for_a_POST_is_not_followed_even_on_the_same_host(int status)
    {
        await using var server = RawHttpServer.Start((_, stream, token) => RawHttpServer.RedirectAsync(stream, status, "/leads/api/lists/", token));
        using var client = Client(server.BaseUri);

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() =>
            client.SendAsync(GrinfiRequest.Create("/leads/api/lists", new JsonObject { ["name"] = "Once" }), CallContext.None));

        Assert.Equal("GrinfiRedirectRefused", error.ErrorId);
        Assert.Contains($"does not follow a {status} for a POST", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_redirect_loop_on_the_same_host_stops_after_five()
    {
        await using var server = RawHttpServer.Start((request, stream, token) => RawHttpServer.RedirectAsync(stream, 302, request.Target, token));
        using var client = Client(server.BaseUri);

        var error = await Assert.ThrowsAsync<GrinfiApiException>(() => client.SendAsync(GrinfiRequest.Get("/leads/api/lists"), CallContext.None));

        Assert.Equal("GrinfiTooManyRedirects", error.ErrorId);
        Assert.Contains("more than 5 times", error.Message);
        Assert.Equal(1 + Redirects.MaximumRedirects, server.Requests.Count);
    }

    [Fact]
    public async Task Each_redirect_takes_a_slot_of_the_rate_limiter()
    {
        await using var server = RawHttpServer.Start((request, stream, token) => request.Target == "/leads/api/lists"
            ? RawHttpServer.RedirectAsync(stream, 307, "/leads/api/lists/", token)
            : RawHttpServer.WriteAsync(stream, 200, """{"data":[],"total":0}""", "application/json", token));
        // A key of its own: the limiter is shared by every client with the same key.
        using var client = Client(server.BaseUri, key: "limiter-" + Guid.NewGuid());

        await client.SendAsync(GrinfiRequest.Get("/leads/api/lists"), CallContext.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, client.Limiter.InWindow);
    }

    [Fact]
    public async Task A_followed_redirect_is_in_the_verbose_output_without_the_key()
    {
        await using var server = RawHttpServer.Start((request, stream, token) => request.Target == "/leads/api/lists"
            ? RawHttpServer.RedirectAsync(stream, 308, "/leads/api/lists/", token)
            : RawHttpServer.WriteAsync(stream, 200, """{"data":[],"total":0}""", "application/json", token));
        using var client = Client(server.BaseUri);
        var log = new RecordingLog();

        await client.SendAsync(GrinfiRequest.Get("/leads/api/lists"), new CallContext(default, log));

        Assert.Contains(log.VerboseLines, l => l.Contains("308") && l.Contains("/leads/api/lists/") && l.Contains("following redirect 1"));
        Assert.All(log.VerboseLines.Concat(log.DebugLines), l => Assert.DoesNotContain(Key, l));
    }

    /// <summary>A JSON object of exactly <paramref name="length"/> bytes.</summary>
    private static byte[] JsonOfLength(long length)
    {
        const string start = "{\"data\":[],\"pad\":\"";
        const string end = "\"}";
        return Encoding.ASCII.GetBytes(start + new string('x', (int)length - start.Length - end.Length) + end);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        // Bounded: the server notices a closed connection on its next write.
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition(), "The condition did not come true within 10 s.");
    }
}
