using System;
using System.Net.Http;

namespace GrinfiPS.Client;

/// <summary>
/// Which redirects the client follows. The handler's own following is off: on .NET it sends a
/// 307's body to whatever host the Location names, and takes that host's answer as the API's.
/// </summary>
/// <remarks>
/// Followed, up to <see cref="MaximumRedirects"/> times, only when the new address has the
/// scheme, host and port of the configured base address, so the key and the body never go
/// anywhere else (https to http above all):
/// - 303: GET (HEAD stays HEAD), without the body, as RFC 9110 says.
/// - 307 and 308: the same method and body.
/// - 301 and 302: GET, HEAD, PUT and DELETE the same method and body. A POST or PATCH is not
///   followed: clients historically turn it into a GET, which would carry out a different
///   request and pass its answer off as the POST's, while sending the POST again may act
///   twice when the server did act (post/redirect/get). The Grinfi API does not redirect,
///   so either guess would hide a misconfiguration that an error shows.
/// Any other 3xx (300, 304, 305) is an answer like any other failed status.
/// </remarks>
internal static class Redirects
{
    public const int MaximumRedirects = 5;

    public static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>Same scheme, host and port (an absent port means the scheme's default).</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>Where a Location header points, resolved against the address that answered; null when it makes no address.</summary>
    public static Uri? Resolve(Uri current, Uri location) =>
        location.IsAbsoluteUri ? location : Uri.TryCreate(current, location.OriginalString, out var resolved) ? resolved : null;

    /// <summary>The hop that follows a redirect, or null with the reason it is not followed.</summary>
    public static Hop? Follow(Hop current, int status, Uri next, Uri baseUri, out string? refusal)
    {
        refusal = null;
        if (!SameOrigin(next, baseUri))
        {
            refusal = Downgrade(baseUri, next) ? "another scheme (from https to plain http)" : "another host, port or scheme";
            return null;
        }
        var method = current.Method;
        if (status == 303)
        {
            return new Hop(method == HttpMethod.Head ? HttpMethod.Head : HttpMethod.Get, next, withBody: false);
        }
        if (status is 301 or 302 && (method == HttpMethod.Post || method.Method == "PATCH"))
        {
            refusal = $"a {status} for a {method.Method}";
            return null;
        }
        return new Hop(method, next, current.WithBody);
    }

    private static bool Downgrade(Uri from, Uri to) =>
        from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp;
}
