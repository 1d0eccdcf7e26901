using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Connection;

/// <summary>Get-GrinfiConnection: the connection cmdlets use when not given -Connection.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiConnection")]
[OutputType(typeof(GrinfiConnection))]
public sealed class GetGrinfiConnectionCommand : GrinfiCmdlet
{
    /// <inheritdoc />
    protected override void End()
    {
        GrinfiConnection connection;
        try
        {
            connection = ConnectionStore.Resolve(Runspace);
        }
        catch (GrinfiException ex) when (ex.Kind == GrinfiErrorKind.NotConnected)
        {
            // Not a failure of a command that needs a connection: a question whose answer is
            // "none", so -ErrorAction Ignore makes `if (Get-GrinfiConnection -ErrorAction Ignore)` work.
            WriteError(ErrorRecords.From(ex, null));
            return;
        }
        connection.HandedOut = true;
        WriteObject(connection);
    }
}
