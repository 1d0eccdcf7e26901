using GrinfiPS.Sandbox.Contract;
using GrinfiPS.Sandbox.Data;

namespace GrinfiPS.Sandbox.Http;

/// <summary>Everything handlers share: options, data, keys, log, faults, limiter, background jobs.</summary>
internal sealed class SandboxContext
{
    public SandboxContext(SandboxOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Data = new SandboxData(time, options.Contacts, options.Seed);
        Keys = new JwtKeys(time);
        Limiter = new RateLimiter(time);
        Faults = new FaultInjector(options.Seed);
        Jobs = new BackgroundJobs();
        StartReading = options.Reading;
        Contract = new ContractChecker(ApiContract.Default);
        Report = new ContractReport(options.ContractReport);
    }

    /// <summary>The reading the sandbox started with: what a reset of the options goes back to.</summary>
    public SandboxReading StartReading { get; }

    public ContractChecker Contract { get; }

    public ContractReport Report { get; }

    public ExpectedViolations Expected { get; } = new();

    /// <summary>The last answer of each paged read, for the repeat-page fault.</summary>
    public PageMemory Pages { get; } = new();

    public SandboxOptions Options { get; }

    public TimeProvider Time { get; }

    public SandboxData Data { get; }

    public JwtKeys Keys { get; }

    public RequestLog Log { get; } = new();

    public RateLimiter Limiter { get; }

    public FaultInjector Faults { get; }

    public BackgroundJobs Jobs { get; }

    /// <summary>Keys are valid about three years, like the web app's.</summary>
    public static TimeSpan DefaultKeyLifetime { get; } = TimeSpan.FromDays(3 * 365);

    public string MintKey(int teamId, TimeSpan validFor) =>
        Keys.Mint(Seeder.UserFor(teamId).Uuid, teamId, validFor);

    /// <summary>Throws all data away and reseeds; clears scripted faults, the log and rate windows.</summary>
    public void Reset(int? contacts, int? seed)
    {
        var s = seed ?? Options.Seed;
        Data.Reset(contacts ?? Options.Contacts, s);
        Faults.Clear();
        Faults.Reseed(s);
        Expected.Clear();
        Pages.Clear();
        Log.Clear();
        Limiter.Clear();
    }
}

/// <summary>
/// Delayed work (deletes, imports) that outlives its request. Stopping the server cancels
/// what is still waiting, so nothing runs against a disposed sandbox.
/// </summary>
internal sealed class BackgroundJobs : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public void Schedule(int delayMs, Action work)
    {
        _ = RunAsync(delayMs, work, _stop.Token);
    }

    /// <summary>Cancels every job still waiting; call once no request can schedule more.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private static async Task RunAsync(int delayMs, Action work, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delayMs, stop).ConfigureAwait(false);
            work();
        }
        catch (OperationCanceledException)
        {
            // The server is stopping; the job is moot.
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"GrinfiPS.Sandbox: background job failed: {ex}").ConfigureAwait(false);
        }
    }
}
