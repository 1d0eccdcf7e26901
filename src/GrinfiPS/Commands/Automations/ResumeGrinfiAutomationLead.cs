using System.Collections.Generic;
using System.Management.Automation;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Automations;

/// <summary>Resume-GrinfiAutomationLead: resumes piped contacts' paused automation, from where each was paused.</summary>
[Cmdlet(VerbsLifecycle.Resume, "GrinfiAutomationLead", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class ResumeGrinfiAutomationLeadCommand : ContactActionCmdlet
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
        yield return new ContactAction("resume|" + uuid, NameOf(contact), "Resume the paused automation", contact.InputObject,
            async ctx =>
            {
                await Api.ContinueAutomationAsync(uuid, ctx).ConfigureAwait(false);
                return true;
            });
    }
}
