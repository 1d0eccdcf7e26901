using System.Collections.Generic;

namespace GrinfiPS.Leads;

/// <summary>A warning about the input's columns, for the cmdlet to write once per run.</summary>
internal sealed class ColumnWarning
{
    /// <summary>Columns are not written (unknown names, or values the API has no field for).</summary>
    public const string Unmapped = "GrinfiUnmappedColumns";

    /// <summary>Two or more columns land on one field; the first is written.</summary>
    public const string Collision = "GrinfiColumnCollision";

    /// <summary>A -ColumnMap key names a column the input does not have.</summary>
    public const string MapKeyUnused = "GrinfiColumnMapKeyUnused";

    /// <summary>Rows changed a read-only column, which no write takes.</summary>
    public const string ReadOnlyEdited = "GrinfiReadOnlyColumnEdited";

    public ColumnWarning(string id, string message, IReadOnlyList<string> columns)
    {
        Id = id;
        Message = message;
        Columns = columns;
    }

    /// <summary>Stable id (one of the constants above), for tests and scripts.</summary>
    public string Id { get; }

    public string Message { get; }

    /// <summary>The columns the warning names, as the input spells them.</summary>
    public IReadOnlyList<string> Columns { get; }

    public override string ToString() => Message;
}
