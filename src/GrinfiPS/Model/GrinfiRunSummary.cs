using System;

namespace GrinfiPS.Model;

/// <summary>
/// What a bulk write did, row by row counted: written to the information stream at the end,
/// and kept in <c>$GrinfiLastRun</c>, also when the run was stopped (Ctrl+C) part way.
/// </summary>
public sealed class GrinfiRunSummary
{
    internal GrinfiRunSummary(string command)
    {
        Command = command;
    }

    /// <summary>The cmdlet that ran.</summary>
    public string Command { get; }

    /// <summary>Input rows read.</summary>
    public int Rows { get; internal set; }

    /// <summary>New contacts made.</summary>
    public int Created { get; internal set; }

    /// <summary>Existing contacts changed.</summary>
    public int Updated { get; internal set; }

    /// <summary>Existing contacts that already held every value given: nothing was sent for them.</summary>
    public int Unchanged { get; internal set; }

    /// <summary>
    /// Existing contacts that held every value the API returns, sent only custom-field values,
    /// which the API does not return and so cannot be compared (the vendor documents no call
    /// that reads them): they may or may not have changed.
    /// </summary>
    public int Resent { get; internal set; }

    /// <summary>Existing contacts left alone by -SkipExisting.</summary>
    public int Skipped { get; internal set; }

    /// <summary>Rows that failed (each with an error carrying the row as TargetObject).</summary>
    public int Failed { get; internal set; }

    /// <summary>Contacts of the list no input row named, deleted (Sync-GrinfiLead -RemoveMissing).</summary>
    public int Removed { get; internal set; }

    /// <summary>Contacts of the list no input row named, moved out (Sync-GrinfiLead -MoveMissingTo).</summary>
    public int MovedOut { get; internal set; }

    /// <summary>Rows in flight when the run stopped: they may or may not have been written.</summary>
    public int Unknown { get; internal set; }

    /// <summary>
    /// The highest row N such that rows 1..N are done, their batched changes sent: a stopped run
    /// resumes with the rows after it (<c>Import-Csv x.csv | Select-Object -Skip N | ...</c>).
    /// </summary>
    public int ResumeAfterRow { get; internal set; }

    /// <summary>True when the run was stopped before the end of its input.</summary>
    public bool Stopped { get; internal set; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>"1,000 rows: 950 created, 30 updated, 15 unchanged, 0 skipped, 5 failed."; resent rows are counted when there are some.</summary>
    public override string ToString()
    {
        var text = $"{Command}: {Rows:N0} row{(Rows == 1 ? "" : "s")}: {Created:N0} created, {Updated:N0} updated, " +
            (Resent > 0 ? $"{Resent:N0} resent (custom fields the API does not return), " : "") +
            $"{Unchanged:N0} unchanged, {Skipped:N0} skipped, {Failed:N0} failed";
        if (Removed > 0 || MovedOut > 0)
        {
            text += Removed > 0 ? $"; {Removed:N0} missing from the input deleted" : $"; {MovedOut:N0} missing from the input moved out";
        }
        if (Stopped)
        {
            // A sync resumes with its whole input: rows skipped would be contacts missing from it,
            // which -RemoveMissing takes out of the list.
            text += Command == "Sync-GrinfiLead"
                ? $"; stopped with {Unknown:N0} in flight (unknown). Run it again with the whole input: it sends only what is still to do"
                : $"; stopped with {Unknown:N0} in flight (unknown). Rows 1 to {ResumeAfterRow:N0} are done: resume with Select-Object -Skip {ResumeAfterRow}";
        }
        return text + $" ({Duration.TotalSeconds:N1} s).";
    }
}
