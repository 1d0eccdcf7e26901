using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Base;

/// <summary>
/// Base of the cmdlets that make one request per item and have no bulk endpoint (notes,
/// activities, do-not-contact entries): items are queued, and each batch is asked for once,
/// with its count and the first few named ("Delete: 12 notes: 'Call back…' on Ada Lovelace, …
/// and 9 more"), then sent one request per item. A failed item is a non-terminating error with
/// that item as TargetObject; the rest go on. At the end a summary counts what was done.
/// </summary>
/// <remarks>
/// -WhatIf names each batch and sends nothing; -Force and -Confirm:$false get through without a
/// prompt (see <see cref="GrinfiCmdlet.Approve"/>).
/// </remarks>
public abstract class QueuedWriteCmdlet : GrinfiConnectedCmdlet
{
    private const int Shown = 3;
    private readonly List<PendingWrite> _queue = new();

    /// <summary>Act without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>What each item's request does, for the prompt and the summary: "Delete", "Add to the do-not-contact list".</summary>
    private protected abstract string Action { get; }

    /// <summary>What an item is, for counts: "note", "do-not-contact entry".</summary>
    private protected abstract string Noun { get; }

    /// <summary>The plural of <see cref="Noun"/>: "notes", "do-not-contact entries".</summary>
    private protected virtual string Nouns => Noun + "s";

    /// <summary>Items per prompt.</summary>
    private protected virtual int BatchSize => 100;

    /// <summary>Requests that succeeded.</summary>
    private protected int Done { get; private set; }

    /// <summary>Requests that failed.</summary>
    private protected int Failed { get; private set; }

    /// <summary>Items the user declined (or -WhatIf skipped).</summary>
    private protected int Declined { get; private set; }

    /// <summary>
    /// Queues one request; the batch is sent when it is full. <paramref name="send"/> returns the
    /// object to write, or null to write nothing.
    /// </summary>
    /// <param name="label">The item in the prompt: "'Call back…' on Ada Lovelace", "email jane@acme.com".</param>
    /// <param name="input">What the user passed: the TargetObject of its error.</param>
    /// <param name="send">The request.</param>
    private protected void Queue(string label, object input, Func<CallContext, Task<GrinfiObject?>> send)
    {
        _queue.Add(new PendingWrite(label, input, send));
        if (_queue.Count >= BatchSize)
        {
            Flush();
        }
    }

    /// <summary>Asks for and sends what is queued.</summary>
    private protected void Flush()
    {
        if (_queue.Count == 0)
        {
            return;
        }
        var batch = _queue.ToList();
        _queue.Clear();
        if (!Approve(Target(batch), Action, Force))
        {
            Declined += batch.Count;
            return;
        }
        foreach (var item in batch)
        {
            try
            {
                var result = Run(item.Send);
                Done++;
                if (result is not null)
                {
                    WriteObject(Output.Wrap(result));
                }
            }
            catch (GrinfiException ex)
            {
                Failed++;
                WriteFailure(ex, item.Input);
            }
        }
    }

    /// <summary>Sends what is left, then the summary: "Delete: 3 notes; 1 failed."</summary>
    private protected void FinishWrites(string? extra = null)
    {
        Flush();
        if (Done + Failed > 0 || extra is not null)
        {
            WriteSummary($"{Action}: {Counted(Done)}" + (Failed > 0 ? $"; {Failed:N0} failed" : "") + (extra is null ? "" : $"; {extra}") + ".");
        }
    }

    /// <summary>"3 notes: 'Call back…' on Ada Lovelace, 'Send deck' on Alan Turing, note 0f8f… and 9 more".</summary>
    private protected virtual string Target(IReadOnlyList<PendingWrite> batch) =>
        $"{Counted(batch.Count)}: {string.Join(", ", batch.Take(Shown).Select(i => i.Label))}" + (batch.Count > Shown ? $" and {batch.Count - Shown:N0} more" : "");

    /// <summary>"1 note", "1,200 notes".</summary>
    private protected string Counted(long n) => n == 1 ? $"1 {Noun}" : $"{n:N0} {Nouns}";

    /// <summary>One queued request.</summary>
    private protected sealed class PendingWrite
    {
        public PendingWrite(string label, object input, Func<CallContext, Task<GrinfiObject?>> send)
        {
            Label = label;
            Input = input;
            Send = send;
        }

        public string Label { get; }

        public object Input { get; }

        public Func<CallContext, Task<GrinfiObject?>> Send { get; }
    }
}
