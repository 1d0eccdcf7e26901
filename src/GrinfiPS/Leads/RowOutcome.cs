namespace GrinfiPS.Leads;

/// <summary>What became of one input row.</summary>
internal enum RowOutcome
{
    /// <summary>Not decided yet (in flight when the command stopped).</summary>
    Unknown,

    /// <summary>A new contact: no existing contact matched the row's identifiers, and the upsert made one.</summary>
    Created,

    /// <summary>An existing contact was changed (by request, or by a batched mass action).</summary>
    Updated,

    /// <summary>The contact exists and already holds every value the row gives: nothing was sent.</summary>
    Unchanged,

    /// <summary>The contact exists and -SkipExisting left it alone.</summary>
    Skipped,

    /// <summary>The row could not be written; its error says why.</summary>
    Failed,
}
