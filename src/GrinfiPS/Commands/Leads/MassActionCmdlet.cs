using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Leads;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Base of Remove-GrinfiLead and Invoke-GrinfiMassAction: contacts from the pipeline are
/// collected into batches (see <see cref="MassActionBatcher"/>), and a failed batch is an
/// error carrying its UUIDs, so <c>$err.TargetObject | Invoke-GrinfiMassAction ...</c> retries it.
/// </summary>
public abstract class MassActionCmdlet : GrinfiConnectedCmdlet
{
    private MassActionBatcher? _batcher;

    /// <summary>Contacts per request for piped contacts (the server may ask for fewer).</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Act without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The requests each selection gets; set in Begin.</summary>
    private protected IReadOnlyList<PlannedAction> Plan { get; set; } = Array.Empty<PlannedAction>();

    /// <summary>Whether to ask before acting even where the cmdlet's ConfirmImpact would not.</summary>
    private protected virtual bool AskByDefault(bool wholeSelection) => true;

    /// <summary>Whether each request's result goes to the output.</summary>
    private protected virtual bool WriteResults => true;

    private string Description => string.Join(", then ", Plan.Select(p => p.Description));

    private MassActionBatcher Batcher => _batcher ??= new MassActionBatcher(this, Plan, BatchSize)
    {
        Approve = batch => Approve(Contacts(batch), Description, Force, AskByDefault(wholeSelection: false)),
        Succeeded = Record,
        Failed = (ex, items) => WriteFailure(ex, items.Select(i => i.Uuid).ToArray()),
    };

    /// <summary>Queues piped contacts, sending a batch whenever one is full.</summary>
    private protected void Enqueue(IEnumerable<LeadPipeBind> contacts)
    {
        foreach (var contact in contacts)
        {
            if (contact.Lead is { } lead && TeamCheck.Refusal(lead, ActiveConnection.TeamId, "the pipeline") is { } otherTeam)
            {
                WriteFailure(otherTeam, contact.InputObject);
            }
            else if (contact.IsValid)
            {
                Batcher.Add(new BatchItem(contact.Uuid, contact.InputObject));
            }
            else
            {
                WriteFailure(contact.Invalid(), contact.InputObject);
            }
        }
    }

    /// <summary>Sends what is still queued, and says what was done.</summary>
    private protected void Finish()
    {
        Batcher.Flush();
        if (Batcher.Requests > 0)
        {
            var contacts = Batcher.Sent > 0 ? Output.Count(Batcher.Sent / Math.Max(1, Plan.Count), "contact") : "the selected contacts";
            WriteSummary($"{Description}: {contacts} in {Output.Count(Batcher.Requests, "request")}.");
        }
    }

    /// <summary>
    /// Acts on every contact a selection holds, evaluated by the server. The prompt and -WhatIf
    /// say how many that is, counted for exactly that selection, and which, in names.
    /// </summary>
    private protected void ActOnSelection(ContactSelection selection)
    {
        var count = Run(ctx => Api.CountLeadsAsync(selection, ctx));
        var target = selection.Kind == ContactSelection.SelectionKind.All
            ? $"all {Output.Count(count, "contact")}"
            : $"{Output.Count(count, "contact")} {DescribeLeads(selection.Filter)}";
        if (!Approve(target, Description, Force, AskByDefault(wholeSelection: true)))
        {
            return;
        }
        Batcher.RunOnSelection(selection, target);
        if (Batcher.Requests > 0)
        {
            WriteSummary($"{Description}: {target} in {Output.Count(Batcher.Requests, "request")}.");
        }
    }

    /// <summary>"3 contacts: Ada Lovelace, Alan Turing, Grace Hopper", "12 contacts: A, B, C and 9 more".</summary>
    private static string Contacts(IReadOnlyList<BatchItem> batch)
    {
        const int Shown = 3;
        var names = batch.Take(Shown).Select(i => (i.Source is System.Management.Automation.PSObject ps ? ps.BaseObject : i.Source) is GrinfiLead lead && lead.Name is { Length: > 0 } name
            ? name : i.Uuid).ToList();
        return $"{Output.Count(batch.Count, "contact")}: {string.Join(", ", names)}" + (batch.Count > Shown ? $" and {batch.Count - Shown:N0} more" : "");
    }

    private void Record(PlannedAction action, ContactSelection selection, MassActionAnswer answer)
    {
        if (WriteResults)
        {
            var requested = selection.Kind == ContactSelection.SelectionKind.Ids ? selection.Ids.Count : (int?)null;
            WriteObject(new GrinfiMassActionResult(action.Name, action.Action.Type, Batcher.Requests, selection.Kind.ToString().ToLowerInvariant(),
                requested, answer.Count, PSJson.ToPowerShell(answer.Data)));
        }
    }
}
