using System;
using System.Collections.Generic;

namespace GrinfiPS.Model;

/// <summary>One line of Sync-GrinfiLead's plan (-PlanOnly): a row, or a contact of the list no row names.</summary>
public sealed class GrinfiSyncChange
{
    internal GrinfiSyncChange(GrinfiSyncAction action, int? row, string? key, string? uuid, IReadOnlyList<string> changes, string? error, object? input)
    {
        Action = action;
        Row = row;
        Key = key;
        Uuid = uuid;
        Changes = changes;
        Error = error;
        Input = input;
    }

    /// <summary>What is done.</summary>
    public GrinfiSyncAction Action { get; }

    /// <summary>The input row's number (1-based), or null for a contact no row names.</summary>
    public int? Row { get; }

    /// <summary>The key the row or contact is matched by (a LinkedIn handle or id, an email).</summary>
    public string? Key { get; }

    /// <summary>The contact's UUID, when it exists.</summary>
    public string? Uuid { get; }

    /// <summary>What changes, one line each: "position: 'CTO' → 'CEO'", "Add tag 'VIP'".</summary>
    public IReadOnlyList<string> Changes { get; }

    /// <summary>Why the row cannot be applied (Action Error).</summary>
    public string? Error { get; }

    /// <summary>The input row.</summary>
    public object? Input { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Action} {Key ?? Uuid}";
}
