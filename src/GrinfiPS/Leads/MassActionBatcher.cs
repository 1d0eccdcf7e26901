using System;
using System.Collections.Generic;
using System.Linq;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;

namespace GrinfiPS.Leads;

/// <summary>
/// Collects contacts into batches and runs planned mass actions on each batch with one
/// request per action: 10,000 contacts take 20 requests, not 10,000. A batch the server finds
/// too large is halved (and later batches stay that size). Used by Invoke-GrinfiMassAction,
/// Remove-GrinfiLead and Set-GrinfiLead.
/// </summary>
internal sealed class MassActionBatcher
{
    private readonly GrinfiConnectedCmdlet _cmdlet;
    private readonly IReadOnlyList<PlannedAction> _plan;
    private readonly int _batchSize;
    private readonly List<BatchItem> _queue = new();
    private int _limit = int.MaxValue;

    public MassActionBatcher(GrinfiConnectedCmdlet cmdlet, IReadOnlyList<PlannedAction> plan, int batchSize)
    {
        _cmdlet = cmdlet;
        _plan = plan;
        _batchSize = batchSize;
    }

    /// <summary>Asked before each batch is sent, with its contacts; false skips the batch.</summary>
    public Func<IReadOnlyList<BatchItem>, bool> Approve { get; init; } = _ => true;

    /// <summary>Told about every request that succeeded: the action, the selection, the contacts named (for ids) and the answer.</summary>
    public Action<PlannedAction, ContactSelection, MassActionAnswer> Succeeded { get; init; } = (_, _, _) => { };

    /// <summary>Told about a request that failed for good, with the contacts it was for.</summary>
    public Action<GrinfiException, IReadOnlyList<BatchItem>> Failed { get; init; } = (_, _) => { };

    /// <summary>Told when every action ran for a batch, with the contacts no action failed for.</summary>
    public Action<IReadOnlyList<BatchItem>> BatchDone { get; init; } = _ => { };

    public int Requests { get; private set; }

    /// <summary>Contacts named in requests that succeeded (each once per action), for summaries.</summary>
    public long Sent { get; private set; }

    /// <summary>Contacts queued and not yet sent.</summary>
    public int Pending => _queue.Count;

    /// <summary>Queues a contact; sends the batch when it is full.</summary>
    public void Add(BatchItem item)
    {
        _queue.Add(item);
        if (_queue.Count >= Math.Min(_batchSize, _limit))
        {
            SendQueued();
        }
    }

    /// <summary>Sends whatever is queued.</summary>
    public void Flush()
    {
        while (_queue.Count > 0)
        {
            SendQueued();
        }
    }

    /// <summary>Runs every planned action once on the contacts a selection holds (the server evaluates a filter).</summary>
    public void RunOnSelection(ContactSelection selection, object target)
    {
        foreach (var action in _plan)
        {
            try
            {
                Send(action, selection);
            }
            catch (GrinfiException ex)
            {
                _cmdlet.WriteFailure(ex, target);
            }
        }
    }

    private void SendQueued()
    {
        var take = Math.Min(Math.Min(_batchSize, _limit), _queue.Count);
        var batch = _queue.Take(take).ToList();
        _queue.RemoveRange(0, take);
        if (!Approve(batch))
        {
            return;
        }
        var failed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var action in _plan)
        {
            SendSplitting(action, batch, failed);
        }
        BatchDone(batch.Where(i => !failed.Contains(i.Uuid)).ToList());
    }

    private void SendSplitting(PlannedAction action, List<BatchItem> items, HashSet<string> failed)
    {
        var selection = ContactSelection.OfIds(items.Select(i => i.Uuid));
        try
        {
            Send(action, selection);
        }
        catch (GrinfiApiException ex) when (TooLarge(ex) && items.Count > 1)
        {
            var half = items.Count / 2;
            _limit = Math.Min(_limit, half);
            _cmdlet.WriteVerbose($"The server refused {selection.Ids.Count} contacts in one request ({ex.ServerMessage}); sending {half} at a time.");
            SendSplitting(action, items.Take(half).ToList(), failed);
            SendSplitting(action, items.Skip(half).ToList(), failed);
        }
        catch (GrinfiException ex)
        {
            failed.UnionWith(selection.Ids);
            Failed(ex, items);
        }
    }

    private void Send(PlannedAction action, ContactSelection selection)
    {
        var answer = _cmdlet.Run(ctx => _cmdlet.Api.MassActionAsync(action.Action, selection, ctx));
        Requests++;
        Sent += selection.Ids.Count;
        Succeeded(action, selection, answer);
    }

    private static bool TooLarge(GrinfiApiException ex) =>
        ex.StatusCode == 413
        || (ex.Kind == GrinfiErrorKind.Validation && ex.FieldErrors.Keys.Any(k => k.StartsWith("filter.ids", StringComparison.Ordinal) || k == "ids"));
}
