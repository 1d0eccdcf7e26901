namespace GrinfiPS.Leads;

/// <summary>One input column and what a run does with it.</summary>
internal sealed class PlannedColumn
{
    public PlannedColumn(string column, ColumnKind kind, string? target = null, ColumnValue value = ColumnValue.Text,
        string? note = null, ReadOnlyColumn? readOnly = null, bool fromColumnMap = false)
    {
        Column = column;
        Kind = kind;
        Target = target;
        Value = value;
        Note = note;
        ReadOnly = readOnly;
        FromColumnMap = fromColumnMap;
    }

    /// <summary>The column's name as the input spells it (the property name to read).</summary>
    public string Column { get; }

    public ColumnKind Kind { get; }

    /// <summary>
    /// For <see cref="ColumnKind.Field"/> and <see cref="ColumnKind.Duplicate"/>: the writable
    /// field's API name; for <see cref="ColumnKind.CustomField"/>: the custom field's name as the
    /// team spells it; for <see cref="ColumnKind.ReadOnly"/>: the read field it mirrors; else null.
    /// </summary>
    public string? Target { get; }

    /// <summary>How the cells become the value written.</summary>
    public ColumnValue Value { get; }

    /// <summary>What the column is, for unwritable, unmapped and duplicate columns (the warnings say it).</summary>
    public string? Note { get; }

    /// <summary>For a read-only column: the field it mirrors and what to use instead.</summary>
    public ReadOnlyColumn? ReadOnly { get; }

    /// <summary>-ColumnMap gave the meaning (it wins over the header's usual one).</summary>
    public bool FromColumnMap { get; }

    /// <summary>Cells of this column are written (a lead field, a custom field, or the contact's identity).</summary>
    public bool IsWritten => Kind is ColumnKind.Field or ColumnKind.CustomField or ColumnKind.Identity;

    public override string ToString() => Target is null ? $"{Column}: {Kind}" : $"{Column}: {Kind} {Target}";
}
