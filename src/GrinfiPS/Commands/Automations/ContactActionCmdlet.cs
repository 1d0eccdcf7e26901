using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Automations;

/// <summary>
/// Base of the cmdlets whose API call takes one contact at a time (add to, cancel from, resume,
/// clear the history of automations). Piped contacts are checked, each asked for once, and
/// gathered into groups of -BatchSize: each group is one prompt (and one -WhatIf line) naming
/// its count and first contacts, as a mass action's batch is, then one request per contact.
/// A contact that fails is an error with that contact as its target; the rest go on.
/// </summary>
public abstract class ContactActionCmdlet : GrinfiConnectedCmdlet
{
    private readonly List<ContactAction> _queue = new();
    private readonly HashSet<string> _asked = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Done, int Failed)> _tally = new(StringComparer.Ordinal);

    /// <summary>Contacts per prompt: each group of this many is confirmed (or shown by -WhatIf) at once.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Act without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Whether to ask before acting even where ConfirmImpact would not.</summary>
    private protected virtual bool AskByDefault => false;

    /// <summary>The actions one piped contact asks for; throws a GrinfiException for a contact that cannot be acted on.</summary>
    private protected abstract IEnumerable<ContactAction> Plan(LeadPipeBind contact);

    /// <summary>Told about each action that succeeded (Add-GrinfiAutomationLead writes a result).</summary>
    private protected virtual void Succeeded(ContactAction action, bool outcome)
    {
    }

    /// <summary>Queues piped contacts, sending a group whenever one is full.</summary>
    private protected void Enqueue(IEnumerable<LeadPipeBind> contacts)
    {
        foreach (var contact in contacts)
        {
            Guard(() =>
            {
                if (contact.Lead is { } lead && TeamCheck.Refusal(lead, ActiveConnection.TeamId, "the pipeline") is { } otherTeam)
                {
                    throw otherTeam;
                }
                if (!contact.IsValid)
                {
                    throw contact.Invalid();
                }
                foreach (var action in Plan(contact))
                {
                    Queue(action);
                }
            }, contact.InputObject);
        }
    }

    /// <summary>Queues one action (each key once per command), sending the group when it is full.</summary>
    private protected void Queue(ContactAction action)
    {
        if (!_asked.Add(action.Key))
        {
            WriteVerbose($"{action.Description}: {action.Name} was given more than once; asked for once.");
            return;
        }
        _queue.Add(action);
        if (_queue.Count >= BatchSize)
        {
            SendQueued();
        }
    }

    /// <summary>Sends what is still queued, and says what was done.</summary>
    private protected void Finish()
    {
        while (_queue.Count > 0)
        {
            SendQueued();
        }
        foreach (var pair in _tally)
        {
            var failed = pair.Value.Failed > 0 ? $", {Output.Count(pair.Value.Failed, "contact")} failed" : "";
            WriteSummary($"{pair.Key}: {Output.Count(pair.Value.Done, "contact")}{failed}.");
        }
    }

    private void SendQueued()
    {
        var batch = _queue.Take(BatchSize).ToList();
        _queue.RemoveRange(0, batch.Count);
        foreach (var group in batch.GroupBy(a => a.Description))
        {
            var items = group.ToList();
            if (!Approve(Contacts(items), group.Key, Force, AskByDefault))
            {
                continue;
            }
            foreach (var action in items)
            {
                try
                {
                    var outcome = Run(action.Send);
                    Count(action.Description, done: 1, failed: 0);
                    Succeeded(action, outcome);
                }
                catch (GrinfiException ex)
                {
                    Count(action.Description, done: 0, failed: 1);
                    WriteFailure(new GrinfiException(ex.Kind, ex.ErrorId, $"{action.Description}: {action.Name}: {ex.Message}", ex)
                    {
                        TargetObject = action.Source,
                        RecommendedAction = ex.RecommendedAction,
                    }, action.Source);
                }
            }
        }
    }

    private void Count(string description, int done, int failed)
    {
        var (d, f) = _tally.TryGetValue(description, out var t) ? t : (0, 0);
        _tally[description] = (d + done, f + failed);
    }

    /// <summary>"3 contacts: Ada Lovelace, Alan Turing, Grace Hopper", "12 contacts: A, B, C and 9 more".</summary>
    private static string Contacts(IReadOnlyList<ContactAction> items)
    {
        const int Shown = 3;
        return $"{Output.Count(items.Count, "contact")}: {string.Join(", ", items.Take(Shown).Select(i => i.Name))}" + (items.Count > Shown ? $" and {items.Count - Shown:N0} more" : "");
    }

    /// <summary>How a contact is named in prompts and messages: its name, else its UUID.</summary>
    private protected static string NameOf(LeadPipeBind contact) =>
        contact.Lead is { Name: { Length: > 0 } name } ? $"{name} ({contact.Uuid})" : contact.Uuid;
}
