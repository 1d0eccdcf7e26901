namespace GrinfiPS.Leads;

/// <summary>One recognised column name and what it means (an entry of <see cref="KnownColumns"/>).</summary>
internal sealed class KnownColumn
{
    public KnownColumn(string header, ColumnKind kind, string? target, ColumnValue value = ColumnValue.Text, string? note = null,
        ReadOnlyColumn? readOnly = null, bool own = false)
    {
        Header = header;
        Key = HeaderName.Normalise(header);
        Kind = kind;
        Target = target;
        Value = value;
        Note = note;
        ReadOnly = readOnly;
        Own = own;
    }

    /// <summary>The name as exports spell it ("E-mail Address"); any spelling with the same <see cref="Key"/> matches.</summary>
    public string Header { get; }

    /// <summary><see cref="HeaderName.Normalise"/> of the header: what an input column is matched on.</summary>
    public string Key { get; }

    /// <summary><see cref="ColumnKind.Field"/>, <see cref="ColumnKind.Identity"/>, <see cref="ColumnKind.ReadOnly"/> or <see cref="ColumnKind.Unwritable"/>.</summary>
    public ColumnKind Kind { get; }

    /// <summary>The writable field's API name for a field; the mirrored read field for a read-only column; else null.</summary>
    public string? Target { get; }

    public ColumnValue Value { get; }

    /// <summary>For an unwritable column: what it is and why nothing takes it, as the warning says it.</summary>
    public string? Note { get; }

    public ReadOnlyColumn? ReadOnly { get; }

    /// <summary>
    /// A name of the module's own (a lead field's API or property name, or the Uuid): it keeps
    /// its meaning even when a custom field of the team has the same name.
    /// </summary>
    public bool Own { get; }

    public override string ToString() => Header;
}
