using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace GrinfiPS.Client;

/// <summary>
/// Lets at most N requests per API key start in any 60-second window, so bulk work paces
/// itself instead of collecting 429s. One instance per key in a process, and one window per
/// key on the machine: processes of the user that use a key share its window through a
/// folder (<see cref="SharedLimiterStore"/>), as the server counts them together.
/// </summary>
/// <remarks>
/// <para>
/// A slot is counted from the moment a request starts until 60 seconds after its answer
/// arrived. Counting from the answer (not the start) keeps us inside the server's window
/// whatever the network latency: the server saw the request before we saw its answer.
/// </para>
/// <para>
/// Each process brings its own requests per minute; the lowest among the live processes on
/// the key is the limit they all keep to together. A 429's wait is written to the shared
/// window, so every process on the key waits it out. When the folder cannot be used the
/// limiter paces this process alone, says so once in a verbose line, and never fails the
/// command for it.
/// </para>
/// </remarks>
internal sealed class RateLimiter
{
    public const int DefaultRequestsPerMinute = 300;

    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(1);

    // A waiter looks again at least this often: another process may leave (raising the limit)
    // or take the slot it was waiting for.
    private static readonly TimeSpan s_longestSleep = TimeSpan.FromSeconds(1);

    // Every slot held by a request in flight: only an answer frees one, at an unknown time.
    private static readonly TimeSpan s_inFlightPoll = TimeSpan.FromMilliseconds(20);

    private static readonly ConcurrentDictionary<string, Lazy<RateLimiter>> s_byKey = new(StringComparer.Ordinal);

    private readonly object _lock = new();
    private readonly SemaphoreSlim _turn = new(1, 1); // one waiter at a time in this process: first come, first served
    private readonly long _windowTicks;
    private readonly LimiterClock _clock;
    private readonly long _self;
    private LimiterWindow _local = new();
    private SharedLimiterStore? _shared;
    private string? _pendingNotice;
    private long _tickets;
    private int _limit;

    static RateLimiter()
    {
        // Leave the shared windows on a normal exit; after a crash the others notice within a second.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var lazy in s_byKey.Values)
            {
                if (lazy.IsValueCreated)
                {
                    lazy.Value.Leave();
                }
            }
        };
    }

    /// <summary>A limiter for this process alone.</summary>
    public RateLimiter(int requestsPerMinute, TimeSpan? window = null, LimiterClock? clock = null)
        : this(requestsPerMinute, (window ?? DefaultWindow).Ticks, clock ?? LimiterClock.Monotonic, null, 1)
    {
    }

    /// <summary>A limiter that shares <paramref name="store"/>'s window with the other processes on it.</summary>
    public RateLimiter(int requestsPerMinute, SharedLimiterStore store, LimiterClock clock)
        : this(requestsPerMinute, store.Window, clock, store, store.MemberId)
    {
    }

    private RateLimiter(int requestsPerMinute, long windowTicks, LimiterClock clock, SharedLimiterStore? shared, long self)
    {
        _limit = Validate(requestsPerMinute);
        _windowTicks = windowTicks;
        _clock = clock;
        _shared = shared;
        _self = self;
    }

    /// <summary>
    /// The limiter of a key (by fingerprint), created with <paramref name="requestsPerMinute"/> when
    /// new, shared with other processes through the folder of $env:GRINFI_LIMITER_DIR or the
    /// per-user default (see <see cref="LimiterFolder"/>).
    /// </summary>
    public static RateLimiter ForKey(string fingerprint, int? requestsPerMinute)
    {
        var limiter = s_byKey.GetOrAdd(fingerprint, fp => new Lazy<RateLimiter>(() =>
            Create(fp, requestsPerMinute ?? DefaultRequestsPerMinute, Environment.GetEnvironmentVariable))).Value;
        if (requestsPerMinute is int rpm)
        {
            limiter.Limit = rpm;
        }
        return limiter;
    }

    /// <summary>A shared limiter for the key, or one for this process alone (with <see cref="SharingProblem"/> set) when the folder cannot be used.</summary>
    internal static RateLimiter Create(string fingerprint, int requestsPerMinute, Func<string, string?> environment)
    {
        string? folder = null;
        try
        {
            var (path, chosen) = LimiterFolder.Locate(environment);
            folder = path;
            if (path is null)
            {
                return Alone(requestsPerMinute, "there is no home folder to keep it in");
            }
            var mode = LimiterFolder.Prepare(path, chosen);
            var store = SharedLimiterStore.Open(path, mode, fingerprint, requestsPerMinute, DefaultWindow, LimiterClock.Utc);
            return new RateLimiter(requestsPerMinute, store, LimiterClock.Utc);
        }
        catch (Exception ex)
        {
            // Whatever went wrong (a path that is not one, no libc, ...), pacing alone beats failing the command.
            return Alone(requestsPerMinute, $"'{folder}' cannot be used: {ex.Message}");
        }
    }

    /// <summary>This process's requests per minute for the key (the effective limit is the lowest among the processes sharing it).</summary>
    public int Limit
    {
        get { lock (_lock) { return _limit; } }
        set
        {
            lock (_lock)
            {
                _limit = Validate(value);
            }
            if (_shared is not null)
            {
                Update((_, _) => 0); // let the other processes see it now
            }
        }
    }

    /// <summary>The limit every process on the key keeps to: the lowest requests per minute among them.</summary>
    public int EffectiveLimit
    {
        get
        {
            var own = Limit; // read outside the window's lock: FallBack takes the two locks the other way round
            return Update((window, _) => window.Limit(own));
        }
    }

    /// <summary>Requests of the key started in the current window, answered or not, by every process sharing it.</summary>
    public int InWindow => Update((window, _) => window.Held);

    /// <summary>True while the window is shared with other processes through a folder.</summary>
    public bool IsShared => Volatile.Read(ref _shared) is not null;

    /// <summary>The folder the window is shared through, while it is.</summary>
    public string? SharedFolder => Volatile.Read(ref _shared)?.Folder;

    /// <summary>Why this limiter paces the process alone, when it does so against the plan; null otherwise.</summary>
    public string? SharingProblem { get; private set; }

    /// <summary>Waits for a slot; dispose the lease when the answer (or failure) arrives.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <param name="log">Gets one verbose line, once, when the window cannot be shared.</param>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken, IRequestLog? log = null)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var (lease, wait) = TryAcquire();
                ShowNotice(log);
                if (lease is not null)
                {
                    return lease;
                }
                await Task.Delay((wait < s_longestSleep ? wait : s_longestSleep) + TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// Takes a slot when one is free (the lease), or says how long to wait before one may be:
    /// one look at the window, no waiting.
    /// </summary>
    internal (Lease? Lease, TimeSpan Wait) TryAcquire()
    {
        var ticket = Interlocked.Increment(ref _tickets);
        var own = Limit;
        var wait = Update((window, now) => window.TryTake(_self, ticket, now, window.Limit(own), _windowTicks));
        if (wait == 0)
        {
            return (new Lease(this, ticket), TimeSpan.Zero);
        }
        return (null, wait == LimiterWindow.WhenAnswered ? s_inFlightPoll : TimeSpan.FromTicks(wait));
    }

    /// <summary>
    /// No request of the key starts for <paramref name="duration"/>, in any process sharing it:
    /// the server answered 429 and said (or we chose) how long to wait.
    /// </summary>
    public void Pause(TimeSpan duration)
    {
        if (duration > TimeSpan.Zero)
        {
            Update((window, now) =>
            {
                window.Pause(now + duration.Ticks);
                return 0;
            });
        }
    }

    /// <summary>Lifts a pause (tests reset the sandbox's windows, and with them ours).</summary>
    internal void ClearPause() => Update((window, _) =>
    {
        window.PauseUntil = 0;
        return 0;
    });

    /// <summary>Leaves the shared window (at process exit); the limiter then paces this process alone.</summary>
    internal void Leave()
    {
        SharedLimiterStore? shared;
        lock (_lock)
        {
            shared = _shared;
            if (shared is not null)
            {
                _local = shared.LastSeen ?? new LimiterWindow();
                _local.KeepOnlyMember(_self, _clock.Ticks);
                _shared = null;
            }
        }
        shared?.Dispose();
    }

    private void Complete(long ticket) => Update((window, now) =>
    {
        window.Complete(_self, ticket, now);
        return 0;
    });

    /// <summary>One look at the window (shared or this process's), under its lock.</summary>
    private T Update<T>(Func<LimiterWindow, long, T> change)
    {
        var shared = Volatile.Read(ref _shared);
        if (shared is not null)
        {
            try
            {
                return shared.Update(Limit, change);
            }
            catch (Exception ex)
            {
                // The folder failed (or something unforeseen did): carry on alone rather than fail every request.
                FallBack(shared, ex);
            }
        }
        lock (_lock)
        {
            var now = _clock.Ticks;
            _local.SetMember(_self, _limit);
            _local.Clean(now, _windowTicks);
            return change(_local, now);
        }
    }

    /// <summary>
    /// The folder failed mid-run: carry on alone from the window as last seen (the others'
    /// recent requests still count until they leave it), and say so once.
    /// </summary>
    private void FallBack(SharedLimiterStore shared, Exception ex)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(_shared, shared))
            {
                return;
            }
            _local = shared.LastSeen ?? new LimiterWindow();
            _local.KeepOnlyMember(_self, _clock.Ticks);
            _shared = null;
            SetProblem($"'{shared.Folder}' failed: {ex.Message}");
        }
        try
        {
            shared.Dispose();
        }
        catch (Exception)
        {
            // Already reported; the others will find the member file unlocked.
        }
    }

    private static RateLimiter Alone(int requestsPerMinute, string why)
    {
        var limiter = new RateLimiter(requestsPerMinute);
        limiter.SetProblem(why);
        return limiter;
    }

    private void SetProblem(string why)
    {
        SharingProblem = $"The rate limit of this API key is not shared with other processes: {why}. " +
            $"This process paces the key alone, and requests of other processes that use the key are not counted. " +
            $"Set $env:{LimiterFolder.Variable} to a folder this account can write to.";
        Volatile.Write(ref _pendingNotice, SharingProblem);
    }

    private void ShowNotice(IRequestLog? log)
    {
        if (log is { VerboseEnabled: true } && Volatile.Read(ref _pendingNotice) is not null
            && Interlocked.Exchange(ref _pendingNotice, null) is string notice)
        {
            log.Verbose(notice);
        }
    }

    private static int Validate(int value) => value > 0
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, "Requests per minute must be at least 1.");

    /// <summary>A taken slot; disposing it records when the answer came.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly long _ticket;
        private RateLimiter? _owner;

        internal Lease(RateLimiter owner, long ticket)
        {
            _owner = owner;
            _ticket = ticket;
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Complete(_ticket);
    }
}
