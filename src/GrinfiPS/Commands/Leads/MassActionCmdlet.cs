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
/// collected into batches, one mass-action request acts on a whole batch, a batch the server
/// finds too large is split, and a failed batch is an error carrying its UUIDs for a retry.
/// </summary>
public abstract class MassActionCmdlet : GrinfiConnectedCmdlet
{
    private readonly List<LeadPipeBind> _queue = new();
    private int _batchLimit = int.MaxValue;
    private int _batches;
    private int _requests;
    private long _affected;

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

    /// <summary>Queues piped contacts, sending a batch whenever one is full.</summary>
    private protected void Enqueue(IEnumerable<LeadPipeBind> contacts)
    {
        foreach (var contact in contacts)
        {
            if (!contact.IsValid)
            {
                WriteFailure(contact.Invalid(), contact.InputObject);
                continue;
            }
            _queue.Add(contact);
            if (_queue.Count >= Math.Min(BatchSize, _batchLimit))
            {
                SendQueued();
            }
        }
    }

    /// <summary>Sends what is still queued, and says what was done.</summary>
    private protected void Finish()
    {
        while (_queue.Count > 0)
        {
            SendQueued();
        }
        if (_requests > 0)
        {
            WriteSummary($"{string.Join(", ", Plan.Select(p => p.Description))}: {_affected:N0} contact{(_affected == 1 ? "" : "s")} in {_requests:N0} request{(_requests == 1 ? "" : "s")}.");
        }
    }

    /// <summary>
    /// Acts on every contact a filter selects, evaluated by the server. The prompt and -WhatIf
    /// say how many that is, from the count endpoint with the same selection.
    /// </summary>
    private protected void ActOnSelection(JsonObject filter, bool all)
    {
        var count = Run(ctx => Api.CountLeadsAsync(filter, ctx));
        var target = all ? $"all {count:N0} contacts" : $"{count:N0} contacts matching {JsonFormat.Text(filter)}";
        if (!Approve(target, string.Join(", then ", Plan.Select(p => p.Description)), Force, AskByDefault(wholeSelection: true)))
        {
            return;
        }
        var selection = new JsonObject { ["all"] = true };
        foreach (var field in filter)
        {
            selection[field.Key] = field.Value?.DeepClone();
        }
        foreach (var action in Plan)
        {
            Guard(() => Send(action, selection, all ? "all" : "filter", null), target);
        }
        Finish();
    }

    private void SendQueued()
    {
        var take = Math.Min(Math.Min(BatchSize, _batchLimit), _queue.Count);
        var ids = _queue.Take(take).Select(c => c.Uuid).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _queue.RemoveRange(0, take);
        _batches++;
        if (!Approve($"{ids.Count:N0} contacts (batch {_batches})", string.Join(", then ", Plan.Select(p => p.Description)), Force, AskByDefault(wholeSelection: false)))
        {
            return;
        }
        foreach (var action in Plan)
        {
            SendSplitting(action, ids);
        }
    }

    /// <summary>Sends one action for some contacts, halving the batch while the server says it is too large.</summary>
    private void SendSplitting(PlannedAction action, List<string> ids)
    {
        try
        {
            Send(action, new JsonObject { ["ids"] = new JsonArray(ids.Select(i => (JsonNode?)i).ToArray()) }, "ids", ids.Count);
        }
        catch (GrinfiApiException ex) when (TooLarge(ex) && ids.Count > 1)
        {
            var half = ids.Count / 2;
            _batchLimit = Math.Min(_batchLimit, half);
            WriteVerbose($"The server refused {ids.Count} contacts in one request ({ex.ServerMessage}); sending {half} at a time.");
            SendSplitting(action, ids.Take(half).ToList());
            SendSplitting(action, ids.Skip(half).ToList());
        }
        catch (GrinfiException ex)
        {
            // The batch's UUIDs as the target: $err.TargetObject | Invoke-GrinfiMassAction ... retries exactly it.
            WriteFailure(ex, ids.ToArray());
        }
    }

    private void Send(PlannedAction action, JsonObject selection, string selectionKind, int? requested)
    {
        var body = new JsonObject { ["type"] = action.Type, ["filter"] = selection };
        if (action.Payload is not null)
        {
            body["payload"] = action.Payload.DeepClone();
        }
        var (count, data) = Run(ctx => Api.MassActionAsync(body, action.Idempotent, ctx));
        _requests++;
        _affected += count;
        if (WriteResults)
        {
            WriteObject(new GrinfiMassActionResult(action.Action, action.Type, _requests, selectionKind, requested, count, PSJson.ToPowerShell(data)));
        }
    }

    private static bool TooLarge(GrinfiApiException ex) =>
        ex.StatusCode == 413
        || (ex.Kind == GrinfiErrorKind.Validation && ex.FieldErrors.Keys.Any(k => k.StartsWith("filter.ids", StringComparison.Ordinal) || k == "ids"));
}
