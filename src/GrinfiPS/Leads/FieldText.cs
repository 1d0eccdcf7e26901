using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Filters;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>
/// A PowerShell value as the text an API string field takes (lead fields, and custom-field
/// values, which the schema types as string or null): the same whatever the user's culture.
/// </summary>
internal static class FieldText
{
    // Past decimal's range a double has no exact text a person would recognise as their number.
    private const double LargestExact = 7.9e28;

    /// <summary>
    /// The text for a value: culture-invariant numbers (1.5, never 1,5), dates as ISO 8601 UTC,
    /// booleans as true/false, our objects as their UUID; null or blank text is null.
    /// </summary>
    /// <param name="value">The value as the user gave it.</param>
    /// <param name="what">What it is for, in messages: "custom field 'industry'", "first_name".</param>
    /// <exception cref="GrinfiException">NaN, infinity, a number too large, a collection or an object.</exception>
    public static string? From(object? value, string what)
    {
        var inner = value is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : value;
        switch (inner)
        {
            case null:
                return null;
            case string s:
                return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
            case char c:
                return c.ToString();
            case bool b:
                return b ? "true" : "false";
            case DateTime dt:
                return FilterConverter.Iso(dt);
            case DateTimeOffset dto:
                return FilterConverter.Iso(dto.UtcDateTime);
            case Guid g:
                return g.ToString("D");
            case GrinfiObject o:
                return o.Uuid;
            case Enum e:
                return e.ToString();
            case float or double:
                var d = Convert.ToDouble(inner, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    throw GrinfiException.InvalidInput("GrinfiInvalidFieldValue", $"The value for {what} is {d}, which is not a number that can be written.", value,
                        "Give a finite number, or leave the value empty.");
                }
                if (Math.Abs(d) >= LargestExact)
                {
                    throw GrinfiException.InvalidInput("GrinfiInvalidFieldValue", $"The value for {what} is {d.ToString("R", CultureInfo.InvariantCulture)}, too large to write exactly.", value,
                        "Give the number as text (in quotes) if that is what you mean.");
                }
                return d.ToString("R", CultureInfo.InvariantCulture);
            case IFormattable number when inner is byte or sbyte or short or ushort or int or uint or long or ulong or decimal or System.Numerics.BigInteger:
                return number.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable:
                throw GrinfiException.InvalidInput("GrinfiInvalidFieldValue", $"The value for {what} is a list, and the API takes one text value.", value,
                    "Join the values yourself (-join ', '), or give one value.");
            default:
                throw GrinfiException.InvalidInput("GrinfiInvalidFieldValue", $"The value for {what} is a {inner.GetType().Name}, and the API takes text.", value,
                    "Give text, a number, a date or a boolean.");
        }
    }
}
