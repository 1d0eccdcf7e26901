using System;
using System.Net.Http.Headers;

namespace GrinfiPS.Client;

/// <summary>When and how long to wait before sending a failed request again.</summary>
internal sealed class RetryPolicy
{
    public const int DefaultMaximumRetryCount = 6;

    private static readonly Random s_random = new();

    /// <summary>Retries after the first try; 0 sends every request once.</summary>
    public int MaximumRetryCount { get; init; } = DefaultMaximumRetryCount;

    /// <summary>The first backoff; each further one doubles it.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest backoff when the server does not say how long to wait: about a minute,
    /// the length of the rate-limit window.
    /// </summary>
    public TimeSpan MaximumBackoff { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest Retry-After honoured; a longer one fails the request with that wait in the message.</summary>
    public TimeSpan MaximumRetryAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Statuses that mean "not now" rather than "never".</summary>
    public static bool IsTransient(int status) => status is 429 or 500 or 502 or 503 or 504;

    /// <summary>Exponential backoff with equal jitter, so clients that failed together do not retry together.</summary>
    public TimeSpan Backoff(int retry)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        var capped = Math.Min(exponential, MaximumBackoff.TotalMilliseconds);
        double jitter;
        lock (s_random)
        {
            jitter = s_random.NextDouble();
        }
        return TimeSpan.FromMilliseconds((capped / 2) + (jitter * capped / 2));
    }

    /// <summary>Retry-After as delta-seconds or as an HTTP date, relative to <paramref name="now"/>.</summary>
    public static TimeSpan? ParseRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var value = headers.RetryAfter;
        if (value is null)
        {
            return null;
        }
        if (value.Delta is TimeSpan delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }
        if (value.Date is DateTimeOffset date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
