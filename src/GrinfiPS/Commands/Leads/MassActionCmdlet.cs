using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Leads;

/// <summary>One mass-action request to send for each selection of contacts.</summary>
internal sealed class PlannedAction
{
    public PlannedAction(string action, string type, JsonObject? payload, string description)
    {
        Action = action;
        Type = type;
        Payload = payload;
        Description = description;
    }

    /// <summary>Friendly name (or the raw type) for results.</summary>
    public string Action { get; }

    /// <summary>Wire type.</summary>
    public string Type { get; }

    public JsonObject? Payload { get; }

    /// <summary>What it does, for -WhatIf and prompts: "Add tag 'VIP'".</summary>
    public string Description { get; }

    /// <summary>
    /// Whether sending it twice is harmless. Starting an automation or an export is a job that a
    /// resend would start again; tagging, moving, deleting are the same done twice.
    /// </summary>
    public bool Idempotent => Type is not ("contact_add_to_flow" or "contact_export_csv") && MassActions.IsKnownType(Type);
}

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
        var requests = Batcher.Requests;
        var affected = Batcher.Affected;
        if (requests > 0)
        {
            WriteSummary($"{Description}: {Output.Count(affected, "contact")} in {Output.Count(requests, "request")}.");
        }
    }

    /// <summary>
    /// Acts on every contact a filter selects, evaluated by the server. The prompt and -WhatIf
    /// say how many that is, from the count endpoint with the same selection.
    /// </summary>
    private protected void ActOnSelection(JsonObject filter, bool all)
    {
        var count = Run(ctx => Api.CountLeadsAsync(filter, ctx));
        var target = all ? $"all {Output.Count(count, "contact")}" : $"{Output.Count(count, "contact")} matching {JsonFormat.Text(filter)}";
        if (!Approve(target, Description, Force, AskByDefault(wholeSelection: true)))
        {
            return;
        }
        var selection = new JsonObject { ["all"] = true };
        foreach (var field in filter)
        {
            selection[field.Key] = field.Value?.DeepClone();
        }
        Batcher.RunOnSelection(selection, all ? "all" : "filter", target);
        Finish();
    }

    private void Record(PlannedAction action, string selection, int? requested, long affected, JsonNode? data)
    {
        if (WriteResults)
        {
            WriteObject(new GrinfiMassActionResult(action.Action, action.Type, Batcher.Requests, selection, requested, affected, PSJson.ToPowerShell(data)));
        }
    }
}
