using System;
using System.Globalization;
using System.Text;

namespace GrinfiPS.Leads;

/// <summary>Whether a cell still holds a contact's current value, as a person means it.</summary>
internal static class CellComparer
{
    public enum Verdict
    {
        /// <summary>The same value (after trimming and Unicode normalisation).</summary>
        Same,

        /// <summary>An edit.</summary>
        Different,

        /// <summary>
        /// The same value as a tool that could not keep it wrote it back: letters outside ASCII
        /// turned to '?' (Windows PowerShell 5.1's Export-Csv default), a date reformatted (Excel).
        /// Not an edit: left alone, with a warning.
        /// </summary>
        Mangled,
    }

    /// <summary>Compares a cell with the current text of a field.</summary>
    public static Verdict Text(string cell, string? current, bool ignoreCase = false)
    {
        if (current is not null && current.StartsWith(ListSnapshot.HashMark, StringComparison.Ordinal))
        {
            // A long text kept as its hash: the same text has the same hash.
            return ListSnapshot.Hash(cell) == current ? Verdict.Same : Verdict.Different;
        }
        var given = Normalise(cell);
        var now = current is null ? "" : Normalise(current);
        if (string.Equals(given, now, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            return Verdict.Same;
        }
        return QuestionMarksFor(given, now) ? Verdict.Mangled : Verdict.Different;
    }

    /// <summary>Compares a cell with a timestamp: the same to the minute, in any format a person or Excel writes it.</summary>
    public static Verdict Date(string cell, DateTimeOffset? current)
    {
        if (current is not DateTimeOffset now)
        {
            return string.IsNullOrWhiteSpace(cell) ? Verdict.Same : Verdict.Different;
        }
        foreach (var culture in new[] { CultureInfo.CurrentCulture, CultureInfo.InvariantCulture })
        {
            if (DateTimeOffset.TryParse(cell.Trim(), culture, DateTimeStyles.AssumeLocal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
            {
                var apart = (parsed - now).Duration();
                if (apart < TimeSpan.FromSeconds(1))
                {
                    return Verdict.Same;
                }
                if (apart < TimeSpan.FromMinutes(1))
                {
                    return Verdict.Mangled;
                }
            }
        }
        return Verdict.Different;
    }

    /// <summary>Trimmed, in Unicode normal form C (so "é" typed two ways is one value).</summary>
    public static string Normalise(string text) => text.Trim().Normalize(NormalizationForm.FormC);

    // "M?ller" for "Müller": same length, and every difference a '?' where the value has a letter outside ASCII.
    private static bool QuestionMarksFor(string given, string current)
    {
        if (given.Length != current.Length || given.IndexOf('?') < 0)
        {
            return false;
        }
        var any = false;
        for (var i = 0; i < given.Length; i++)
        {
            if (given[i] == current[i])
            {
                continue;
            }
            if (given[i] != '?' || current[i] < 128)
            {
                return false;
            }
            any = true;
        }
        return any;
    }
}
