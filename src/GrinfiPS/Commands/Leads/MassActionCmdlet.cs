using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Leads;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

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
        Approve = (count, batch) => Approve($"{Output.Count(count, "contact")} (batch {batch})", Description, Force, AskByDefault(wholeSelection: false)),
        Succeeded = Record,
        Failed = (ex, items) => WriteFailure(ex, items.Select(i => i.Uuid).ToArray()),
    };

    /// <summary>Queues piped contacts, sending a batch whenever one is full.</summary>
    private protected void Enqueue(IEnumerable<LeadPipeBind> contacts)
    {
        foreach (var contact in contacts)
        {
            if (contact.IsValid)
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
    /// say how many that is, counted for exactly that selection.
    /// </summary>
    private protected void ActOnSelection(ContactSelection selection)
    {
        var count = Run(ctx => Api.CountLeadsAsync(selection, ctx));
        var target = selection.Kind == ContactSelection.SelectionKind.All
            ? $"all {Output.Count(count, "contact")}"
            : $"{Output.Count(count, "contact")} matching {selection}";
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
