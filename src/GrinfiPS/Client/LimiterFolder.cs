using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GrinfiPS.Client;

/// <summary>
/// Where processes of one user share their rate-limit windows, and the file-system calls that
/// netstandard2.0 lacks on Unix: a folder only its owner can enter (0700), files only the
/// owner can read (0600), and a rename that replaces its target in one step.
/// </summary>
/// <remarks>
/// The default folder is per user: <c>%LOCALAPPDATA%\GrinfiPS\limiter</c> on Windows (the
/// profile's permissions already keep other users out), <c>~/Library/Caches/GrinfiPS/limiter</c>
/// on macOS, <c>$XDG_CACHE_HOME/GrinfiPS/limiter</c> (else <c>~/.cache/GrinfiPS/limiter</c>)
/// elsewhere. Not the runtime folder (<c>$XDG_RUNTIME_DIR</c>): a cron job has none, and it
/// must meet the interactive session in the same folder. <c>$env:GRINFI_LIMITER_DIR</c>
/// overrides it, for jobs that run under different accounts or with private temp folders:
/// GrinfiPS creates that folder owner-only when it is missing, and otherwise leaves its
/// permissions to whoever made it; its files are then as open as the folder (group
/// read-write when the folder gives its group full access), never more.
/// </remarks>
internal static class LimiterFolder
{
    public const string Variable = "GRINFI_LIMITER_DIR";

    /// <summary>Owner read-write: what a file gets in an owner-only folder.</summary>
    public const int OwnerOnlyFile = 0x180; // 0600

    private const int OwnerOnlyFolder = 0x1C0; // 0700
    private const int EEXIST = 17; // Linux and macOS alike

    public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>
    /// The folder to use and whether the user chose it ($env:GRINFI_LIMITER_DIR); null when no
    /// per-user folder can be named (no home folder).
    /// </summary>
    public static (string? Path, bool Chosen) Locate(Func<string, string?> environment)
    {
        if (environment(Variable) is { Length: > 0 } chosen)
        {
            return (Path.GetFullPath(chosen), true);
        }
        return (DefaultPath(environment), false);
    }

    /// <summary>The per-user default folder (see remarks).</summary>
    public static string? DefaultPath(Func<string, string?> environment)
    {
        string? root;
        if (IsWindows)
        {
            root = environment("LOCALAPPDATA") is { Length: > 0 } local ? local : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            root = environment("HOME") is { Length: > 0 } home ? Path.Combine(home, "Library", "Caches") : null;
        }
        else
        {
            var xdg = environment("XDG_CACHE_HOME");
            root = xdg is { Length: > 0 } && Path.IsPathRooted(xdg) ? xdg
                : environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".cache") : null;
        }
        return string.IsNullOrEmpty(root) ? null : Path.Combine(root, "GrinfiPS", "limiter");
    }

    /// <summary>
    /// Makes the folder ready and returns the Unix mode its files get (0 on Windows). A missing
    /// folder is created owner-only; the default folder is made owner-only even when it exists,
    /// which only its owner can do.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be created, or the default folder is not the user's own.</exception>
    public static int Prepare(string path, bool chosen)
    {
        if (IsWindows)
        {
            Directory.CreateDirectory(path);
            return 0;
        }
        var created = false;
        if (!Directory.Exists(path))
        {
            var parent = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(parent))
            {
                Directory.CreateDirectory(parent);
            }
            // mkdir with the mode: the folder is never open to others, not even for a moment.
            if (Native.mkdir(path, OwnerOnlyFolder) != 0 && Marshal.GetLastWin32Error() != EEXIST)
            {
                throw new IOException($"Could not create the folder '{path}' (errno {Marshal.GetLastWin32Error()}).");
            }
            created = true;
        }
        if (!chosen || created)
        {
            // Also narrows a folder made by an older umask; fails on a folder of another user.
            Restrict(path, OwnerOnlyFolder);
            return OwnerOnlyFile;
        }
        return FileModeIn(path);
    }

    /// <summary>Sets a file's or folder's Unix mode (nothing on Windows).</summary>
    /// <exception cref="UnauthorizedAccessException">It belongs to another user.</exception>
    public static void Restrict(string path, int mode)
    {
        if (IsWindows || mode == 0)
        {
            return;
        }
        if (Native.chmod(path, (uint)mode) != 0)
        {
            var errno = Marshal.GetLastWin32Error();
            throw new UnauthorizedAccessException($"Could not set the permissions of '{path}' to {Convert.ToString(mode, 8)} (errno {errno}); is it another user's?");
        }
    }

    /// <summary>Replaces <paramref name="target"/> with <paramref name="source"/> in one step: a reader sees the old file or the new, never half of one.</summary>
    public static void Replace(string source, string target)
    {
        if (!IsWindows)
        {
            if (Native.rename(source, target) != 0)
            {
                throw new IOException($"Could not rename '{source}' to '{target}' (errno {Marshal.GetLastWin32Error()}).");
            }
            return;
        }
        if (File.Exists(target))
        {
            File.Replace(source, target, null, ignoreMetadataErrors: true);
        }
        else
        {
            File.Move(source, target);
        }
    }

    /// <summary>
    /// Files in a folder someone else set up are as open as the folder: owner read-write, plus
    /// group or others read-write when the folder gives them full access. On a runtime that
    /// cannot read modes (none GrinfiPS runs on in practice), owner-only.
    /// </summary>
    private static int FileModeIn(string path)
    {
        var folder = ReadMode(path);
        if (folder is not int mode)
        {
            return OwnerOnlyFile;
        }
        var file = OwnerOnlyFile;
        if ((mode & 0x38) == 0x38)
        {
            file |= 0x30; // group rw
        }
        if ((mode & 0x7) == 0x7)
        {
            file |= 0x6; // others rw
        }
        return file;
    }

    // File.GetUnixFileMode exists from .NET 7 (PowerShell 7.4 runs on .NET 8), not in netstandard2.0.
    private static int? ReadMode(string path)
    {
        var method = typeof(File).GetMethod("GetUnixFileMode", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null);
        if (method is null)
        {
            return null;
        }
        try
        {
            return Convert.ToInt32(method.Invoke(null, new object[] { path }), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (TargetInvocationException)
        {
            return null;
        }
    }

    private static class Native
    {
        // "libc" is the C library on Linux and macOS alike (the runtime maps the name).
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int chmod(string path, uint mode);

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int mkdir(string path, uint mode);

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int rename(string oldPath, string newPath);
    }
}
