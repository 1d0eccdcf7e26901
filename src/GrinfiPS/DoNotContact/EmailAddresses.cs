using System;
using System.Globalization;
using System.Linq;
using GrinfiPS.Leads;

namespace GrinfiPS.DoNotContact;

/// <summary>
/// Checks that a value is an email address before it goes on a do-not-contact list: a value
/// that is not one would block nobody, and nothing would say so.
/// </summary>
/// <remarks>
/// Accepted: <c>local@domain</c> with an ASCII local part of RFC 5322's dot-atom form (letters,
/// digits and <c>!#$%&amp;'*+/=?^_`{|}~-</c>, dots between them) of at most 64 characters, and a
/// domain name of at least two labels whose last is not all digits (an internationalised one
/// in its Unicode or its xn-- form), with an optional <c>mailto:</c> in front. The domain is
/// lower-cased; the local part is kept as given (matching ignores case).
/// </remarks>
internal static class EmailAddresses
{
    private const string Special = "!#$%&'*+/=?^_`{|}~-";
    private static readonly IdnMapping s_idn = new();

    /// <summary>The address, checked and with its domain in lower case; or false and why not.</summary>
    public static bool TryParse(string? value, out string address, out string? problem)
    {
        address = "";
        var text = CellValues.Text(value);
        if (text is not null && text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            text = CellValues.Text(text.Substring("mailto:".Length));
        }
        problem = text is null ? "it is empty"
            : text.Any(char.IsWhiteSpace) ? "it holds white space, which no address has"
            : text.IndexOf('<') >= 0 || text.IndexOf('>') >= 0 ? "it holds a name in angle brackets; give the address alone"
            : text.IndexOf("linkedin.com", StringComparison.OrdinalIgnoreCase) >= 0 && text.IndexOf('/') >= 0 ? "it is a LinkedIn address; give it to -LinkedInId"
            : text.Count(c => c == '@') == 0 ? "it has no @"
            : text.Count(c => c == '@') > 1 ? "it has more than one @"
            : null;
        if (problem is not null)
        {
            return false;
        }
        var at = text!.IndexOf('@');
        var local = text.Substring(0, at);
        var domain = text.Substring(at + 1);
        problem = Local(local) ?? Domain(domain, out domain);
        if (problem is not null)
        {
            return false;
        }
        address = local + "@" + domain;
        return true;
    }

    private static string? Local(string local)
    {
        if (local.Length == 0)
        {
            return "it has nothing before the @";
        }
        if (local.Length > 64)
        {
            return $"the part before the @ has {local.Length} characters, and at most 64 are allowed";
        }
        if (local.StartsWith(".", StringComparison.Ordinal) || local.EndsWith(".", StringComparison.Ordinal) || local.IndexOf("..", StringComparison.Ordinal) >= 0)
        {
            return "the part before the @ starts or ends with a dot, or has two in a row";
        }
        var bad = local.FirstOrDefault(c => !(c < 128 && (char.IsLetterOrDigit(c) || c == '.' || Special.IndexOf(c) >= 0)));
        return bad == default ? null : $"the part before the @ holds '{bad}', which an address cannot have there";
    }

    /// <summary>A domain name: labels of letters, digits and hyphens, at least two, the last not all digits.</summary>
    internal static string? Domain(string text, out string domain)
    {
        domain = text.TrimEnd('.').ToLowerInvariant();
        string ascii;
        try
        {
            ascii = s_idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return $"'{text}' after the @ is not a domain name";
        }
        var labels = ascii.Split('.');
        if (labels.Length < 2)
        {
            return $"'{text}' after the @ has no top-level domain (.com, .de, ...)";
        }
        if (ascii.Length > 253 || labels.Any(l => l.Length == 0 || l.Length > 63 || l.StartsWith("-", StringComparison.Ordinal) || l.EndsWith("-", StringComparison.Ordinal)
            || l.Any(c => !(c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c == '-'))))
        {
            return $"'{text}' after the @ is not a domain name";
        }
        if (labels[labels.Length - 1].All(char.IsDigit))
        {
            return $"'{text}' after the @ is an IP address, not a domain name";
        }
        return null;
    }
}
