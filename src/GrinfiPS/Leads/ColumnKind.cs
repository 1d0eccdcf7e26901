namespace GrinfiPS.Leads;

/// <summary>What an input column means for a lead write.</summary>
internal enum ColumnKind
{
    /// <summary>A writable lead field (<see cref="PlannedColumn.Target"/> is its API name).</summary>
    Field,

    /// <summary>A lead custom field of the team (<see cref="PlannedColumn.Target"/> is its name).</summary>
    CustomField,

    /// <summary>The contact's UUID: the row updates that contact.</summary>
    Identity,

    /// <summary>
    /// A field the module's own objects or the API's answers carry but no write takes (CreatedAt,
    /// Status, ListName): quiet while it holds the contact's current value, warned when edited.
    /// </summary>
    ReadOnly,

    /// <summary>Something the API has no field for (a phone number, another tool's record id): always warned.</summary>
    Unwritable,

    /// <summary>A name this module does not know: always warned.</summary>
    Unmapped,

    /// <summary>Lands on a field an earlier column already fills: warned, and not written.</summary>
    Duplicate,

    /// <summary>Left out on purpose with -ColumnMap @{ 'Column' = $null }: quiet.</summary>
    Ignored,
}
