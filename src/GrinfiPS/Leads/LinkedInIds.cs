using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using GrinfiPS.Client;

namespace GrinfiPS.Leads;

/// <summary>
/// Reads the LinkedIn values people have: a public handle, a member id, or any linkedin.com
/// profile URL, and nothing else: "https://twitter.com/foo", a company page or an e-mail is an
/// error that names the value, never an id sent to the API.
/// </summary>
/// <remarks>
/// Accepted: a handle (letters of any script, digits and hyphens, 3 to 100 of them, as LinkedIn
/// allows for public profile URLs); a member id "ACoAA..." (shown in profile URLs; the lead field
/// ln_id) or a Sales Navigator id "ACwAA..." (sn_id); an all-digit member id (old profile URLs);
/// and URLs on linkedin.com or any subdomain (www., uk., de., m.) over http or https, with or
/// without the scheme: /in/&lt;handle or id&gt; with anything after it (a trailing slash, /en,
/// /details/..., a query, a fragment, percent-encoded letters), the LinkedIn Lite and e-mail
/// forms /mwlite/in/ and /comm/in/, /sales/lead/&lt;id&gt;,... and /sales/people/&lt;id&gt;,...,
/// /pub/&lt;name&gt;/a/b/c (LinkedIn turned these into /in/&lt;name&gt;-ccbbba), and
/// /profile/view?id=&lt;id&gt;.
/// </remarks>
internal static class LinkedInIds
{
    /// <summary>The forms accepted, for messages.</summary>
    public const string AcceptedForms =
        "a public handle (john-doe-123), a member id (ACoAA...), a Sales Navigator id (ACwAA...), or a linkedin.com " +
        "profile URL (/in/<handle>, /sales/lead/<id>, /sales/people/<id>, /pub/<name>/..., /profile/view?id=<id>)";

    // Member ids are base64url text after a fixed prefix; LinkedIn's are 39 characters.
    private static readonly Regex s_memberId = new("^AC[ow]AA[A-Za-z0-9_-]{10,80}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_numericId = new("^[0-9]{1,19}$", RegexOptions.CultureInvariant);
    private static readonly Regex s_scheme = new("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant);
    private static readonly Regex s_pubPart = new("^[0-9A-Za-z]{1,3}$", RegexOptions.CultureInvariant);

    /// <summary>The profile a value denotes.</summary>
    /// <exception cref="GrinfiException">GrinfiInvalidLinkedInId, naming the value and the accepted forms.</exception>
    public static LinkedInProfileId Parse(string? value)
    {
        if (TryParse(value, out var id, out var problem))
        {
            return id!;
        }
        throw GrinfiException.InvalidInput("GrinfiInvalidLinkedInId",
            $"'{value}' is not a LinkedIn profile: {problem}. Accepted: {AcceptedForms}.", value,
            "Give the person's linkedin.com/in/ URL, handle or member id, or leave the cell empty.");
    }

    /// <summary>The profile a value denotes, or false and why not.</summary>
    public static bool TryParse(string? value, out LinkedInProfileId? id, out string? problem)
    {
        id = null;
        var text = CellValues.Text(value);
        problem = text is null ? "it is empty"
            : text.Any(char.IsWhiteSpace) ? "it holds white space, which no handle or URL has"
            : null;
        if (problem is not null)
        {
            return false;
        }
        if (Id(text!) is { } bare)
        {
            id = bare;
            return true;
        }
        if (text!.IndexOf('@') > 0 && text.IndexOf('/') < 0)
        {
            problem = "it is an e-mail address (an e-mail column maps to email)";
            return false;
        }
        if (text.IndexOf('/') >= 0 || text.IndexOf('.') >= 0 || text.IndexOf(':') >= 0)
        {
            return FromUrl(text, out id, out problem);
        }
        return Handle(Unescape(text), out id, out problem);
    }

    /// <summary>
    /// Whether two LinkedIn values (URLs, handles, ids) denote the same profile once normalised.
    /// False when either is not a LinkedIn value, and when they are of different kinds: a handle
    /// and a member id of one person cannot be matched without asking LinkedIn.
    /// </summary>
    public static bool SameProfile(string? a, string? b) =>
        TryParse(a, out var x, out _) && TryParse(b, out var y, out _)
        && x!.Kind == y!.Kind && string.Equals(x.Value, y.Value, StringComparison.Ordinal);

    private static LinkedInProfileId? Id(string text)
    {
        if (s_memberId.IsMatch(text))
        {
            return new LinkedInProfileId(text, text[2] == 'o' ? LinkedInIdKind.MemberId : LinkedInIdKind.SalesNavigatorId);
        }
        return s_numericId.IsMatch(text) ? new LinkedInProfileId(text, LinkedInIdKind.NumericMemberId) : null;
    }

    private static bool FromUrl(string text, out LinkedInProfileId? id, out string? problem)
    {
        id = null;
        var address = text.StartsWith("//", StringComparison.Ordinal) ? "https:" + text
            : text.StartsWith("/in/", StringComparison.OrdinalIgnoreCase) ? "https://www.linkedin.com" + text
            : text.StartsWith("in/", StringComparison.OrdinalIgnoreCase) ? "https://www.linkedin.com/" + text
            : s_scheme.IsMatch(text) && text.IndexOf("://", StringComparison.Ordinal) > 0 ? text
            : "https://" + text;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            problem = "it is not a URL";
            return false;
        }
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            problem = $"it is a {uri.Scheme}: address, not a web address";
            return false;
        }
        var host = uri.Host.ToLowerInvariant().TrimEnd('.');
        if (host != "linkedin.com" && !host.EndsWith(".linkedin.com", StringComparison.Ordinal))
        {
            problem = $"it is an address on {host}, not on linkedin.com";
            return false;
        }
        var path = uri.AbsolutePath.Split('/').Where(s => s.Length > 0).Select(Unescape).ToList();
        if (path.Count > 1 && path[0].ToLowerInvariant() is "mwlite" or "comm" or "m")
        {
            path.RemoveAt(0);
        }
        if (path.Count == 0)
        {
            problem = "it is LinkedIn's home page, not a profile";
            return false;
        }
        switch (path[0].ToLowerInvariant())
        {
            case "in" when path.Count >= 2:
                return Id(path[1]) is { } inId ? Found(inId, out id, out problem) : Handle(path[1], out id, out problem);
            case "in":
                problem = "it has no handle after /in/";
                return false;
            case "pub" when path.Count >= 2 && path[1].Equals("dir", StringComparison.OrdinalIgnoreCase):
                problem = "it is a LinkedIn people search, not a profile";
                return false;
            case "pub" when path.Count >= 5 && path.Skip(2).Take(3).All(s_pubPart.IsMatch):
                // LinkedIn moved /pub/john-doe/1a/2b3/4c5 to /in/john-doe-4c52b31a.
                return Handle($"{path[1]}-{path[4].PadLeft(3, '0')}{path[3].PadLeft(3, '0')}{path[2]}", out id, out problem);
            case "pub":
                problem = "it is a /pub/ address without the three parts after the name (/pub/<name>/a/b/c)";
                return false;
            case "sales" when path.Count >= 3 && path[1].ToLowerInvariant() is "lead" or "people" or "profile":
                var salesId = path[2].Split(',')[0];
                if (Id(salesId) is { Kind: not LinkedInIdKind.NumericMemberId } sales)
                {
                    return Found(sales, out id, out problem);
                }
                problem = $"its Sales Navigator part '{salesId}' is not an ACwAA.../ACoAA... id";
                return false;
            case "sales":
                problem = "it is a Sales Navigator page other than a lead (/sales/lead/ or /sales/people/)";
                return false;
            case "profile" when path.Count >= 2 && path[1].Equals("view", StringComparison.OrdinalIgnoreCase):
                var viewed = Query(uri.Query, "id");
                if (viewed is not null && Id(viewed) is { } view)
                {
                    return Found(view, out id, out problem);
                }
                problem = "its id= is missing or not a member id";
                return false;
            case "company" or "school" or "showcase":
                problem = "it is a company page, not a person's profile";
                return false;
            case "jobs":
                problem = "it is a job posting, not a person's profile";
                return false;
            case "feed" or "posts" or "pulse" or "events" or "groups":
                problem = "it is a post or page, not a person's profile";
                return false;
            default:
                problem = $"it is a linkedin.com page (/{path[0]}/...) that is not a person's profile";
                return false;
        }
    }

    private static bool Found(LinkedInProfileId found, out LinkedInProfileId? id, out string? problem)
    {
        id = found;
        problem = null;
        return true;
    }

    /// <summary>A public handle: letters of any script, digits and hyphens; lower case, in Unicode's composed form.</summary>
    private static bool Handle(string text, out LinkedInProfileId? id, out string? problem)
    {
        id = null;
        var handle = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var length = new StringInfo(handle).LengthInTextElements;
        if (length < 3 || length > 100)
        {
            problem = $"a handle has 3 to 100 characters, and '{handle}' has {length}";
            return false;
        }
        for (var i = 0; i < handle.Length; i++)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(handle, i);
            var ok = handle[i] == '-' || category is UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter
                or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber;
            if (!ok)
            {
                problem = $"a handle holds letters, digits and hyphens only, and '{handle}' holds '{char.ConvertFromUtf32(char.ConvertToUtf32(handle, i))}'";
                return false;
            }
            if (char.IsHighSurrogate(handle[i]))
            {
                i++;
            }
        }
        if (handle.Trim('-').Length == 0)
        {
            problem = "a handle holds letters or digits";
            return false;
        }
        id = new LinkedInProfileId(handle, LinkedInIdKind.Handle);
        problem = null;
        return true;
    }

    private static string Unescape(string text)
    {
        if (text.IndexOf('%') < 0)
        {
            return text;
        }
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    private static string? Query(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=');
            if (equals > 0 && Unescape(pair.Substring(0, equals)).Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return Unescape(pair.Substring(equals + 1));
            }
        }
        return null;
    }
}
