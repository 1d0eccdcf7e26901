using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading;

namespace GrinfiPS.Client;

/// <summary>
/// One key's <see cref="LimiterWindow"/> in a folder that every process of the user on this
/// machine shares, so together they keep to the key's budget. Files are named by the key's
/// fingerprint, never the key.
/// </summary>
/// <remarks>
/// <para>Files, for fingerprint <c>f</c>:</para>
/// <list type="bullet">
/// <item><c>f.lock</c>: empty. Opened exclusively (FileShare.None: flock on Unix, a sharing
/// mode on Windows) for each read-change-write of the window; the operating system releases it
/// when its holder dies, so a crash never leaves the key locked.</item>
/// <item><c>f.window</c>: the window (<see cref="LimiterWindow"/> has the layout). Written to
/// <c>f.window.tmp</c> and renamed over it, so a process killed while writing leaves the old
/// window, never a torn one.</item>
/// <item><c>f.&lt;member id&gt;.member</c>: empty, one per live process, which holds it open
/// exclusively for as long as it lives. A member whose file someone else can open is dead:
/// it is dropped from the window (no longer lowering the limit) and its requests in flight
/// count as answered at that moment.</item>
/// </list>
/// <para>
/// Cost per request: two read-change-writes of a few kilobytes (the window holds at most the
/// limit's worth of times, 8 bytes each), plus once a second a look at the other members.
/// </para>
/// </remarks>
internal sealed class SharedLimiterStore : IDisposable
{
    private static readonly Regex s_fingerprint = new("^[0-9a-f]{8,64}$", RegexOptions.CultureInvariant);
    private static readonly TimeSpan s_staleAfter = TimeSpan.FromDays(1);

    private readonly object _io = new();
    private readonly LimiterClock _clock;
    private readonly int _fileMode;
    private readonly string _lockPath;
    private readonly string _statePath;
    private readonly string _tempPath;
    private FileStream? _member;
    private LimiterWindow? _lastSeen;
    private long _nextMemberCheck;
    private bool _lockRestricted;
    private bool _disposed;

    private SharedLimiterStore(string folder, string fingerprint, int fileMode, long window, LimiterClock clock)
    {
        Folder = folder;
        Window = window;
        Fingerprint = fingerprint;
        _fileMode = fileMode;
        _clock = clock;
        _lockPath = Path.Combine(folder, fingerprint + ".lock");
        _statePath = Path.Combine(folder, fingerprint + ".window");
        _tempPath = _statePath + ".tmp";
        MemberId = NewMemberId();
    }

    public string Folder { get; }

    public string Fingerprint { get; }

    /// <summary>The window's length in ticks: a slot is held until this long after its answer.</summary>
    public long Window { get; }

    /// <summary>This process's id in the window (random, never 0).</summary>
    public long MemberId { get; }

    /// <summary>How long to keep trying for the lock before giving up (a holder that hangs, a scanner holding the file).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often to look whether the other members are still alive.</summary>
    public TimeSpan MemberCheckInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The window as this store last read or wrote it: where an in-process limiter starts when the folder fails.</summary>
    public LimiterWindow? LastSeen
    {
        get { lock (_io) { return _lastSeen?.Copy(); } }
    }

    /// <summary>
    /// Joins the key's window in <paramref name="folder"/> (already prepared, see
    /// <see cref="LimiterFolder.Prepare"/>): takes this process's member file and checks that
    /// the window can be read and written.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be used.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be used.</exception>
    public static SharedLimiterStore Open(string folder, int fileMode, string fingerprint, int requestsPerMinute, TimeSpan window,
        LimiterClock clock, TimeSpan? lockTimeout = null, TimeSpan? memberCheckInterval = null)
    {
        if (!s_fingerprint.IsMatch(fingerprint))
        {
            throw new ArgumentException("A key fingerprint is lowercase hex.", nameof(fingerprint));
        }
        var store = new SharedLimiterStore(folder, fingerprint, fileMode, window.Ticks, clock)
        {
            LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(5),
            MemberCheckInterval = memberCheckInterval ?? TimeSpan.FromSeconds(1),
        };
        try
        {
            store.SweepStale();
            var memberPath = store.MemberPath(store.MemberId);
            store._member = new FileStream(memberPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1);
            LimiterFolder.Restrict(memberPath, fileMode);
            store.Update(requestsPerMinute, (_, _) => 0);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the window under the lock, brings this member up to date (requests per minute),
    /// drops dead members and what <see cref="LimiterWindow.Clean"/> drops, applies
    /// <paramref name="change"/> (given the window and now) and writes the window back.
    /// </summary>
    /// <exception cref="IOException">The folder failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder failed.</exception>
    /// <exception cref="TimeoutException">The lock stayed taken for <see cref="LockTimeout"/>.</exception>
    public T Update<T>(int requestsPerMinute, Func<LimiterWindow, long, T> change)
    {
        lock (_io)
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(SharedLimiterStore));
            }
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var held = TakeLock();
                    var state = Read() ?? new LimiterWindow();
                    var now = _clock.Ticks;
                    state.SetMember(MemberId, requestsPerMinute);
                    if (now >= _nextMemberCheck || _nextMemberCheck - now > MemberCheckInterval.Ticks)
                    {
                        DropDeadMembers(state, now);
                        _nextMemberCheck = now + MemberCheckInterval.Ticks;
                    }
                    state.Clean(now, Window);
                    var result = change(state, now);
                    Write(state);
                    _lastSeen = state;
                    return result;
                }
                catch (IOException ex) when (attempt < 3 && ex is not FileNotFoundException and not DirectoryNotFoundException)
                {
                    // A virus scanner or backup holding the file a moment (Windows): read, change and
                    // write again. Nothing was written, so the change is applied once.
                    Thread.Sleep(10 * attempt);
                }
            }
        }
    }

    /// <summary>Leaves the window (its requests in flight count as answered now) and releases the member file.</summary>
    public void Dispose()
    {
        lock (_io)
        {
            if (_disposed)
            {
                return;
            }
            if (_member is not null)
            {
                try
                {
                    using (TakeLock())
                    {
                        if (Read() is LimiterWindow state)
                        {
                            state.RemoveMember(MemberId, _clock.Ticks);
                            Write(state);
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TimeoutException)
                {
                    // Leaving is a courtesy: the others find the member file unlocked and drop us anyway.
                }
                var path = _member.Name;
                _member.Dispose();
                _member = null;
                TryDelete(path);
            }
            _disposed = true;
        }
    }

    internal string MemberPath(long id) => Path.Combine(Folder, $"{Fingerprint}.{id:x16}.member");

    /// <summary>True when the member's file is held open by its (live) process.</summary>
    internal static bool IsHeld(string memberPath)
    {
        try
        {
            using (new FileStream(memberPath, FileMode.Open, FileAccess.Read, FileShare.None, 1))
            {
                return false;
            }
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException ex) when (IsSharingViolation(ex))
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Cannot tell (another account's file we may not open): count it as alive.
            return true;
        }
    }

    private void DropDeadMembers(LimiterWindow state, long now)
    {
        // A cleanup that deleted our member file (Unix lets it, while we hold it) would make
        // us look dead to the others: make a new one.
        var mine = MemberPath(MemberId);
        if (_member is not null && !File.Exists(mine))
        {
            var member = new FileStream(mine, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1);
            _member.Dispose();
            _member = member;
            LimiterFolder.Restrict(mine, _fileMode);
        }
        foreach (var member in state.Members.ConvertAll(m => m.Id))
        {
            if (member != MemberId && !IsHeld(MemberPath(member)))
            {
                state.RemoveMember(member, now);
                TryDelete(MemberPath(member));
            }
        }
    }

    private FileStream TakeLock()
    {
        var watch = Stopwatch.StartNew();
        var pause = 0;
        while (true)
        {
            try
            {
                var stream = new FileStream(_lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
                if (!_lockRestricted)
                {
                    LimiterFolder.Restrict(_lockPath, _fileMode);
                    _lockRestricted = true;
                }
                return stream;
            }
            catch (IOException ex) when (IsSharingViolation(ex))
            {
                if (watch.Elapsed >= LockTimeout)
                {
                    throw new TimeoutException($"The rate limiter's lock file '{_lockPath}' stayed locked for {LockTimeout.TotalSeconds:0} s.", ex);
                }
                // The holder needs well under a millisecond; yield first, then sleep a little longer each time.
                Thread.Sleep(pause);
                pause = Math.Min(pause + 1, 10);
            }
        }
    }

    private LimiterWindow? Read()
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(_statePath);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        return LimiterWindow.Parse(data);
    }

    private void Write(LimiterWindow state)
    {
        using (var stream = new FileStream(_tempPath, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            var bytes = state.ToBytes();
            stream.Write(bytes, 0, bytes.Length);
        }
        LimiterFolder.Restrict(_tempPath, _fileMode);
        LimiterFolder.Replace(_tempPath, _statePath);
    }

    /// <summary>
    /// Removes what keys unused for a day left behind, and member files of processes that died
    /// after their window was forgotten. Best effort: whatever is in use is left alone.
    /// </summary>
    private void SweepStale()
    {
        var cutoff = DateTime.UtcNow - s_staleAfter;
        string[] files;
        try
        {
            files = Directory.GetFiles(Folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var file in files)
        {
            try
            {
                var name = Path.GetFileName(file);
                if (name.EndsWith(".member", StringComparison.Ordinal))
                {
                    if ((name.StartsWith(Fingerprint + ".", StringComparison.Ordinal) || File.GetLastWriteTimeUtc(file) < cutoff) && !IsHeld(file))
                    {
                        TryDelete(file);
                    }
                }
                else if ((name.EndsWith(".window", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal))
                    && File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    // A day unused: every slot and pause in it is long over.
                    TryDelete(file);
                }
                else if (name.EndsWith(".lock", StringComparison.Ordinal) && File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    // The lock file never changes; its key is unused when its window is stale or gone.
                    var window = file.Substring(0, file.Length - ".lock".Length) + ".window";
                    if (!File.Exists(window) || File.GetLastWriteTimeUtc(window) < cutoff)
                    {
                        // Deleted while held, so no process is inside the lock as it goes.
                        using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose))
                        {
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // In use or not ours: leave it.
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Someone else's, or already gone.
        }
    }

    /// <summary>
    /// Another open holds the file. Windows: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION;
    /// Unix (.NET reports flock's errno): EWOULDBLOCK, 11 on Linux and 35 on macOS.
    /// </summary>
    internal static bool IsSharingViolation(IOException ex)
    {
        if (ex is FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        {
            return false;
        }
        var code = ex.HResult;
        if (LimiterFolder.IsWindows)
        {
            return (code & 0xFFFF) is 32 or 33;
        }
        return code is 11 or 35;
    }

    private static long NewMemberId()
    {
        var bytes = new byte[8];
        using (var random = RandomNumberGenerator.Create())
        {
            while (true)
            {
                random.GetBytes(bytes);
                var id = BitConverter.ToInt64(bytes, 0);
                if (id != 0)
                {
                    return id;
                }
            }
        }
    }
}
