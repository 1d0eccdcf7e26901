using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Leads;

/// <summary>
/// Writes rows of contacts as a bulk job: looks them up a batch at a time, sends for each only
/// what it changes with several writes in flight (as many as the key's budget needs), batches
/// list, stage, tag and custom-field changes into mass actions, and hands every row back in input
/// order with its true outcome. Counts equal what was sent; a stopped run says where to resume.
/// </summary>
internal sealed class LeadWriter
{
    private const int ProgressId = 0x736C6561;
    private const int PassThruBatch = 100;

    private readonly GrinfiConnectedCmdlet _cmdlet;
    private readonly WriteOptions _options;
    private readonly int _batchSize;
    private readonly bool _passThru;
    private readonly ExistingContacts _existing;
    private readonly InFlightGate _gate;
    private readonly OrderedWindow<LeadRow> _window;
    private readonly RunLedger _ledger;
    private readonly List<LeadRow> _lookupBatch = new();
    private readonly Dictionary<string, MassActionBatcher> _followUps = new(StringComparer.Ordinal);
    private readonly List<LeadRow> _passThruRows = new();
    private readonly Stopwatch _progressClock = Stopwatch.StartNew();
    private TimeSpan _lastProgress;
    private readonly System.Threading.Timer _progressTimer;
    private Task _lastAdmitted = Task.CompletedTask;
    private int _pendingFollowUps;
    private bool _closed;

    public LeadWriter(GrinfiConnectedCmdlet cmdlet, WriteOptions options, int ceiling, int batchSize, bool passThru, string command)
    {
        _cmdlet = cmdlet;
        _options = options;
        _batchSize = batchSize;
        _passThru = passThru;
        _existing = new ExistingContacts(cmdlet.Api);
        _gate = new InFlightGate(cmdlet.ActiveConnection.Client, ceiling);
        _ledger = new RunLedger(command);
        // Hold a lookup batch and the writes in flight behind it, no more: memory stays flat.
        _window = new OrderedWindow<LeadRow>(cmdlet, Finished, ExistingContacts.BatchSize + 4 * ceiling);
        // While the pipeline thread waits for a row (the rate limit can hold one for a minute),
        // nothing else would update the progress bar: ask for an update every second. The
        // command's end (its disposal cancels the token) stops the timer whatever way it ended.
        var ended = cmdlet.Call.CancellationToken;
        _progressTimer = new System.Threading.Timer(_ => RequestProgress(ended), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        ended.Register(() => _progressTimer.Dispose());
    }

    /// <summary>The look-ups of existing contacts this run made (and what upserts' answers mean).</summary>
    public ExistingContacts Existing => _existing;

    /// <summary>Batched changes wait for a full batch or the end (see <see cref="LeadWriteParameters.HoldBatchesToEnd"/>).</summary>
    public bool HoldBatchesToEnd { get; init; }

    /// <summary>What the run noticed, for one warning each at the end.</summary>
    public RowNotes Notes { get; } = new();

    /// <summary>Takes a row read from the input (or one that failed reading: its Error is set).</summary>
    public void Add(LeadRow row)
    {
        _ledger.Read();
        _lookupBatch.Add(row);
        if (_lookupBatch.Count >= ExistingContacts.BatchSize)
        {
            StartBatch();
        }
        _window.HandBack(wait: false);
        Progress();
    }

    /// <summary>
    /// Sends everything left, writes the warnings and the summary, and keeps it in $GrinfiLastRun.
    /// <paramref name="beforeSummary"/> runs once the rows are done, to add what the caller does after them.
    /// </summary>
    public GrinfiRunSummary Finish(Action<GrinfiRunSummary>? beforeSummary = null)
    {
        StartBatch();
        _window.HandBack(wait: true);
        foreach (var batcher in _followUps.Values)
        {
            batcher.Flush();
        }
        WritePassThru(all: true);
        _cmdlet.WriteProgress(new ProgressRecord(ProgressId, _ledger.Summary.Command, "Done") { RecordType = ProgressRecordType.Completed });
        foreach (var warning in Notes.Warnings())
        {
            _cmdlet.WriteWarning(warning);
        }
        if (Notes.UncomparedFields.Count > 0)
        {
            _cmdlet.WriteVerbose($"Custom field{(Notes.UncomparedFields.Count == 1 ? "" : "s")} {string.Join(", ", Notes.UncomparedFields.Select(f => $"'{f}'"))} " +
                "were sent as given for existing contacts: the API returns no custom-field values of a contact, so they cannot be compared.");
        }
        beforeSummary?.Invoke(_ledger.Summary);
        var summary = Close(stopped: false);
        if (summary.Rows > 0)
        {
            _cmdlet.WriteSummary(summary.ToString());
        }
        return summary;
    }

    /// <summary>
    /// The run was stopped (Ctrl+C): the pipeline is closed, so the summary goes to the host, and
    /// to $GrinfiLastRun with the row to resume after. Rows in flight are Unknown.
    /// </summary>
    public void Stopped()
    {
        if (_closed)
        {
            return;
        }
        var summary = Close(stopped: true);
        _cmdlet.Host.UI.WriteLine(summary.ToString());
    }

    private GrinfiRunSummary Close(bool stopped)
    {
        _closed = true;
        _progressTimer.Dispose();
        var summary = _ledger.Close(stopped);
        _cmdlet.SessionState.PSVariable.Set("global:GrinfiLastRun", summary);
        return summary;
    }

    /// <summary>Looks the waiting rows up (one task for the batch) and starts each row's write behind it.</summary>
    private void StartBatch()
    {
        if (_lookupBatch.Count == 0)
        {
            return;
        }
        var batch = _lookupBatch.ToList();
        _lookupBatch.Clear();
        var unknown = batch.Where(r => r.Error is null && r.Current is null && !r.LookedUp).ToList();
        Task lookup = unknown.Count == 0 ? Task.CompletedTask : _cmdlet.Start(async ctx =>
        {
            await _existing.FindAsync(unknown, ctx).ConfigureAwait(false);
            return true;
        });
        foreach (var row in batch)
        {
            if (row.Error is not null)
            {
                _window.Add(row, Task.CompletedTask);
                continue;
            }
            // Writes are let in flight in input order: each row waits for the one before it to get its slot.
            var before = _lastAdmitted;
            var admitted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _lastAdmitted = admitted.Task;
            _window.Add(row, _cmdlet.Start(ctx => WriteAsync(row, lookup, before, admitted, ctx)));
        }
    }

    /// <summary>One row's requests, on a worker thread; never writes to the pipeline.</summary>
    private async Task<bool> WriteAsync(LeadRow row, Task lookup, Task before, TaskCompletionSource<bool> admitted, CallContext ctx)
    {
        try
        {
            await lookup.ConfigureAwait(false);
            RowPlanner.Decide(row, _options, Notes);
            if (row.Upsert is null && row.Update is null)
            {
                if (row.Outcome == RowOutcome.Unknown)
                {
                    row.Outcome = row.WrittenOutcome; // only batched changes
                }
                return true;
            }
            await before.ConfigureAwait(false);
            await _gate.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
            admitted.TrySetResult(true);
            try
            {
                if (row.Upsert is not null)
                {
                    row.Lead = await _cmdlet.Api.UpsertLeadAsync(row.Upsert, ctx).ConfigureAwait(false);
                    row.Outcome = _existing.OutcomeOf(row.Lead) == RowOutcome.Updated ? row.WrittenOutcome : RowOutcome.Created;
                }
                if (row.Update is not null)
                {
                    row.Lead = await _cmdlet.Api.UpdateLeadAsync(row.Uuid!, row.Update, ctx).ConfigureAwait(false);
                    row.Outcome = RowOutcome.Updated;
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (GrinfiException ex)
        {
            row.Outcome = RowOutcome.Failed;
            row.Error = ex;
        }
        finally
        {
            // Whatever happened to this row, the next one may go.
            admitted.TrySetResult(true);
        }
        return true;
    }

    /// <summary>A row handed back in input order, on the pipeline thread.</summary>
    private void Finished(LeadRow row)
    {
        foreach (var line in Notes.TakeVerbose())
        {
            _cmdlet.WriteVerbose(line);
        }
        if (row.Error is not null)
        {
            row.Outcome = RowOutcome.Failed;
            _ledger.HandedBackRow(row);
            _cmdlet.WriteFailure(row.RowError(row.Error), row.Input);
            return;
        }
        if (row.Outcome == RowOutcome.Unknown)
        {
            // Stopped before its work ran, or in the middle of it. Rows after it are still
            // handed back until a write notices the stop: the resume point must not pass it.
            _ledger.Unfinished(row);
            return;
        }
        var followUps = row.FollowUps.ToList();
        row.PendingBatches = followUps.Count;
        _ledger.HandedBackRow(row);
        _cmdlet.WriteVerbose($"{row.Label}: {row.Outcome.ToString().ToLowerInvariant()}" +
            (row.ResultUuid is string uuid ? $" ({uuid})" : "") +
            (followUps.Count > 0 ? $"; batched: {string.Join(", ", followUps.Select(f => f.Description))}" : "") + ".");
        if (_passThru && row.Outcome is not (RowOutcome.Skipped or RowOutcome.Failed))
        {
            _passThruRows.Add(row);
        }
        foreach (var action in followUps)
        {
            Batcher(action).Add(new BatchItem(row.ResultUuid!, row));
            _pendingFollowUps++;
        }
        // Values shared by many contacts fill their batches; one-off values must not wait to the end
        // of a streamed input (unless the whole input is held anyway).
        if (_pendingFollowUps >= _batchSize && !HoldBatchesToEnd)
        {
            foreach (var batcher in _followUps.Values)
            {
                batcher.Flush();
            }
        }
        WritePassThru(all: false);
        Progress();
    }

    private MassActionBatcher Batcher(PlannedAction action)
    {
        var key = action.Action.Type + (action.Action.Payload is null ? "" : JsonFormat.Text(action.Action.Payload));
        if (!_followUps.TryGetValue(key, out var batcher))
        {
            batcher = new MassActionBatcher(_cmdlet, new[] { action }, _batchSize)
            {
                BatchDone = items => Ended(items, null),
                Failed = (ex, items) => Ended(items, ex),
            };
            _followUps[key] = batcher;
        }
        return batcher;
    }

    private void Ended(IReadOnlyList<BatchItem> items, GrinfiException? error)
    {
        foreach (var item in items)
        {
            var row = (LeadRow)item.Source!;
            _pendingFollowUps--;
            _ledger.BatchEnded(row);
            if (error is not null && row.Outcome != RowOutcome.Failed)
            {
                var was = row.Outcome;
                row.Outcome = RowOutcome.Failed;
                _ledger.Recount(row, was);
                _cmdlet.WriteFailure(row.RowError(error), row.Input);
            }
        }
    }

    /// <summary>
    /// Writes -PassThru contacts in input order once their batched changes were sent. Those the
    /// answer does not show whole (batched changes, custom fields) are read again, 100 a request.
    /// </summary>
    private void WritePassThru(bool all)
    {
        var ready = _passThruRows.TakeWhile(r => r.PendingBatches == 0).ToList();
        if (ready.Count == 0 || (!all && ready.Count < PassThruBatch))
        {
            return;
        }
        _passThruRows.RemoveRange(0, ready.Count);
        var stale = ready.Where(r => (r.Outcome != RowOutcome.Unchanged && (r.FollowUps.Count > 0 || r.Lead is null || r.Upsert?.CustomFields.Count > 0))
                || (r.Lead is null && r.CurrentIsPartial))
            .Select(r => r.ResultUuid!).ToList();
        var fresh = stale.Count == 0 ? new Dictionary<string, GrinfiLead>() : _cmdlet.Run(ctx => _cmdlet.Api.GetLeadsAsync(stale, ctx));
        foreach (var row in ready.Where(r => r.Outcome != RowOutcome.Failed))
        {
            var lead = fresh.TryGetValue(row.ResultUuid!, out var f) ? f : row.Lead ?? row.Current;
            if (lead is not null)
            {
                _cmdlet.WriteLead(lead);
            }
        }
    }

    /// <summary>On a timer thread: has the pipeline thread update the progress bar the next time it waits.</summary>
    private void RequestProgress(System.Threading.CancellationToken ended)
    {
        if (_closed || ended.IsCancellationRequested)
        {
            return;
        }
        try
        {
            _cmdlet.Post(() =>
            {
                if (!_closed && _ledger.Summary.Rows > 0)
                {
                    Progress();
                }
            });
        }
        catch (ObjectDisposedException)
        {
            // The command ended between the check and the post.
        }
    }

    private void Progress()
    {
        var now = _progressClock.Elapsed;
        if (now - _lastProgress < TimeSpan.FromMilliseconds(500))
        {
            return;
        }
        _lastProgress = now;
        var done = _ledger.HandedBack;
        var status = $"{done:N0} of {_ledger.Summary.Rows:N0} rows read are done ({done / Math.Max(1, now.TotalSeconds):N1} rows/s)";
        if (_cmdlet.ActiveConnection.Client.Load.WaitingForLimiter > 0)
        {
            status += "; waiting for the rate limit";
        }
        _cmdlet.WriteProgress(new ProgressRecord(ProgressId, _ledger.Summary.Command, status));
    }
}
