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
}
