using System;
using System.Diagnostics;

namespace GrinfiPS.Client;

/// <summary>
/// What time it is, for the rate limiter, in <see cref="DateTime"/> ticks (100 ns). Tests give
/// the limiter a clock they move by hand.
/// </summary>
internal abstract class LimiterClock
{
    /// <summary>
    /// Wall-clock UTC: the only time two processes can compare, so the shared window uses it.
    /// It can jump; <see cref="LimiterWindow.Clean"/> guards against that.
    /// </summary>
    public static LimiterClock Utc { get; } = new UtcClock();

    /// <summary>
    /// Never jumps (a stopwatch counted from UTC at start): for a window only this process sees.
    /// </summary>
    public static LimiterClock Monotonic { get; } = new MonotonicClock();

    /// <summary>Now, in <see cref="DateTime"/> ticks.</summary>
    public abstract long Ticks { get; }

    private sealed class UtcClock : LimiterClock
    {
        public override long Ticks => DateTime.UtcNow.Ticks;
    }

    private sealed class MonotonicClock : LimiterClock
    {
        private readonly long _start = DateTime.UtcNow.Ticks;
        private readonly Stopwatch _watch = Stopwatch.StartNew();

        public override long Ticks => _start + _watch.Elapsed.Ticks;
    }
}
