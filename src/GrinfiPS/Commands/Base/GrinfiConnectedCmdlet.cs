using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Base;

/// <summary>Base of every cmdlet that talks to the API: adds -Connection and resolves the default one.</summary>
public abstract class GrinfiConnectedCmdlet : GrinfiCmdlet
{
    private GrinfiConnection? _active;

    /// <summary>The connection to use; by default the one Connect-Grinfi made, or one from $env:GRINFI_API_KEY.</summary>
    [Parameter]
    [ValidateNotNull]
    public GrinfiConnection? Connection { get; set; }

    /// <summary>The connection this command uses (resolved once, on first use).</summary>
    internal GrinfiConnection ActiveConnection => _active ??= Connection ?? ConnectionStore.Resolve(Runspace);

    /// <summary>The API, through the active connection.</summary>
    internal GrinfiApi Api => ActiveConnection.Api;

    /// <summary>The name caches of the active connection.</summary>
    internal ConnectionCache Names => ActiveConnection.Cache;
}
