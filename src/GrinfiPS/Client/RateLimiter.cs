using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace GrinfiPS.Client;

/// <summary>
/// Lets at most N requests per API key start in any 60-second window, so bulk work paces
/// itself instead of collecting 429s. One instance per key for the whole process: every
/// cmdlet, runspace and connection using a key shares its budget, as the server does.
/// </summary>
/// <remarks>
/// A slot is counted from the moment a request starts until 60 seconds after its answer
/// arrived. Counting from the answer (not the start) keeps us inside the server's window
/// whatever the network latency: the server saw the request before we saw its answer.
/// </remarks>
internal sealed class RateLimiter
{
    public const int DefaultRequestsPerMinute = 300;

    private static readonly ConcurrentDictionary<string, RateLimiter> s_byKey = new(StringComparer.Ordinal);

    private readonly object _lock = new();
    private readonly Queue<long> _finished = new(); // Stopwatch ticks of answers, oldest first
    private readonly SemaphoreSlim _turn = new(1, 1); // one waiter at a time: first come, first served
    private readonly long _windowTicks;
    private int _inFlight;
    private int _limit;

    public RateLimiter(int requestsPerMinute, TimeSpan? window = null)
    {
        _limit = Validate(requestsPerMinute);
        _windowTicks = (long)((window ?? TimeSpan.FromMinutes(1)).TotalSeconds * Stopwatch.Frequency);
    }

    /// <summary>The limiter of a key (by fingerprint), created with <paramref name="requestsPerMinute"/> when new.</summary>
    public static RateLimiter ForKey(string fingerprint, int? requestsPerMinute)
    {
        var limiter = s_byKey.GetOrAdd(fingerprint, _ => new RateLimiter(requestsPerMinute ?? DefaultRequestsPerMinute));
        if (requestsPerMinute is int rpm)
        {
            limiter.Limit = rpm;
        }
        return limiter;
    }

    public int Limit
    {
        get { lock (_lock) { return _limit; } }
        set { lock (_lock) { _limit = Validate(value); } }
    }

    /// <summary>Requests started in the current window, answered or not.</summary>
    public int InWindow
    {
        get { lock (_lock) { Prune(Stopwatch.GetTimestamp()); return _finished.Count + _inFlight; } }
    }

    /// <summary>Waits for a slot; dispose the lease when the answer (or failure) arrives.</summary>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = Stopwatch.GetTimestamp();
                    Prune(now);
                    if (_finished.Count + _inFlight < _limit)
                    {
                        _inFlight++;
                        return new Lease(this);
                    }
                    // Every slot is taken. When some are answered, the oldest answer frees one at
                    // a known time; when all are still in flight, look again shortly.
                    wait = _finished.Count > 0
                        ? TimeSpan.FromSeconds((double)(_finished.Peek() + _windowTicks - now) / Stopwatch.Frequency)
                        : TimeSpan.FromMilliseconds(20);
                }
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private void Complete()
    {
        lock (_lock)
        {
            _inFlight--;
            _finished.Enqueue(Stopwatch.GetTimestamp());
        }
    }

    private void Prune(long now)
    {
        while (_finished.Count > 0 && now - _finished.Peek() >= _windowTicks)
        {
            _finished.Dequeue();
        }
    }

    private static int Validate(int value) => value > 0
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, "Requests per minute must be at least 1.");

    /// <summary>A taken slot; disposing it records when the answer came.</summary>
    public sealed class Lease : IDisposable
    {
        private RateLimiter? _owner;

        internal Lease(RateLimiter owner) => _owner = owner;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Complete();
    }
}
