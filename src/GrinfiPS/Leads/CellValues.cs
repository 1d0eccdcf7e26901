using System;
using System.Globalization;
using System.Linq;

namespace GrinfiPS.Leads;

/// <summary>How cells become values: trimmed text, and a website's host for <c>domain</c>.</summary>
internal static class CellValues
{
    // Sites that are no company's own: a company's page there is not its mail domain.
    private static readonly string[] s_notCompanySites = { "linkedin.com", "facebook.com", "twitter.com", "x.com", "instagram.com" };

    private static readonly IdnMapping s_idn = new();

    /// <summary>The cell's text without surrounding white space (nor a stray byte order mark); null when empty, so an empty cell never blanks a field.</summary>
    public static string? Text(object? value)
    {
        var text = value?.ToString()?.Trim().Trim('\uFEFF').Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// The host of a website as <c>domain</c> takes it: "https://www.Acme.com/about?x=1" →
    /// "acme.com", "Müller.de" → "müller.de", "xn--mller-kva.de" → "müller.de". Scheme, "www.",
    /// port, path, query and fragment go; the host is lower case, internationalised names in
    /// their Unicode form.
    /// </summary>
    /// <param name="value">The cell.</param>
    /// <param name="host">The host, or "" when there is none.</param>
    /// <param name="problem">Why the value gives no host (for the row's error), or null.</param>
    public static bool TryGetHost(string? value, out string host, out string? problem)
    {
        host = "";
        problem = null;
        var text = Text(value);
        if (text is null)
        {
            problem = "it is empty";
            return false;
        }
        if (text.IndexOf('@') >= 0 && text.IndexOf('/') < 0)
        {
            problem = "it is an e-mail address, not a website";
            return false;
        }
        var withScheme = text.IndexOf("://", StringComparison.Ordinal) >= 0 ? text : "http://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = "it is not a website address";
            return false;
        }
        if (uri.HostNameType != UriHostNameType.Dns)
        {
            problem = "its host is not a domain name";
            return false;
        }
        string name;
        try
        {
            name = s_idn.GetUnicode(uri.IdnHost.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            problem = "its host is not a valid domain name";
            return false;
        }
        if (name.StartsWith("www.", StringComparison.Ordinal))
        {
            name = name.Substring(4);
        }
        var labels = name.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length == 0) || labels[labels.Length - 1].All(char.IsDigit))
        {
            problem = "its host has no top-level domain";
            return false;
        }
        var site = s_notCompanySites.FirstOrDefault(s => name == s || name.EndsWith("." + s, StringComparison.Ordinal));
        if (site is not null)
        {
            problem = $"it is a page on {site}, not the company's own website";
            return false;
        }
        host = name;
        return true;
    }

    // The characters an unquoted local part may hold (RFC 5321 atext).
    private const string LocalPartCharacters = "!#$%&'*+/=?^_`{|}~-";

    /// <summary>
    /// Why a value is no e-mail address the API's schema takes (format: email), or null when it
    /// is one: an ASCII local part (dot-atom or quoted) and a domain of two or more labels, or an
    /// address literal in brackets. Letters outside ASCII are allowed in the domain only.
    /// </summary>
    public static string? EmailProblem(string value)
    {
        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return "it has no local part and domain around an @";
        }
        var local = value.Substring(0, at);
        var domain = value.Substring(at + 1);
        var quoted = local.Length >= 2 && local[0] == '"' && local[local.Length - 1] == '"';
        if (quoted ? local.Any(c => c < 32 || c > 126) : !DotAtom(local))
        {
            return local.Any(c => c > 127)
                ? "its part before the @ holds letters outside ASCII, which the API does not take"
                : "its part before the @ holds characters an address cannot have";
        }
        if (domain.StartsWith("[", StringComparison.Ordinal) && domain.EndsWith("]", StringComparison.Ordinal))
        {
            return null;
        }
        var labels = domain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length == 0 || l.Length > 63 || l[0] == '-' || l[l.Length - 1] == '-' || !l.All(c => char.IsLetterOrDigit(c) || c == '-')))
        {
            return "its domain is not a domain name";
        }
        return null;
    }

    private static bool DotAtom(string text) =>
        text.Split('.').All(part => part.Length > 0 && part.All(c => c < 128 && (char.IsLetterOrDigit(c) || LocalPartCharacters.IndexOf(c) >= 0)));
}
