using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Automations;

/// <summary>Get-GrinfiAutomation: automations ("flows") that contacts can be added to with Invoke-GrinfiMassAction.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiAutomation")]
[OutputType(typeof(GrinfiAutomation))]
public sealed class GetGrinfiAutomationCommand : GrinfiConnectedCmdlet
{
    /// <summary>Names or UUIDs; wildcards work. Default: every automation.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AutomationNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Only automations with this status.</summary>
    [Parameter]
    [ValidateSet("on", "off", "draft", "archived", IgnoreCase = true)]
    public string? Status { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        if (Status is null)
        {
            WriteMatching(Run(ctx => Names.Automations.GetAllAsync(ctx, refresh: true)), Name, Names.Automations);
        }
        else
        {
            WriteMatching(Run(ctx => Api.GetAutomationsAsync(Status.ToLowerInvariant(), ctx)), Name, Names.Automations, $"'{Status.ToLowerInvariant()}' ");
        }
    }
}
