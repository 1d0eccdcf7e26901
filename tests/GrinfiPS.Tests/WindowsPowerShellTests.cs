using GrinfiPS.Commands.Base;
using GrinfiPS.Runtime;

namespace GrinfiPS.Tests;

/// <summary>What can be checked here of the Windows PowerShell 5.1 paths (which cannot run on this machine).</summary>
public sealed class WindowsPowerShellTests
{
    [Theory]
    [InlineData(true, true, true, CmdletLog.DebugRoute.Host)]    // 5.1 with -Debug: would prompt per line
    [InlineData(true, false, true, CmdletLog.DebugRoute.Stream)] // 5.1 with $DebugPreference = 'Continue'
    [InlineData(false, true, true, CmdletLog.DebugRoute.Stream)] // 7 with -Debug: Continue, no prompt
    [InlineData(true, false, false, CmdletLog.DebugRoute.Off)]
    [InlineData(false, false, false, CmdletLog.DebugRoute.Off)]
    internal void Debug_output_never_stops_a_job_at_a_prompt(bool windowsPowerShell, bool debugSwitch, bool debugOn, CmdletLog.DebugRoute expected)
    {
        Assert.Equal(expected, CmdletLog.ChooseDebugRoute(windowsPowerShell, debugSwitch, debugOn));
    }

    [Fact]
    public void Dependencies_resolve_by_simple_name_whatever_version_is_asked_for()
    {
        var folder = Directory.CreateTempSubdirectory("grinfips-deps").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(folder, "System.Memory.dll"), new byte[] { 0 });

            Assert.Equal(Path.Combine(folder, "System.Memory.dll"),
                ModuleLifecycle.DependencyPath(folder, "System.Memory, Version=4.0.1.2, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51"));
            Assert.Equal(Path.Combine(folder, "System.Memory.dll"), ModuleLifecycle.DependencyPath(folder, "System.Memory, Version=4.0.5.0"));
            Assert.Null(ModuleLifecycle.DependencyPath(folder, "Newtonsoft.Json, Version=13.0.0.0"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
