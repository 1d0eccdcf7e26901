using System.Collections.Generic;
using System.Diagnostics;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>
/// Counts rows by outcome and knows how far a run got: rows are handed back in input order,
/// but a row is done only once its batched changes were sent, so the resume point is the
/// highest row N with rows 1..N done.
/// </summary>
internal sealed class RunLedger
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly SortedSet<int> _waitingForBatches = new();
    private int _handedBack;

    public RunLedger(string command) => Summary = new GrinfiRunSummary(command);

    public GrinfiRunSummary Summary { get; }

    /// <summary>Rows handed back (finished, in order).</summary>
    public int HandedBack => _handedBack;

    public void Read() => Summary.Rows++;

    /// <summary>A row handed back with its outcome; it is done unless batched changes of it are pending.</summary>
    public void HandedBackRow(LeadRow row)
    {
        _handedBack = row.Number;
        Count(row.Outcome, +1);
        if (row.PendingBatches > 0)
        {
            _waitingForBatches.Add(row.Number);
        }
    }

    /// <summary>
    /// A row handed back without an outcome: a stop cut its work short, so it may or may not
    /// have been written. It is not done, and the resume point stays before it.
    /// </summary>
    public void Unfinished(LeadRow row) => _waitingForBatches.Add(row.Number);

    /// <summary>A batch holding the row's changes was sent (or failed).</summary>
    public void BatchEnded(LeadRow row)
    {
        if (--row.PendingBatches == 0)
        {
            _waitingForBatches.Remove(row.Number);
        }
    }

    /// <summary>A row counted with one outcome turned out another (its batched change failed).</summary>
    public void Recount(LeadRow row, RowOutcome from)
    {
        Count(from, -1);
        Count(row.Outcome, +1);
    }

    /// <summary>The summary as it stands; with <paramref name="stopped"/>, rows read but not handed back are Unknown.</summary>
    public GrinfiRunSummary Close(bool stopped)
    {
        Summary.Stopped = stopped;
        Summary.Unknown = stopped ? Summary.Rows - (Summary.Created + Summary.Updated + Summary.Unchanged + Summary.Skipped + Summary.Failed) : 0;
        Summary.ResumeAfterRow = _waitingForBatches.Count > 0 ? _waitingForBatches.Min - 1 : _handedBack;
        Summary.Duration = _clock.Elapsed;
        return Summary;
    }

    private void Count(RowOutcome outcome, int delta)
    {
        switch (outcome)
        {
            case RowOutcome.Created: Summary.Created += delta; break;
            case RowOutcome.Updated: Summary.Updated += delta; break;
            case RowOutcome.Unchanged: Summary.Unchanged += delta; break;
            case RowOutcome.Resent: Summary.Resent += delta; break;
            case RowOutcome.Skipped: Summary.Skipped += delta; break;
            case RowOutcome.Failed: Summary.Failed += delta; break;
        }
    }
}
