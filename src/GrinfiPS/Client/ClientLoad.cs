using System;
using System.Diagnostics;
using System.Threading;

namespace GrinfiPS.Client;

/// <summary>
/// What one client's requests are living through, for the cmdlets that keep several in flight:
/// how long the server takes (queue wait for the rate limiter not counted), how many requests
/// wait for the limiter, and when the server last pushed back (429 or 5xx). Thread-safe.
/// </summary>
internal sealed class ClientLoad
{
    private readonly object _lock = new();
    private double _latencyMs = -1;
    private long _lastPushbackTicks = long.MinValue / 2;
    private int _waiting;

    /// <summary>Average server time per request (exponentially weighted), or null before the first answer.</summary>
    public TimeSpan? Latency
    {
        get
        {
            lock (_lock)
            {
                return _latencyMs < 0 ? null : TimeSpan.FromMilliseconds(_latencyMs);
            }
        }
    }

    /// <summary>Requests waiting for a slot of the rate limiter right now.</summary>
    public int WaitingForLimiter => Volatile.Read(ref _waiting);

    /// <summary>Whether the server answered 429 or 5xx within <paramref name="within"/>.</summary>
    public bool PushedBackWithin(TimeSpan within)
    {
        lock (_lock)
        {
            return Stopwatch.GetTimestamp() - _lastPushbackTicks < within.TotalSeconds * Stopwatch.Frequency;
        }
    }

    internal void EnterLimiter() => Interlocked.Increment(ref _waiting);

    internal void LeaveLimiter() => Interlocked.Decrement(ref _waiting);

    internal void Answered(TimeSpan serverTime, int status)
    {
        lock (_lock)
        {
            var ms = serverTime.TotalMilliseconds;
            _latencyMs = _latencyMs < 0 ? ms : _latencyMs * 0.8 + ms * 0.2;
            if (status == 429 || status >= 500)
            {
                _lastPushbackTicks = Stopwatch.GetTimestamp();
            }
        }
    }
}
