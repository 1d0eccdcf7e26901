using System.Diagnostics;
using System.Text;
using GrinfiPS.Client;

namespace GrinfiPS.Tests;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock : LimiterClock
{
    public ManualClock(DateTime start) => Now = start.Ticks;

    public long Now { get; set; }

    public override long Ticks => Now;

    public void Advance(TimeSpan by) => Now += by.Ticks;
}

/// <summary>The window's rules, without files or waiting.</summary>
public sealed class LimiterWindowTests
{
    private static readonly long Window = TimeSpan.FromMinutes(1).Ticks;
    private static readonly long Start = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long Second = TimeSpan.FromSeconds(1).Ticks;

    [Fact]
    public void Holds_a_slot_from_the_start_until_a_window_after_the_answer()
    {
        var w = new LimiterWindow();
        w.SetMember(1, 2);
        Assert.Equal(0, w.TryTake(1, 1, Start, 2, Window));
        Assert.Equal(0, w.TryTake(1, 2, Start, 2, Window));

        // Both in flight: only an answer can free a slot.
        Assert.Equal(LimiterWindow.WhenAnswered, w.TryTake(1, 3, Start, 2, Window));

        w.Complete(1, 1, Start + (5 * Second)); // 5 s of latency
        Assert.Equal(Window + (5 * Second) - Second, w.TryTake(1, 3, Start + Second, 2, Window));

        var later = Start + Window + (5 * Second);
        w.Clean(later, Window);
        Assert.Equal(1, w.Held);
        Assert.Equal(0, w.TryTake(1, 3, later, 2, Window));
    }

    [Fact]
    public void A_lower_limit_waits_for_as_many_answers_as_it_is_over()
    {
        var w = new LimiterWindow();
        for (var i = 0; i < 5; i++)
        {
            w.Answered.Add(Start + (i * Second));
        }

        // Limit 2 with 5 held: 4 must leave, the 4th oldest (answered at +3 s) frees the slot.
        Assert.Equal(Window + (3 * Second), w.TryTake(1, 1, Start, 2, Window));
    }

    [Fact]
    public void Drops_times_in_the_future_so_a_clock_set_back_does_not_block()
    {
        var w = new LimiterWindow();
        w.SetMember(1, 1);
        Assert.Equal(0, w.TryTake(1, 1, Start, 1, Window));
        w.Complete(1, 1, Start);
        w.SetMember(2, 1);
        w.InFlight.Add(new LimiterWindow.Flight(2, 7, Start));

        var setBack = Start - TimeSpan.FromHours(1).Ticks;
        w.Clean(setBack, Window);

        Assert.Equal(0, w.Held);
        Assert.Equal(0, w.TryTake(1, 2, setBack, 1, Window));
    }

    [Fact]
    public void Keeps_times_a_moment_ahead_as_another_process_reads_its_clock_a_moment_later()
    {
        var w = new LimiterWindow();
        w.Answered.Add(Start + Second);

        w.Clean(Start, Window);

        Assert.Equal(1, w.Held);
    }

    [Fact]
    public void A_pause_holds_every_request_until_it_ends_and_an_absurd_one_is_ignored()
    {
        var w = new LimiterWindow();
        w.Pause(Start + (30 * Second));
        w.Pause(Start + (10 * Second)); // a shorter one does not cut it short

        Assert.Equal(30 * Second, w.TryTake(1, 1, Start, 300, Window));

        w.Clean(Start + (30 * Second), Window);
        Assert.Equal(0, w.PauseUntil);

        w.Pause(Start + TimeSpan.FromDays(1).Ticks); // a clock that jumped, not a Retry-After
        w.Clean(Start, Window);
        Assert.Equal(0, w.TryTake(1, 1, Start, 300, Window));
    }

    [Fact]
    public void The_lowest_rate_among_the_members_is_the_limit()
    {
        var w = new LimiterWindow();
        w.SetMember(1, 300);
        w.SetMember(2, 120);
        w.SetMember(2, 100); // updated, not added

        Assert.Equal(100, w.Limit(300));
        Assert.Equal(50, w.Limit(50));
        Assert.Equal(2, w.Members.Count);
    }

    [Fact]
    public void A_member_that_goes_stops_setting_the_limit_and_its_requests_in_flight_count_a_window_more()
    {
        var w = new LimiterWindow();
        w.SetMember(1, 300);
        w.SetMember(2, 10);
        w.TryTake(2, 1, Start, 10, Window);

        w.RemoveMember(2, Start + (3 * Second));

        Assert.Equal(300, w.Limit(300));
        Assert.Empty(w.InFlight);
        Assert.Equal(new[] { Start + (3 * Second) }, w.Answered);
    }

    [Fact]
    public void Requests_in_flight_of_an_unknown_member_count_as_answered_at_the_next_look()
    {
        var w = new LimiterWindow();
        w.SetMember(1, 300);
        w.InFlight.Add(new LimiterWindow.Flight(99, 1, Start));

        w.Clean(Start + Second, Window);

        Assert.Empty(w.InFlight);
        Assert.Equal(new[] { Start + Second }, w.Answered);
    }

    [Fact]
    public void Is_written_in_the_documented_layout_and_read_back()
    {
        var w = new LimiterWindow { PauseUntil = Start };
        w.SetMember(0x0102030405060708, 120);
        w.InFlight.Add(new LimiterWindow.Flight(0x0102030405060708, 9, Start + 1));
        w.Answered.Add(Start + 2);
        w.Answered.Add(Start + 3);

        var bytes = w.ToBytes();

        Assert.Equal(32 + 16 + 24 + (2 * 8), bytes.Length);
        Assert.Equal("GRLW", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(1, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(Start, BitConverter.ToInt64(bytes, 8));
        Assert.Equal(new[] { 1, 1, 2, 0 }, new[] { BitConverter.ToInt32(bytes, 16), BitConverter.ToInt32(bytes, 20), BitConverter.ToInt32(bytes, 24), BitConverter.ToInt32(bytes, 28) });
        Assert.Equal(0x08, bytes[32]); // little-endian
        Assert.Equal(120, BitConverter.ToInt32(bytes, 40));
        Assert.Equal(Start + 3, BitConverter.ToInt64(bytes, bytes.Length - 8));

        var back = LimiterWindow.Parse(bytes)!;
        Assert.Equal(Start, back.PauseUntil);
        Assert.Equal(120, back.Members.Single().RequestsPerMinute);
        Assert.Equal(9, back.InFlight.Single().Ticket);
        Assert.Equal(new[] { Start + 2, Start + 3 }, back.Answered);
    }

    [Fact]
    public void A_torn_or_foreign_file_is_not_read_as_a_window()
    {
        var bytes = new LimiterWindow { Answered = { Start } }.ToBytes();

        Assert.Null(LimiterWindow.Parse(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Null(LimiterWindow.Parse(Array.Empty<byte>()));
        var version2 = (byte[])bytes.Clone();
        version2[4] = 2;
        Assert.Null(LimiterWindow.Parse(version2));
        Assert.Null(LimiterWindow.Parse(Encoding.UTF8.GetBytes("{\"not\":\"a window at all, but long enough\"}")));
    }
}

/// <summary>
/// Two limiters over one folder stand for two processes (each opens the files anew, as another
/// process would); one test runs a real second process and kills it.
/// </summary>
public sealed class SharedLimiterTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "grinfips-limiter-" + Guid.NewGuid().ToString("N"));
    private readonly ManualClock _clock = new(Start);
    private readonly List<IDisposable> _open = new();
    private readonly string _fingerprint = new ApiKey("shared-" + Guid.NewGuid()).Fingerprint;

    public void Dispose()
    {
        foreach (var item in _open)
        {
            item.Dispose();
        }
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private SharedLimiterStore OpenStore(int requestsPerMinute, LimiterClock? clock = null)
    {
        var mode = LimiterFolder.Prepare(_folder, chosen: true);
        var store = SharedLimiterStore.Open(_folder, mode, _fingerprint, requestsPerMinute, RateLimiter.DefaultWindow, clock ?? _clock,
            memberCheckInterval: TimeSpan.Zero);
        _open.Add(store);
        return store;
    }

    private RateLimiter NewProcess(int requestsPerMinute, LimiterClock? clock = null) =>
        new(requestsPerMinute, OpenStore(requestsPerMinute, clock), clock ?? _clock);

    private static RateLimiter.Lease Take(RateLimiter limiter)
    {
        var (lease, wait) = limiter.TryAcquire();
        Assert.True(lease is not null, $"no slot: wait {wait}");
        return lease!;
    }

    [Fact]
    public void Two_processes_on_one_key_share_one_window()
    {
        var a = NewProcess(3);
        var b = NewProcess(3);

        Take(a).Dispose();
        _clock.Advance(TimeSpan.FromSeconds(10));
        Take(a).Dispose();
        Take(b).Dispose();

        var (none, wait) = b.TryAcquire();
        Assert.Null(none);
        Assert.Equal(TimeSpan.FromSeconds(50), wait); // a's first answer leaves the window 60 s after it came
        Assert.Equal(3, a.InWindow);
        Assert.True(a.IsShared && b.IsShared);

        _clock.Advance(TimeSpan.FromSeconds(50));
        Take(b);
        Assert.Null(a.TryAcquire().Lease);
    }

    [Fact]
    public void A_request_in_flight_in_one_process_holds_its_slot_for_the_other()
    {
        var a = NewProcess(1);
        var b = NewProcess(1);

        var lease = Take(a);
        _clock.Advance(TimeSpan.FromMinutes(5)); // a slow answer: still counted
        Assert.Null(b.TryAcquire().Lease);

        lease.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(b.TryAcquire().Lease);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Take(b);
    }

    [Fact]
    public void The_lowest_rate_among_live_processes_wins_and_rises_again_when_that_process_leaves()
    {
        var fast = NewProcess(300);
        var store = OpenStore(2);
        var slow = new RateLimiter(2, store, _clock);

        Assert.Equal(2, fast.EffectiveLimit);
        Assert.Equal(300, fast.Limit);
        Take(fast).Dispose();
        Take(slow).Dispose();
        Assert.Null(fast.TryAcquire().Lease);

        slow.Limit = 5; // Connect-Grinfi again with another -RequestsPerMinute
        Assert.Equal(5, fast.EffectiveLimit);

        store.Dispose(); // the process ends
        Assert.Equal(300, fast.EffectiveLimit);
        Take(fast);
    }

    [Fact]
    public void A_Retry_After_pause_in_one_process_holds_the_other()
    {
        var a = NewProcess(300);
        var b = NewProcess(300);

        a.Pause(TimeSpan.FromSeconds(30));

        var (none, wait) = b.TryAcquire();
        Assert.Null(none);
        Assert.Equal(TimeSpan.FromSeconds(30), wait);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Take(b);
    }

    [Fact]
    public void Entries_from_before_a_clock_set_back_are_dropped_from_the_shared_file()
    {
        var a = NewProcess(2);
        var b = NewProcess(2);
        Take(a).Dispose();
        Take(a).Dispose();
        a.Pause(TimeSpan.FromMinutes(4));

        _clock.Advance(-TimeSpan.FromHours(2));

        Assert.Equal(0, b.InWindow);
        Take(b);
        Assert.Equal(1, a.InWindow);
    }

    [Fact]
    public void The_file_never_holds_more_than_the_window()
    {
        var a = NewProcess(50);
        var b = NewProcess(50);
        for (var i = 0; i < 500; i++)
        {
            var (lease, _) = (i % 2 == 0 ? a : b).TryAcquire();
            lease?.Dispose();
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        var state = LimiterWindow.Parse(File.ReadAllBytes(Path.Combine(_folder, _fingerprint + ".window")))!;
        Assert.InRange(state.Held, 1, 50);
        Assert.InRange(new FileInfo(Path.Combine(_folder, _fingerprint + ".window")).Length, 1, 32 + (2 * 16) + (50 * 8));
    }

    [Fact]
    public void Files_are_named_by_fingerprint_and_readable_by_their_owner_alone()
    {
        var key = new ApiKey("secret-key-" + Guid.NewGuid());
        var mode = LimiterFolder.Prepare(_folder, chosen: true);
        using var store = SharedLimiterStore.Open(_folder, mode, key.Fingerprint, 300, RateLimiter.DefaultWindow, _clock);
        new RateLimiter(300, store, _clock).TryAcquire().Lease!.Dispose();

        var files = Directory.GetFiles(_folder).Select(Path.GetFileName).ToList();
        Assert.Equal(3, files.Count); // lock, window, this process's member file
        Assert.All(files, f => Assert.StartsWith(key.Fingerprint + ".", f));
        // The member file is held open (and empty); the others hold only numbers.
        Assert.All(Directory.GetFiles(_folder), f => Assert.True(f.EndsWith(".member") ? new FileInfo(f).Length == 0 : !File.ReadAllText(f).Contains(key.Value)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
            foreach (var file in Directory.GetFiles(_folder))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public void The_default_folder_is_made_owner_only_even_when_it_exists()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the profile's permissions keep other users out of %LOCALAPPDATA%
        }
        Directory.CreateDirectory(_folder);
        File.SetUnixFileMode(_folder, (UnixFileMode)0x1ED); // 0755

        Assert.Equal(LimiterFolder.OwnerOnlyFile, LimiterFolder.Prepare(_folder, chosen: false));
        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(_folder));
    }

    [Fact]
    public void A_chosen_folder_shared_with_a_group_gives_its_files_to_the_group()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        Directory.CreateDirectory(_folder);
        File.SetUnixFileMode(_folder, (UnixFileMode)0x1F8); // 0770: two accounts' jobs, one group

        Assert.Equal(0x1B0, LimiterFolder.Prepare(_folder, chosen: true)); // 0660
        Assert.Equal((UnixFileMode)0x1F8, File.GetUnixFileMode(_folder));
    }

    [Fact]
    public void Finds_the_per_user_folder_or_the_one_GRINFI_LIMITER_DIR_names()
    {
        var env = new Dictionary<string, string?> { ["HOME"] = "/home/ada", ["LOCALAPPDATA"] = @"C:\Users\ada\AppData\Local" };
        string? Get(string name) => env.TryGetValue(name, out var v) ? v : null;

        var (path, chosen) = LimiterFolder.Locate(Get);
        Assert.False(chosen);
        var expected = OperatingSystem.IsWindows() ? @"C:\Users\ada\AppData\Local\GrinfiPS\limiter"
            : OperatingSystem.IsMacOS() ? "/home/ada/Library/Caches/GrinfiPS/limiter"
            : "/home/ada/.cache/GrinfiPS/limiter";
        Assert.Equal(expected, path);

        if (!OperatingSystem.IsWindows() && !OperatingSystem.IsMacOS())
        {
            env["XDG_CACHE_HOME"] = "/var/cache/ada";
            Assert.Equal("/var/cache/ada/GrinfiPS/limiter", LimiterFolder.Locate(Get).Path);
        }

        env[LimiterFolder.Variable] = _folder;
        Assert.Equal((_folder, true), LimiterFolder.Locate(Get));
    }

    [Fact]
    public async Task A_folder_that_cannot_be_used_leaves_the_process_pacing_alone_with_one_verbose_line()
    {
        Directory.CreateDirectory(_folder);
        var blocker = Path.Combine(_folder, "a-file");
        File.WriteAllText(blocker, "");
        var key = new ApiKey("fallback-" + Guid.NewGuid());
        var env = new Dictionary<string, string?> { [LimiterFolder.Variable] = Path.Combine(blocker, "limiter") };

        var limiter = RateLimiter.Create(key.Fingerprint, 1, name => env.TryGetValue(name, out var v) ? v : null);

        Assert.False(limiter.IsShared);
        Assert.Contains("GRINFI_LIMITER_DIR", limiter.SharingProblem);
        var log = new RecordingLog();
        (await limiter.AcquireAsync(CancellationToken.None, log)).Dispose();
        Assert.Null(limiter.TryAcquire().Lease); // still paces
        var line = Assert.Single(log.VerboseLines);
        Assert.Contains("not shared with other processes", line);
        Assert.DoesNotContain(key.Value, line);
    }

    [Fact]
    public void A_folder_that_fails_mid_run_hands_over_to_this_process_with_what_it_last_saw()
    {
        var a = NewProcess(2);
        Take(a).Dispose();
        var held = Take(a);

        Directory.Delete(_folder, recursive: true);
        File.WriteAllText(_folder, "now a file"); // the folder is gone for good

        Assert.Null(a.TryAcquire().Lease); // both slots still count
        Assert.False(a.IsShared);
        Assert.Contains("failed", a.SharingProblem);
        held.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(60));
        Take(a);
        File.Delete(_folder);
    }

    [Fact]
    public async Task A_killed_process_holds_nothing_once_the_OS_has_freed_its_lock()
    {
        // The test host again, as a stand-in for another PowerShell process: it joins the window
        // with -RequestsPerMinute 2 and starts a request that never gets its answer.
        using var helper = StartHelper(_folder, _fingerprint, 2);
        try
        {
            await KillAndWatch(helper);
        }
        finally
        {
            if (!helper.HasExited)
            {
                helper.Kill();
            }
        }
    }

    private async Task KillAndWatch(Process helper)
    {
        var ready = await ReadLineAsync(helper, TimeSpan.FromSeconds(60));
        Assert.StartsWith("ready ", ready);
        var helperMember = Path.Combine(_folder, $"{_fingerprint}.{ready.Substring(6)}.member");

        var me = NewProcess(300, LimiterClock.Utc); // the helper's times are real ones
        Assert.Equal(2, me.EffectiveLimit);
        Assert.Equal(1, me.InWindow);
        Assert.True(SharedLimiterStore.IsHeld(helperMember));

        helper.Kill(); // SIGKILL: no exit handler runs
        await helper.WaitForExitAsync();

        Assert.False(SharedLimiterStore.IsHeld(helperMember)); // the OS let go of its lock
        Assert.Equal(300, me.EffectiveLimit);
        Assert.Equal(1, me.InWindow); // its request counts one window from now, as the server may count it
        Assert.False(File.Exists(helperMember));
    }

    private static Process StartHelper(string folder, string fingerprint, int requestsPerMinute)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet))
        {
            dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        }
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "exec", typeof(SharedLimiterTests).Assembly.Location, LimiterHelper.Command, folder, fingerprint, requestsPerMinute.ToString() })
        {
            psi.ArgumentList.Add(a);
        }
        return System.Diagnostics.Process.Start(psi)!;
    }

    private static async Task<string> ReadLineAsync(Process process, TimeSpan timeout)
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(timeout);
        return line ?? throw new InvalidOperationException("The helper process ended without a word.");
    }
}
