namespace GrinfiPS.Model;

/// <summary>What Sync-GrinfiLead does, or would do, with a row or a contact of the list.</summary>
public enum GrinfiSyncAction
{
    /// <summary>A new contact, created in the list.</summary>
    Create,

    /// <summary>A contact of the list whose fields, stage, tags or custom fields change.</summary>
    Update,

    /// <summary>A contact of the list that already matches its row.</summary>
    Unchanged,

    /// <summary>
    /// A contact of the list that matches its row in every field the API returns; its
    /// custom-field values, which the API does not return, are sent again.
    /// </summary>
    Resend,

    /// <summary>A contact of another list, moved into this one (-MoveFromOtherLists).</summary>
    MoveHere,

    /// <summary>A contact of the list no row names, deleted (-RemoveMissing).</summary>
    Remove,

    /// <summary>A contact of the list no row names, moved to another list (-MoveMissingTo).</summary>
    MoveOut,

    /// <summary>A row that cannot be applied; Error says why.</summary>
    Error,
}
