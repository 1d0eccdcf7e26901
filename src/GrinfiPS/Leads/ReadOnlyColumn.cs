using System;
using GrinfiPS.Client;

namespace GrinfiPS.Leads;

/// <summary>
/// A column that mirrors a field no write takes (CreatedAt, Status, ListName). A file exported
/// from this module and fed back carries them unchanged, which is quiet; a row that changed one
/// asked for something that will not happen, and the caller (which knows the contact's current
/// state) warns with <see cref="EditedWarning"/>.
/// </summary>
internal sealed class ReadOnlyColumn
{
    public ReadOnlyColumn(LeadField field, ReadOnlyDisplay display, string? instead)
    {
        if (field.Writable || !field.Readable)
        {
            throw new ArgumentException($"'{field.Name}' is not a read-only lead field.", nameof(field));
        }
        Field = field;
        Display = display;
        Instead = instead;
    }

    /// <summary>The read field the column mirrors: compare the cell with this field of the current contact.</summary>
    public LeadField Field { get; }

    /// <summary>How the column shows that field (its value, or the name behind a UUID).</summary>
    public ReadOnlyDisplay Display { get; }

    /// <summary>
    /// What to use instead when the change is wanted ("-List", "-PipelineStage", "-AddTag and
    /// -RemoveTag", "the FirstName and LastName columns"), or null when Grinfi alone sets it.
    /// </summary>
    public string? Instead { get; }

    /// <summary>The warning for <paramref name="rows"/> rows whose <paramref name="column"/> differs from the contact's current value.</summary>
    public ColumnWarning EditedWarning(string column, int rows)
    {
        var shows = Display switch
        {
            ReadOnlyDisplay.ListName => "the contact's list",
            ReadOnlyDisplay.PipelineStageName => "the contact's pipeline stage",
            ReadOnlyDisplay.TagNames => "the contact's tags",
            _ => $"the contact's {Field.Name}",
        };
        var what = rows == 1 ? "1 row" : $"{rows:N0} rows";
        var message = $"Column '{column}' differs from {shows} in {what}, and was not written: " +
            $"no write takes {Field.Name}, which {(Instead is null ? "Grinfi sets itself" : "is read-only")}." +
            (Instead is null ? " Leave the column out, or keep the values it was exported with." : $" To change it, use {Instead}.");
        return new ColumnWarning(ColumnWarning.ReadOnlyEdited, message, new[] { column });
    }
}
