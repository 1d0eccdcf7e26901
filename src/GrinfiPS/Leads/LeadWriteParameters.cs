using System.Collections;
using System.Collections.Generic;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Leads;

/// <summary>The parameters of a bulk lead write, as the user gave them (names not yet resolved).</summary>
internal sealed class LeadWriteParameters
{
    public string? Uuid { get; init; }

    /// <summary>Lead fields given as parameters, by write name, as text.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    public Hashtable? CustomField { get; init; }

    public Hashtable? ColumnMap { get; init; }

    public string[]? Clear { get; init; }

    public ListPipeBind? List { get; init; }

    public PipelineStagePipeBind? PipelineStage { get; init; }

    public TagPipeBind[]? AddTag { get; init; }

    public TagPipeBind[]? RemoveTag { get; init; }

    public bool SkipExisting { get; init; }

    public bool MoveToList { get; init; }

    public int ThrottleLimit { get; init; } = 16;

    public int BatchSize { get; init; } = 500;

    public bool PassThru { get; init; }

    /// <summary>An empty cell empties its field where the API lets it (Sync-GrinfiLead -EmptyCell Clear).</summary>
    public bool EmptyCellsClear { get; init; }

    /// <summary>Rows are matched later (Sync-GrinfiLead): reading checks only the values' shape.</summary>
    public bool DeferIdentityChecks { get; init; }

    /// <summary>
    /// The whole input is in memory already (Sync-GrinfiLead): batched changes wait until their
    /// batch is full or the input ends, so a value shared by many contacts costs one mass action
    /// per batch, however the rows interleave values.
    /// </summary>
    public bool HoldBatchesToEnd { get; init; }
}
