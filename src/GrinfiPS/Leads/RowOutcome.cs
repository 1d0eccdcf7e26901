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

    /// <summary>
    /// The contact exists and holds every value the API returns; custom-field values, which it
    /// does not return, were sent anyway, as they cannot be compared (they may or may not have changed).
    /// </summary>
    Resent,

    /// <summary>The contact exists and -SkipExisting left it alone.</summary>
    Skipped,

    /// <summary>The row could not be written; its error says why.</summary>
    Failed,
}
