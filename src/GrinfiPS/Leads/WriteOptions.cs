using System;
using System.Collections.Generic;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>What a bulk write asks of every row besides its own fields: list, stage, tags, and how to treat existing contacts.</summary>
internal sealed class WriteOptions
{
    /// <summary>Where new contacts go; existing contacts of update rows move there.</summary>
    public GrinfiList? List { get; init; }

    /// <summary>Existing contacts matched by an upsert move into <see cref="List"/> too.</summary>
    public bool MoveToList { get; init; }

    /// <summary>Existing contacts are left alone (Skipped).</summary>
    public bool SkipExisting { get; init; }

    public GrinfiPipelineStage? Stage { get; init; }

    public IReadOnlyList<GrinfiTag> AddTags { get; init; } = Array.Empty<GrinfiTag>();

    public IReadOnlyList<GrinfiTag> RemoveTags { get; init; } = Array.Empty<GrinfiTag>();
}
