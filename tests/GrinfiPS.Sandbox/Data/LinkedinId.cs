namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// What an upsert's <c>linkedin_id</c> can be: a profile URL, a public handle, or a member
/// id (<c>ACoAA...</c> or all digits). Handles are compared in lower case, as LinkedIn does.
/// </summary>
internal readonly record struct LinkedinId(string? MemberId, string? Handle)
{
    private const string ProfilePath = "linkedin.com/in/";

    private static readonly System.Buffers.SearchValues<char> _letters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public static LinkedinId Parse(string value)
    {
        var text = value.Trim();
        if (HandleFromUrl(text) is { } handle) return new(null, handle);
        if (IsMemberId(text)) return new(text, null);
        return new(null, Normalize(text.Trim('/')));
    }

    public static bool IsMemberId(string text) =>
        text.StartsWith("ACoAA", StringComparison.Ordinal) || (text.Length > 0 && text.All(char.IsAsciiDigit));

    /// <summary>
    /// The handle in a profile URL — <c>https://www.linkedin.com/in/&lt;handle&gt;/</c>, any
    /// case, with or without scheme, <c>www.</c> or a country subdomain, trailing slash or
    /// query — in lower case; null when the text is not such a URL. Parsed by hand: this
    /// runs for every contact indexed, and a regex costs several times more.
    /// </summary>
    public static string? HandleFromUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        var s = url.AsSpan().Trim();
        if (s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) s = s[8..];
        else if (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) s = s[7..];
        var at = s.IndexOf(ProfilePath, StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        if (at > 0)
        {
            // Only "www." or a two- or three-letter country subdomain ("de.") may come first.
            var prefix = s[..at];
            var isWww = prefix.Equals("www.", StringComparison.OrdinalIgnoreCase);
            var isCountry = prefix.Length is 3 or 4 && prefix[^1] == '.' && !prefix[..^1].ContainsAnyExcept(_letters);
            if (!isWww && !isCountry) return null;
        }
        var rest = s[(at + ProfilePath.Length)..];
        var end = rest.IndexOfAny("/?#");
        var handle = end < 0 ? rest : rest[..end];
        if (handle.IsEmpty || handle.ContainsAny(" \t")) return null;
        if (end >= 0)
        {
            // After the handle: at most one slash, then nothing or a query / fragment.
            var tail = rest[end..];
            if (tail[0] == '/') tail = tail[1..];
            if (!tail.IsEmpty && tail[0] is not ('?' or '#')) return null;
        }
        return Normalize(handle.ToString());
    }

    public static string ProfileUrl(string handle) => "https://www.linkedin.com/in/" + handle;

    private static string Normalize(string handle) =>
        (handle.Contains('%') ? Uri.UnescapeDataString(handle) : handle).ToLowerInvariant();
}
