using System.Text;

namespace GrinfiPS.Leads;

/// <summary>How column names are compared: "E-mail Address", "email_address" and "EmailAddress" are one name.</summary>
internal static class HeaderName
{
    /// <summary>
    /// The name without case, spaces (any white space), dashes, underscores and dots, and
    /// without a byte order mark that a file read as the wrong encoding leaves on its first column.
    /// </summary>
    public static string Normalise(string? name)
    {
        if (name is null)
        {
            return "";
        }
        var key = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '_' or '.' or '\uFEFF' or '\u2010' or '\u2011' or '\u2013')
            {
                continue;
            }
            key.Append(char.ToLowerInvariant(c));
        }
        return key.ToString();
    }
}
