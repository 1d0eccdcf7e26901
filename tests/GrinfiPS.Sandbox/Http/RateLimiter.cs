namespace GrinfiPS.Sandbox.Http;

/// <summary>
/// Per-API-key sliding-log limiter: a key may start at most N requests in any 60-second
/// window. Only requests let through are logged, so a client hammering a 429 does not
/// push its own recovery further away — which is what lets tests check that a client
/// waiting exactly Retry-After gets through.
/// </summary>
internal sealed class RateLimiter
{
    private static readonly TimeSpan _window = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, Queue<long>> _logs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    public RateLimiter(TimeProvider time) => _time = time;

    /// <summary>
    /// Records the request and returns null when it may proceed; otherwise returns how long
    /// until the oldest logged request leaves the window.
    /// </summary>
    public TimeSpan? TryAcquire(string apiKey, int perMinute)
    {
        // Requests are logged even while there is no limit, so a limit switched on live
        // judges the true last 60 seconds, as "any 60-second window" demands.
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (!_logs.TryGetValue(apiKey, out var log))
            {
                _logs[apiKey] = log = new Queue<long>();
            }
            while (log.Count > 0 && _time.GetElapsedTime(log.Peek(), now) >= _window)
            {
                log.Dequeue();
            }
            if (perMinute <= 0 || log.Count < perMinute)
            {
                log.Enqueue(now);
                return null;
            }
            // The limit may have been lowered live below the log's size: the slot that frees
            // next is the one that brings the count under the limit, not simply the oldest.
            var blocking = log.ElementAt(log.Count - perMinute);
            var wait = _window - _time.GetElapsedTime(blocking, now);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _logs.Clear();
        }
    }

    /// <summary>The Retry-After header value for a wait, per mode; null for no header.</summary>
    public static string? RetryAfterValue(TimeSpan wait, RetryAfterMode mode, DateTimeOffset now)
    {
        // Whole seconds, rounded up and at least 1, so a client that waits exactly this long
        // is let through.
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        return mode switch
        {
            RetryAfterMode.Seconds => seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // An HTTP date has one-second resolution; round the instant up to the next whole
            // second so the date is never earlier than the slot frees.
            RetryAfterMode.Date => RoundUpToSecond(now + TimeSpan.FromSeconds(Math.Max(1, wait.TotalSeconds)))
                .ToString("r", System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static DateTimeOffset RoundUpToSecond(DateTimeOffset t)
    {
        var rem = t.Ticks % TimeSpan.TicksPerSecond;
        return rem == 0 ? t : t.AddTicks(TimeSpan.TicksPerSecond - rem);
    }
}
