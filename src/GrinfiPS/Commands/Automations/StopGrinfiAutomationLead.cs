using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Automations;

/// <summary>
/// Stop-GrinfiAutomationLead: cancels piped contacts' progress in some automations, in every
/// automation, or (for piped automation records) in the record's own automation.
/// </summary>
[Cmdlet(VerbsLifecycle.Stop, "GrinfiAutomationLead", DefaultParameterSetName = SomeSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class StopGrinfiAutomationLeadCommand : ContactActionCmdlet
{
    private const string SomeSet = "Automation";
    private const string AllSet = "AllAutomations";

    private IReadOnlyList<GrinfiAutomation>? _automations;

    /// <summary>The automations to cancel the contacts from; without it, a piped automation record's own automation.</summary>
    [Parameter(ParameterSetName = SomeSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AutomationNameCompleter))]
    public AutomationPipeBind[]? Automation { get; set; }

    /// <summary>Cancel the contacts from every automation they run in.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter AllAutomations { get; set; }

    /// <summary>The contacts: GrinfiLead objects, automation records (Get-GrinfiAutomationLead), UUIDs, or objects with a Uuid property.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [Alias("Lead", "Uuid")]
    [ValidateNotNullOrEmpty]
    public LeadPipeBind[]? InputObject { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        if (Automation is not null)
        {
            var cache = Names.Automations;
            _automations = Run(async ctx =>
            {
                var found = new List<GrinfiAutomation>();
                foreach (var bind in Automation)
                {
                    found.Add(await bind.ResolveAsync(cache, "Automation", ctx).ConfigureAwait(false));
                }
                return (IReadOnlyList<GrinfiAutomation>)found.GroupBy(a => a.Uuid).Select(g => g.First()).ToList();
            });
        }
    }

    /// <inheritdoc />
    protected override void Process() => Enqueue(InputObject!);

    /// <inheritdoc />
    protected override void End() => Finish();

    private protected override IEnumerable<ContactAction> Plan(LeadPipeBind contact)
    {
        var uuid = contact.Uuid;
        var name = NameOf(contact);
        if (AllAutomations)
        {
            yield return new ContactAction("all|" + uuid, name, "Cancel from every automation", contact.InputObject,
                async ctx =>
                {
                    await Api.CancelLeadFromAllAutomationsAsync(uuid, ctx).ConfigureAwait(false);
                    return true;
                });
            yield break;
        }
        var flows = _automations?.Select(a => (a.Uuid, a.Name)).ToList();
        if (flows is null)
        {
            if (contact.AutomationLead?.AutomationUuid is not string flow)
            {
                throw GrinfiException.InvalidInput("GrinfiAutomationRequired",
                    $"Which automations to cancel contact {name} from was not said.", contact.InputObject,
                    "Give -Automation (names or UUIDs) or -AllAutomations, or pipe the contact's records from Get-GrinfiAutomationLead, which name their automation.");
            }
            var cache = Names.Automations;
            Run(ctx => cache.GetAllAsync(ctx));
            flows = new List<(string, string)> { (flow, cache.DisplayName(flow) ?? flow) };
        }
        var description = flows.Count == 1
            ? $"Cancel from automation '{flows[0].Name}'"
            : $"Cancel from automations {string.Join(", ", flows.Select(f => $"'{f.Name}'"))}";
        var uuids = flows.Select(f => f.Uuid).ToList();
        yield return new ContactAction("cancel|" + uuid + "|" + string.Join(",", uuids.OrderBy(u => u, System.StringComparer.OrdinalIgnoreCase)),
            name, description, contact.InputObject,
            async ctx =>
            {
                await Api.CancelLeadFromAutomationsAsync(uuid, uuids, ctx).ConfigureAwait(false);
                return true;
            });
    }
}
