using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Automations;

/// <summary>Get-GrinfiAutomation: automations ("flows") that contacts can be added to with Invoke-GrinfiMassAction.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiAutomation", DefaultParameterSetName = NameSet)]
[OutputType(typeof(GrinfiAutomation))]
public sealed class GetGrinfiAutomationCommand : GrinfiConnectedCmdlet
{
    private const string NameSet = "Name";

    /// <summary>Names or UUIDs; wildcards work. Default: every automation.</summary>
    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AutomationNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Automations piped from another command, read again; one of another team is refused.</summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    public GrinfiAutomation[]? InputObject { get; set; }

    /// <summary>Only automations with this status.</summary>
    [Parameter]
    [ValidateSet("on", "off", "draft", "archived", IgnoreCase = true)]
    public string? Status { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        var names = NamesOrPiped(Name, InputObject);
        if (names is { Length: 0 })
        {
            return;
        }
        if (Status is null)
        {
            WriteMatching(Run(ctx => Names.Automations.GetAllAsync(ctx, refresh: true)), names, Names.Automations);
        }
        else
        {
            WriteMatching(Run(ctx => Api.GetAutomationsAsync(Status.ToLowerInvariant(), ctx)), names, Names.Automations, $"'{Status.ToLowerInvariant()}' ");
        }
    }
}
