using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Leads;

/// <summary>What one run does with each input column, and the warnings to write once (<see cref="ColumnResolver"/>).</summary>
internal sealed class ColumnPlan
{
    public ColumnPlan(IReadOnlyList<PlannedColumn> columns, IReadOnlyList<ColumnWarning> warnings)
    {
        Columns = columns;
        Warnings = warnings;
    }

    /// <summary>Every input column, in input order.</summary>
    public IReadOnlyList<PlannedColumn> Columns { get; }

    /// <summary>Warnings for the run: unmapped columns (one), collisions (one per field), unused -ColumnMap keys (one each).</summary>
    public IReadOnlyList<ColumnWarning> Warnings { get; }

    /// <summary>The column holding the contact's UUID, if any.</summary>
    public PlannedColumn? Identity => Columns.FirstOrDefault(c => c.Kind == ColumnKind.Identity);

    /// <summary>Columns written to lead fields, at most one per field.</summary>
    public IEnumerable<PlannedColumn> Fields => Columns.Where(c => c.Kind == ColumnKind.Field);

    /// <summary>Columns written to custom fields, at most one per custom field.</summary>
    public IEnumerable<PlannedColumn> CustomFields => Columns.Where(c => c.Kind == ColumnKind.CustomField);

    /// <summary>Read-only columns, for the caller to compare with each contact's current state.</summary>
    public IEnumerable<PlannedColumn> ReadOnly => Columns.Where(c => c.Kind == ColumnKind.ReadOnly);

    /// <summary>The column written to a lead field (by API name), or null.</summary>
    public PlannedColumn? ColumnFor(string field) =>
        Fields.FirstOrDefault(c => string.Equals(c.Target, field, StringComparison.Ordinal));
}
