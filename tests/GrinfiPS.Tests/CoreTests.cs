using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GrinfiPS.Client;

namespace GrinfiPS.Tests;

public sealed class ApiKeyTests
{
    private static string Jwt(string payload) =>
        "eyJhbGciOiJIUzI1NiJ9." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".c2ln";

    [Fact]
    public void Reads_the_team_and_expiry_claims()
    {
        var key = new ApiKey(Jwt("{\"specific_team_id\":42,\"exp\":1900000000}"));

        Assert.Equal(42, key.TeamId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1900000000), key.ExpiresAt);
    }

    [Fact]
    public void A_key_that_is_not_a_JWT_has_no_claims_but_is_kept()
    {
        var key = new ApiKey("plain-secret");

        Assert.Null(key.TeamId);
        Assert.Null(key.ExpiresAt);
        Assert.Equal("plain-secret", key.Value);
    }

    [Fact]
    public void Shows_only_a_fingerprint_and_redacts_the_key_from_text()
    {
        var key = new ApiKey(Jwt("{\"specific_team_id\":\"7\"}"));

        Assert.Equal(7, key.TeamId);
        Assert.DoesNotContain(key.Value, key.ToString());
        Assert.Equal(16, key.Fingerprint.Length);
        Assert.Equal("Bearer ***!", key.Redact("Bearer " + key.Value + "!"));
    }
}

public sealed class RateLimiterTests
{
    [Fact]
    public async Task Never_lets_more_than_the_limit_start_in_one_window()
    {
        var window = TimeSpan.FromMilliseconds(400);
        var limiter = new RateLimiter(3, window);
        var started = new List<long>();
        var answered = new List<long>();

        for (var i = 0; i < 7; i++)
        {
            using (await limiter.AcquireAsync(CancellationToken.None))
            {
                started.Add(Stopwatch.GetTimestamp());
            }
            answered.Add(Stopwatch.GetTimestamp());
        }

        // Request i+3 may only start a full window after request i was answered.
        for (var i = 0; i + 3 < started.Count; i++)
        {
            var gap = Stopwatch.GetElapsedTime(answered[i], started[i + 3]);
            Assert.True(gap >= window, $"request {i + 3} started {gap.TotalMilliseconds} ms after request {i} was answered");
        }
    }

    [Fact]
    public async Task Counts_requests_in_flight()
    {
        var limiter = new RateLimiter(2, TimeSpan.FromMinutes(1));
        var first = await limiter.AcquireAsync(CancellationToken.None);
        var second = await limiter.AcquireAsync(CancellationToken.None);

        var third = limiter.AcquireAsync(CancellationToken.None);
        await Task.Delay(100);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, limiter.InWindow);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task A_wait_for_a_slot_can_be_cancelled()
    {
        var limiter = new RateLimiter(1, TimeSpan.FromMinutes(1));
        (await limiter.AcquireAsync(CancellationToken.None)).Dispose();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => limiter.AcquireAsync(cancel.Token));
    }

    [Fact]
    public void Is_shared_by_every_connection_with_the_same_key()
    {
        var key = new ApiKey("shared-" + Guid.NewGuid());

        var a = RateLimiter.ForKey(key.Fingerprint, 120);
        var b = RateLimiter.ForKey(key.Fingerprint, null);

        Assert.Same(a, b);
        Assert.Equal(120, b.Limit);
        Assert.NotSame(a, RateLimiter.ForKey(new ApiKey("other-" + Guid.NewGuid()).Fingerprint, null));
        Assert.Equal(RateLimiter.DefaultRequestsPerMinute, RateLimiter.ForKey(new ApiKey("third-" + Guid.NewGuid()).Fingerprint, null).Limit);
    }
}

public sealed class RetryPolicyTests
{
    [Fact]
    public void Backoff_doubles_with_jitter_and_stops_at_about_a_minute()
    {
        var policy = new RetryPolicy { BaseDelay = TimeSpan.FromSeconds(1) };

        for (var retry = 1; retry <= 10; retry++)
        {
            var full = Math.Min(Math.Pow(2, retry - 1), 60);
            var delay = policy.Backoff(retry).TotalSeconds;
            Assert.InRange(delay, full / 2, full);
        }
    }

    [Fact]
    public void Reads_Retry_After_as_seconds_or_as_a_date()
    {
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage();
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        using var date = new HttpResponseMessage();
        date.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(30));
        using var none = new HttpResponseMessage();

        Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.ParseRetryAfter(seconds.Headers, now));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.ParseRetryAfter(date.Headers, now));
        Assert.Null(RetryPolicy.ParseRetryAfter(none.Headers, now));
    }
}

public sealed class FilterAlgebraTests
{
    private static JsonObject F(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Fact]
    public void Adds_a_cursor_to_a_field_the_user_left_alone()
    {
        var result = FilterAlgebra.And(F("{\"company_name\":\"Acme\"}"), "created_at", ">=", "2025-01-01T00:00:00Z");

        Assert.Equal("{\"company_name\":\"Acme\",\"created_at\":{\">=\":\"2025-01-01T00:00:00Z\"}}", JsonFormat.Text(result!));
    }

    [Fact]
    public void Keeps_the_tighter_of_two_bounds_and_the_users_other_operators()
    {
        var user = F("{\"created_at\":{\">=\":\"2025-01-01T00:00:00Z\",\"<\":\"2025-06-01T00:00:00Z\"}}");

        var later = FilterAlgebra.And(user, "created_at", ">=", "2025-03-01T00:00:00.123456Z")!;
        var earlier = FilterAlgebra.And(user, "created_at", ">=", "2024-12-01T00:00:00Z")!;
        var strict = FilterAlgebra.And(user, "created_at", ">", "2025-02-01T00:00:00Z")!;

        Assert.Equal("2025-03-01T00:00:00.123456Z", (string)later["created_at"]![">="]!);
        Assert.Equal("2025-06-01T00:00:00Z", (string)later["created_at"]!["<"]!);
        Assert.Equal("2025-01-01T00:00:00Z", (string)earlier["created_at"]![">="]!);
        Assert.Equal("2025-02-01T00:00:00Z", (string)strict["created_at"]![">"]!);
        Assert.Equal("2025-01-01T00:00:00Z", (string)strict["created_at"]![">="]!);
        Assert.Equal("{\"created_at\":{\">=\":\"2025-01-01T00:00:00Z\",\"<\":\"2025-06-01T00:00:00Z\"}}", JsonFormat.Text(user));
    }

    [Fact]
    public void Narrows_an_IN_list_and_knows_when_nothing_can_match()
    {
        var user = F("{\"uuid\":[\"0000000a-0000-0000-0000-000000000000\",\"0000000C-0000-0000-0000-000000000000\",\"0000000e-0000-0000-0000-000000000000\"]}");

        var rest = FilterAlgebra.And(user, "uuid", ">", "0000000b-0000-0000-0000-000000000000")!;

        Assert.Equal(2, rest["uuid"]!.AsArray().Count);
        Assert.Null(FilterAlgebra.And(user, "uuid", ">", "0000000f-0000-0000-0000-000000000000"));
    }

    [Fact]
    public void A_scalar_condition_either_holds_for_every_match_or_for_none()
    {
        var user = F("{\"connections_number\":500}");

        Assert.NotNull(FilterAlgebra.And(user, "connections_number", ">=", 100));
        Assert.Null(FilterAlgebra.And(user, "connections_number", ">=", 1000));
    }

    [Fact]
    public void Null_markers_combine_as_SQL_would()
    {
        Assert.Null(FilterAlgebra.And(F("{\"updated_at\":\"is_null\"}"), "updated_at", ">=", "2025-01-01"));
        Assert.Equal("{\"updated_at\":{\">=\":\"x\"}}", JsonFormat.Text(FilterAlgebra.And(F("{\"updated_at\":\"is_not_null\"}"), "updated_at", ">=", "x")!));
        Assert.Null(FilterAlgebra.AndIsNull(F("{\"updated_at\":{\">\":\"x\"}}"), "updated_at"));
        Assert.Null(FilterAlgebra.AndIsNotNull(F("{\"updated_at\":\"is_null\"}"), "updated_at"));
        Assert.Equal("{\"updated_at\":\"is_null\"}", JsonFormat.Text(FilterAlgebra.AndIsNull(F("{}"), "updated_at")!));
    }

    [Fact]
    public void Compares_like_the_server_by_field_kind()
    {
        Assert.Equal(0, FilterAlgebra.Compare("2025-01-01T10:00:00Z", "2025-01-01T11:00:00+01:00", FieldKind.Date));
        Assert.True(FilterAlgebra.Compare("9", "10", FieldKind.Number) < 0);
        Assert.True(FilterAlgebra.Compare("9", "10", FieldKind.Text) > 0);
        Assert.Equal(0, FilterAlgebra.Compare("ABCDEF00-0000-0000-0000-000000000000", "abcdef00-0000-0000-0000-000000000000", FieldKind.Uuid));
    }
}

public sealed class LeadFieldsTests
{
    [Theory]
    [InlineData("company_name", "company_name")]
    [InlineData("CompanyName", "company_name")]
    [InlineData("LinkedInStatus", "linkedin_status")]
    [InlineData("createdat", "created_at")]
    public void Takes_API_names_and_property_names(string given, string expected)
    {
        Assert.True(LeadFields.TryResolve(given, out var field, out _));
        Assert.Equal(expected, field);
    }

    [Fact]
    public void Suggests_the_field_a_typo_meant()
    {
        Assert.False(LeadFields.TryResolve("emial", out _, out _));
        var close = LeadFields.Suggest("emial");

        Assert.Contains("work_email", close);
        Assert.Contains("personal_email", close);
        Assert.Equal("company_name", LeadFields.Suggest("compnay_name")[0]);
        // A typo of a part alone, as people write filters and -Clear.
        Assert.Equal("company_name", LeadFields.Suggest("compnay")[0]);
        Assert.Equal("position", LeadFields.Suggest("postion")[0]);
    }
}

public sealed class JsonPagesTests
{
    [Theory]
    [InlineData("{\"data\":[{\"uuid\":\"a\",\"tags\":[\"x\"],\"n\":{\"k\":[1,2]}},{\"uuid\":\"b\"}],\"limit\":2,\"offset\":0,\"total\":9,\"has_more\":true}")]
    [InlineData("[{\"a\":1},[2,3],\"s\",null,true]")]
    [InlineData("{\"count\":3,\"data\":{\"uuid\":\"e\"},\"empty\":[],\"nothing\":null}")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public void Parses_element_by_element_to_the_same_JSON(string json)
    {
        Assert.Equal(JsonNode.Parse(json)!.ToJsonString(), JsonPages.Parse(Encoding.UTF8.GetBytes(json))?.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"a\":1} {\"b\":2}")]
    [InlineData("{\"data\":[1,2}")]
    [InlineData("<html>")]
    public void Refuses_what_is_not_one_JSON_value(string text)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonPages.Parse(Encoding.UTF8.GetBytes(text)));
    }
}
