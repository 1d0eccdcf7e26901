using System.Collections.Generic;
using System.Management.Automation;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Automations;

/// <summary>
/// Clear-GrinfiAutomationHistory: deletes every automation record of piped contacts (their
/// enrolment history in every automation); the contacts themselves stay.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "GrinfiAutomationHistory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class ClearGrinfiAutomationHistoryCommand : ContactActionCmdlet
{
    /// <summary>The contacts: GrinfiLead objects, automation records (Get-GrinfiAutomationLead), UUIDs, or objects with a Uuid property.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Lead", "Uuid")]
    [ValidateNotNullOrEmpty]
    public LeadPipeBind[]? InputObject { get; set; }

    /// <inheritdoc />
    protected override void Process() => Enqueue(InputObject!);

    /// <inheritdoc />
    protected override void End() => Finish();

    private protected override IEnumerable<ContactAction> Plan(LeadPipeBind contact)
    {
        var uuid = contact.Uuid;
        yield return new ContactAction("clear|" + uuid, NameOf(contact), "Delete the automation history (every automation record)", contact.InputObject,
            async ctx =>
            {
                await Api.DeleteAutomationHistoryAsync(uuid, ctx).ConfigureAwait(false);
                return true;
            });
    }
}
