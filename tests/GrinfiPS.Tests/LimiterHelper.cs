using GrinfiPS.Client;

namespace GrinfiPS.Tests;

/// <summary>
/// The test assembly run as a program (<c>dotnet exec GrinfiPS.Tests.dll --hold-limiter ...</c>):
/// another process on a shared rate-limit window, for <see cref="SharedLimiterTests"/> to kill.
/// </summary>
internal static class LimiterHelper
{
    public const string Command = "--hold-limiter";

    public static int Main(string[] args)
    {
        if (args.Length != 4 || args[0] != Command)
        {
            return 0; // the test runner does not start the assembly this way
        }
        var (folder, fingerprint, requestsPerMinute) = (args[1], args[2], int.Parse(args[3]));
        var mode = LimiterFolder.Prepare(folder, chosen: true);
        var store = SharedLimiterStore.Open(folder, mode, fingerprint, requestsPerMinute, RateLimiter.DefaultWindow, LimiterClock.Utc);
        var limiter = new RateLimiter(requestsPerMinute, store, LimiterClock.Utc);
        var lease = limiter.TryAcquire().Lease ?? throw new InvalidOperationException("No slot for the helper.");
        Console.Out.WriteLine($"ready {store.MemberId:x16}");
        Console.Out.Flush();
        // Wait to be killed; a test that failed first closes our input, and we go.
        Console.In.ReadLine();
        GC.KeepAlive(lease);
        return 0;
    }
}
