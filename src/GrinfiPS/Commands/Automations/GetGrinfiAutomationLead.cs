using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Automations;

/// <summary>
/// Get-GrinfiAutomationLead: the contacts of automations (the API's flow-lead records), or the
/// automations of piped contacts, streamed page by page.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GrinfiAutomationLead")]
[OutputType(typeof(GrinfiAutomationLead))]
public sealed class GetGrinfiAutomationLeadCommand : GrinfiConnectedCmdlet
{
    /// <summary>Contacts per request when contacts are piped.</summary>
    internal const int LeadsPerRequest = 100;

    private readonly List<string> _pending = new();
    private IReadOnlyList<string> _flows = new List<string>();
    private bool _leadsGiven;

    /// <summary>The automations whose contacts to get; default: every automation.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AutomationNameCompleter))]
    public AutomationPipeBind[]? Automation { get; set; }

    /// <summary>Only these contacts' records: GrinfiLead objects, UUIDs, or objects with a Uuid property.</summary>
    [Parameter(ValueFromPipeline = true)]
    [Alias("Uuid", "LeadUuid")]
    [ValidateNotNullOrEmpty]
    public LeadPipeBind[]? Lead { get; set; }

    /// <summary>Only records with these statuses (as the server names them: in_progress, paused, finished, failed, canceled, ...).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AutomationLeadStatusCompleter))]
    public string[]? Status { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        var cache = Names.Automations;
        _flows = Run(async ctx =>
        {
            // Loaded in any case: the records show their automation's name.
            await cache.GetAllAsync(ctx).ConfigureAwait(false);
            var uuids = new List<string>();
            foreach (var bind in Automation ?? new AutomationPipeBind[0])
            {
                uuids.Add((await bind.ResolveAsync(cache, "Automation", ctx).ConfigureAwait(false)).Uuid);
            }
            return (IReadOnlyList<string>)uuids;
        });
    }

    /// <inheritdoc />
    protected override void Process()
    {
        if (Lead is null)
        {
            return;
        }
        _leadsGiven = true;
        foreach (var contact in Lead)
        {
            if (contact.Lead is { } lead && TeamCheck.Refusal(lead, ActiveConnection.TeamId, "-Lead") is { } otherTeam)
            {
                WriteFailure(otherTeam, contact.InputObject);
            }
            else if (!contact.IsValid)
            {
                WriteFailure(contact.Invalid(), contact.InputObject);
            }
            else if (!_pending.Contains(contact.Uuid, System.StringComparer.OrdinalIgnoreCase))
            {
                _pending.Add(contact.Uuid);
                if (_pending.Count >= LeadsPerRequest)
                {
                    ReadPending();
                }
            }
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (_leadsGiven)
        {
            ReadPending();
        }
        else if (!MyInvocation.ExpectingInput)
        {
            Read(new AutomationLeadQuery(_flows, null, Status));
        }
    }

    private void ReadPending()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var query = new AutomationLeadQuery(_flows, _pending.ToList(), Status);
        _pending.Clear();
        Read(query);
    }

    private void Read(AutomationLeadQuery query)
    {
        var pager = new AutomationLeadPager(Api, query);
        while (true)
        {
            var page = Run(pager.NextAsync);
            if (page.Count == 0)
            {
                return;
            }
            foreach (var record in page)
            {
                WriteObject(Output.Wrap(record));
            }
        }
    }
}
