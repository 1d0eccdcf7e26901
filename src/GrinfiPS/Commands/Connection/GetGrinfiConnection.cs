using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Connection;

/// <summary>Get-GrinfiConnection: the connection cmdlets use when not given -Connection.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiConnection")]
[OutputType(typeof(GrinfiConnection))]
public sealed class GetGrinfiConnectionCommand : GrinfiCmdlet
{
    /// <inheritdoc />
    protected override void End()
    {
        var connection = ConnectionStore.Resolve(Runspace);
        connection.HandedOut = true;
        WriteObject(connection);
    }
}
