using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace GrinfiPS.PipeBinds;

/// <summary>Reads what a pipe bind needs from an object that is none of the module's types (an Import-Csv row, a PSCustomObject).</summary>
internal static class PipeInput
{
    /// <summary>
    /// The trimmed value of the first of <paramref name="names"/> (in that order, any case) the
    /// object has with a value that is not blank; null when none has one.
    /// </summary>
    public static string? FirstValue(object value, IReadOnlyList<string> names)
    {
        var properties = PSObject.AsPSObject(value).Properties;
        foreach (var name in names)
        {
            foreach (var property in properties)
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value?.ToString()?.Trim() is { Length: > 0 } text)
                {
                    return text;
                }
            }
        }
        return null;
    }
}
