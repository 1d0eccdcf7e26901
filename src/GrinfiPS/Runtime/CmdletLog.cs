using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;

namespace GrinfiPS.Runtime;

/// <summary>
/// Carries the client's verbose and debug lines to the cmdlet's streams, from any thread.
/// </summary>
internal sealed class CmdletLog : IRequestLog
{
    private readonly GrinfiCmdlet _cmdlet;
    private readonly DebugRoute _debugRoute;

    public CmdletLog(GrinfiCmdlet cmdlet)
    {
        _cmdlet = cmdlet;
        VerboseEnabled = IsOn(cmdlet, "Verbose", "VerbosePreference");
        _debugRoute = ChooseDebugRoute(PlatformSetup.IsNetFramework, cmdlet.MyInvocation.BoundParameters.ContainsKey("Debug"),
            IsOn(cmdlet, "Debug", "DebugPreference"));
        DebugEnabled = _debugRoute != DebugRoute.Off;
    }

    /// <summary>Where debug lines go.</summary>
    internal enum DebugRoute
    {
        Off,
        Stream,
        Host,
    }

    public bool VerboseEnabled { get; }

    public bool DebugEnabled { get; }

    public void Verbose(string message) => _cmdlet.Post(() => _cmdlet.WriteVerbose(message));

    public void Debug(string message)
    {
        if (_debugRoute == DebugRoute.Host)
        {
            _cmdlet.Post(() => _cmdlet.Host.UI.WriteDebugLine(message));
        }
        else if (_debugRoute == DebugRoute.Stream)
        {
            _cmdlet.Post(() => _cmdlet.WriteDebug(message));
        }
    }

    /// <summary>
    /// Windows PowerShell 5.1 turns -Debug into "Inquire": every debug line would stop an
    /// unattended job at a prompt. There the lines go straight to the host instead.
    /// PowerShell 7 maps -Debug to "Continue", so the debug stream is right.
    /// </summary>
    internal static DebugRoute ChooseDebugRoute(bool windowsPowerShell, bool debugSwitchBound, bool debugOn) =>
        !debugOn ? DebugRoute.Off
        : windowsPowerShell && debugSwitchBound ? DebugRoute.Host
        : DebugRoute.Stream;

    private static bool IsOn(PSCmdlet cmdlet, string switchName, string preferenceVariable)
    {
        if (cmdlet.MyInvocation.BoundParameters.TryGetValue(switchName, out var bound))
        {
            return bound is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(bound);
        }
        var preference = cmdlet.GetVariableValue(preferenceVariable);
        return preference is ActionPreference p
            ? p is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore)
            : preference is string text && !text.Equals("SilentlyContinue", System.StringComparison.OrdinalIgnoreCase)
                && !text.Equals("Ignore", System.StringComparison.OrdinalIgnoreCase);
    }
}
