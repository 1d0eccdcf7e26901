using System.Management.Automation;
using GrinfiPS.Leads;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Leads;

/// <summary>Remove-GrinfiLead: deletes contacts, a batch per request (the API deletes in the background).</summary>
[Cmdlet(VerbsCommon.Remove, "GrinfiLead", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGrinfiLeadCommand : MassActionCmdlet
{
    /// <summary>The contacts: GrinfiLead objects, UUIDs, or objects with a Uuid property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Uuid", "Lead")]
    [ValidateNotNullOrEmpty]
    public LeadPipeBind[]? InputObject { get; set; }

    private protected override bool WriteResults => false;

    /// <inheritdoc />
    protected override void Begin() =>
        Plan = new[] { new PlannedAction("Delete", Client.MassAction.Delete, "Delete") };

    /// <inheritdoc />
    protected override void Process() => Enqueue(InputObject!);

    /// <inheritdoc />
    protected override void End() => Finish();
}
