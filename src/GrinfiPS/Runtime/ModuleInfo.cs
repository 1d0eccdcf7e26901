using System;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GrinfiPS.Runtime;

/// <summary>Facts about this module and where it runs.</summary>
internal static class ModuleInfo
{
    /// <summary>The module version (from the manifest, through the build).</summary>
    public static string Version { get; } =
        typeof(ModuleInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ModuleInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>"GrinfiPS/0.1.0 (PowerShell 7.6.9; Linux; .NET 10.0.1)": lets the API's operators see who calls.</summary>
    public static string UserAgent { get; } =
        $"GrinfiPS/{Version} (PowerShell {PowerShellVersion()}; {OS()}; {RuntimeInformation.FrameworkDescription.Trim()})";

    private static string PowerShellVersion()
    {
        // PSVersionInfo is internal; SMA's file version is the PowerShell version on 7, and 3.0 on 5.1.
        var sma = typeof(PSObject).Assembly;
        var file = sma.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
        return RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)
            ? "5.1"
            : sma.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split(' ', '+')[0] ?? file ?? "unknown";
    }

    private static string OS() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "Windows"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "macOS"
        : RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? "Linux"
        : "unknown OS";
}
