using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Leads;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Sync-GrinfiLead: makes a list match an input (a nightly export of another system), sending
/// only what differs: new rows are created, contacts whose values changed are updated by UUID,
/// the rest are left alone; with -RemoveMissing, contacts no row names leave the list.
/// </summary>
/// <remarks>
/// The whole input is read first (a key two rows share refuses both, and removals need it all),
/// then the list once (<see cref="ListSync"/>), then the rows are planned (<see cref="RowPlanner"/>)
/// and written (<see cref="LeadWriter"/>) as Set-GrinfiLead writes them.
/// </remarks>
[Cmdlet(VerbsData.Sync, "GrinfiLead", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiLead), typeof(GrinfiSyncChange))]
public sealed class SyncGrinfiLeadCommand : GrinfiConnectedCmdlet
{
    private readonly List<LeadRow> _rows = new();
    private LeadWriteRun? _run;
    private GrinfiList? _list;
    private GrinfiList? _moveTo;

    /// <summary>The input rows (Import-Csv rows, hashtables, any objects), read through the column mapping.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The list to make match the input.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind? List { get; set; }

    /// <summary>What rows and contacts are matched by: LinkedIn (the default) or Email.</summary>
    [Parameter]
    [ValidateSet("LinkedIn", "Email", IgnoreCase = true)]
    public string Key { get; set; } = "LinkedIn";

    /// <summary>Maps other column names to lead fields or custom fields, as for Set-GrinfiLead.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? ColumnMap { get; set; }

    /// <summary>Custom field values for every row: @{ tier = 'Gold' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? CustomField { get; set; }

    /// <summary>Pipeline stage for every contact of the input.</summary>
    [Parameter]
    [Alias("Stage")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public PipelineStagePipeBind? PipelineStage { get; set; }

    /// <summary>Tags every contact of the input gets.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? AddTag { get; set; }

    /// <summary>Tags taken off every contact of the input.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? RemoveTag { get; set; }

    /// <summary>Keep (the default): an empty cell means "no change". Clear: it empties the field, where the API lets it be emptied.</summary>
    [Parameter]
    [ValidateSet("Keep", "Clear", IgnoreCase = true)]
    public string EmptyCell { get; set; } = "Keep";

    /// <summary>Move a contact the input names that lives in another list into this one (by default that row is an error).</summary>
    [Parameter]
    public SwitchParameter MoveFromOtherLists { get; set; }

    /// <summary>Delete the contacts of the list that no row names (after the whole input was read; asks with the count).</summary>
    [Parameter]
    public SwitchParameter RemoveMissing { get; set; }

    /// <summary>Move the contacts of the list that no row names to this list, instead of deleting them.</summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind? MoveMissingTo { get; set; }

    /// <summary>The most contacts -RemoveMissing or -MoveMissingTo may take out of the list (default: a tenth of it); more stops the removal unless -Force.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? MaxRemove { get; set; }

    /// <summary>Remove past -MaxRemove, and without asking.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Return the plan as objects and send nothing.</summary>
    [Parameter]
    public SwitchParameter PlanOnly { get; set; }

    /// <summary>Most writes in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Contacts per mass-action request.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Return each contact of the input as it is afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private SyncKey SyncKeyOf => string.Equals(Key, "Email", StringComparison.OrdinalIgnoreCase) ? SyncKey.Email : SyncKey.LinkedIn;

    /// <inheritdoc />
    protected override void Begin()
    {
        if (RemoveMissing && MoveMissingTo is not null)
        {
            throw GrinfiException.InvalidInput("GrinfiSyncRemoveConflict", "-RemoveMissing and -MoveMissingTo both say what to do with contacts no row names.", null,
                "Use one: -RemoveMissing deletes them, -MoveMissingTo moves them to another list.");
        }
        _run = Run(ctx => LeadWriteRun.PrepareAsync(this, new LeadWriteParameters
        {
            CustomField = CustomField,
            ColumnMap = ColumnMap,
            List = List,
            PipelineStage = PipelineStage,
            AddTag = AddTag,
            RemoveTag = RemoveTag,
            ThrottleLimit = ThrottleLimit,
            BatchSize = BatchSize,
            PassThru = PassThru,
            EmptyCellsClear = string.Equals(EmptyCell, "Clear", StringComparison.OrdinalIgnoreCase),
            DeferIdentityChecks = true,
            HoldBatchesToEnd = true,
        }, ctx));
        _list = _run.Options.List;
        _moveTo = MoveMissingTo is null ? null : Run(ctx => MoveMissingTo.ResolveAsync(Names.Lists, "MoveMissingTo", ctx));
    }

    /// <inheritdoc />
    protected override void Process() => _rows.Add(_run!.Read(_rows.Count + 1, InputObject?.BaseObject is null ? null : InputObject));

    /// <inheritdoc />
    protected override void End()
    {
        var run = _run!;
        var removing = RemoveMissing || _moveTo is not null;
        if (removing && _rows.Count == 0)
        {
            // Terminating: the run cannot go on, and a nightly job run with -ErrorAction
            // SilentlyContinue must not pass over an empty export without a trace.
            ThrowTerminatingError(ErrorRecords.From(GrinfiException.InvalidInput("GrinfiSyncEmptyInput",
                "The input is empty, and with it -RemoveMissing or -MoveMissingTo would take every contact out of the list.", null,
                "Check the input file; run without -RemoveMissing to sync nothing."), null));
        }
        var sync = new ListSync(this, _list!, SyncKeyOf, MoveFromOtherLists);
        sync.ReadList(_rows);
        sync.Match(_rows, run.Writer.Existing);
        foreach (var row in _rows.Where(r => r.Error is null))
        {
            try
            {
                RowPlanner.Decide(row, run.Options, run.Writer.Notes);
            }
            catch (GrinfiException ex)
            {
                row.Error = ex;
            }
        }
        var missing = removing ? sync.Missing(_rows) : Array.Empty<string>();
        if (PlanOnly)
        {
            WritePlan(sync, missing);
            return;
        }

        var whatIf = !ShouldProcess(_list!.Name, "Sync the list with the input: the changes follow") && !Stopping;
        // The removal is asked for (and checked against -MaxRemove) before any write: a run that
        // cannot ask, or is told no, must not have half-synced the list first.
        var removeApproved = !whatIf && ApproveRemoval(missing, sync.ListCount);
        foreach (var row in _rows)
        {
            if (row.Error is null && Action(row) is not GrinfiSyncAction.Unchanged && !ShouldProcess(row.Label, Describe(row)))
            {
                continue;
            }
            if (!whatIf)
            {
                run.Writer.Add(row);
            }
        }
        if (whatIf)
        {
            WriteSummary($"Sync-GrinfiLead would create {Count(GrinfiSyncAction.Create)}, update {Count(GrinfiSyncAction.Update) + Count(GrinfiSyncAction.MoveHere)}, " +
                (Count(GrinfiSyncAction.Resend) is var resend and > 0 ? $"resend the custom fields of {resend} (the API does not return them), " : "") +
                $"leave {Count(GrinfiSyncAction.Unchanged)} unchanged and refuse {Count(GrinfiSyncAction.Error)} of {_rows.Count:N0} rows" +
                (removing ? $"; {missing.Count:N0} contacts no row names would {(_moveTo is null ? "be deleted" : $"move to '{_moveTo.Name}'")}." : "."));
            ApproveRemoval(missing, sync.ListCount);
            return;
        }
        run.Writer.Finish(summary =>
        {
            if (removeApproved)
            {
                Remove(missing, summary);
            }
        });

        int Count(GrinfiSyncAction action) => _rows.Count(r => Action(r) == action);
    }

    private PlannedAction RemovalAction => _moveTo is null
        ? new PlannedAction(nameof(GrinfiMassAction.Delete), MassAction.Delete, "Delete")
        : MassActionPlans.MoveToList(_moveTo);

    /// <summary>Whether the contacts no row names may be taken out: up to -MaxRemove unless -Force, after asking with the count.</summary>
    private bool ApproveRemoval(IReadOnlyList<string> missing, int listCount)
    {
        if (missing.Count == 0)
        {
            return false;
        }
        var limit = MaxRemove ?? (int)Math.Ceiling(listCount * 0.10);
        if (missing.Count > limit && !Force)
        {
            WriteFailure(GrinfiException.InvalidInput("GrinfiSyncTooManyMissing",
                $"{Output.Count(missing.Count, "contact")} of list '{_list!.Name}' are named by no row, more than -MaxRemove ({limit:N0}); none was taken out.", missing,
                "Check that the input is whole. To take them out anyway, raise -MaxRemove or add -Force."), missing);
            return false;
        }
        return Approve($"{Output.Count(missing.Count, "contact")} of list '{_list!.Name}' that no row names", RemovalAction.Description, Force, askByDefault: true);
    }

    /// <summary>Takes the contacts no row names out of the list (approved before the rows were written).</summary>
    private void Remove(IReadOnlyList<string> missing, GrinfiRunSummary summary)
    {
        var action = RemovalAction;
        var batcher = new MassActionBatcher(this, new[] { action }, BatchSize) { Failed = (ex, items) => WriteFailure(ex, items.Select(i => i.Uuid).ToArray()) };
        foreach (var uuid in missing)
        {
            batcher.Add(new BatchItem(uuid, uuid));
        }
        batcher.Flush();
        if (_moveTo is null)
        {
            summary.Removed = (int)batcher.Sent;
        }
        else
        {
            summary.MovedOut = (int)batcher.Sent;
        }
    }

    private static GrinfiSyncAction Action(LeadRow row) =>
        row.Error is not null ? GrinfiSyncAction.Error
        : row.Current is null ? GrinfiSyncAction.Create
        : row.Outcome == RowOutcome.Unchanged ? GrinfiSyncAction.Unchanged
        : row.OnlyUncompared ? GrinfiSyncAction.Resend
        : row.FollowUps.Any(f => f.Action.Type == MassAction.TypeOf(GrinfiMassAction.MoveToList)) ? GrinfiSyncAction.MoveHere
        : GrinfiSyncAction.Update;

    /// <summary>What a row changes, in names and values: "position: 'CTO' → 'CEO'", "Add tag 'VIP'".</summary>
    private static IReadOnlyList<string> Changes(LeadRow row) => row.Current is null
        ? row.Fields.Select(f => $"{f.Key}: '{f.Value}'").Concat(row.FollowUps.Select(f => f.Description)).ToList()
        : row.Differences.Select(d => $"{d.Field}: {Quoted(d.Was)} → {Quoted(d.Becomes)}")
            .Concat(row.FollowUps.Where(f => f.Action.Type != MassAction.TypeOf(GrinfiMassAction.SetCustomField)).Select(f => f.Description)).ToList();

    private static string Quoted(string? value) => value is null ? "(empty)" : $"'{value}'";

    private string Describe(LeadRow row) => Action(row) switch
    {
        GrinfiSyncAction.Create => $"Create in list '{_list!.Name}': {string.Join("; ", Changes(row))}",
        GrinfiSyncAction.MoveHere => $"Move into list '{_list!.Name}' and update: {string.Join("; ", Changes(row))}",
        _ => $"Update {Who(row)}: {string.Join("; ", Changes(row))}",
    };

    /// <summary>The contact a row changes, by name where the list's snapshot kept one, else by UUID.</summary>
    private static string Who(LeadRow row)
    {
        var name = row.Current?.Name is { Length: > 0 } n ? n
            : string.Join(" ", new[] { row.Current?.FirstName, row.Current?.LastName }.Where(p => !string.IsNullOrWhiteSpace(p)));
        return name.Length > 0 ? $"'{name}'" : row.Uuid!;
    }

    private void WritePlan(ListSync sync, IReadOnlyList<string> missing)
    {
        foreach (var row in _rows)
        {
            sync.Keys.TryGetValue(row, out var key);
            WriteObject(new GrinfiSyncChange(Action(row), row.Number, key?.Substring(2), row.Uuid, row.Error is null ? Changes(row) : Array.Empty<string>(),
                row.Error is null ? null : row.RowError(row.Error).Message, row.Input));
        }
        var removal = _moveTo is null ? GrinfiSyncAction.Remove : GrinfiSyncAction.MoveOut;
        foreach (var uuid in missing)
        {
            WriteObject(new GrinfiSyncChange(removal, null, null, uuid, new[] { _moveTo is null ? "Delete" : $"Move to list '{_moveTo.Name}'" }, null, null));
        }
    }

    /// <inheritdoc />
    protected override void OnStopped() => _run?.Writer.Stopped();
}
