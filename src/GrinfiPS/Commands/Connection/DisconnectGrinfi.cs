using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Connection;

/// <summary>Disconnect-Grinfi: closes a connection (by default this session's).</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Grinfi")]
[OutputType(typeof(void))]
public sealed class DisconnectGrinfiCommand : GrinfiCmdlet
{
    /// <summary>The connection to close; by default this session's connections.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public GrinfiConnection? Connection { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        if (Connection is null || ReferenceEquals(Connection, ConnectionStore.Connected(Runspace)))
        {
            ConnectionStore.DisposeAll(Runspace);
        }
        Connection?.Dispose();
    }
}
