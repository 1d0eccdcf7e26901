using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace GrinfiPS.Client;

/// <summary>Everything a client needs to talk to one Grinfi API with one key.</summary>
internal sealed class GrinfiClientOptions
{
    public static readonly Uri DefaultBaseUri = new("https://leadgen.grinfi.io");

    public GrinfiClientOptions(string apiKey, Uri baseUri)
    {
        ApiKey = new ApiKey(apiKey);
        // A trailing slash makes relative paths resolve under any path prefix the address has.
        BaseUri = baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
    }

    public ApiKey ApiKey { get; }

    public Uri BaseUri { get; }

    public int? RequestsPerMinute { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    public RetryPolicy Retry { get; init; } = new();

    public IWebProxy? Proxy { get; init; }

    public string UserAgent { get; init; } = "GrinfiPS";

    /// <summary>
    /// The default cap on one answer, in MB: 2.5 times the largest real page, 1,000 contacts with
    /// every field filled to LinkedIn's limits (58 MB in Latin text, 101 MB in Cyrillic; measured
    /// by tests/GrinfiPS.Tests/FullestPage.cs).
    /// </summary>
    public const int DefaultMaximumResponseSizeMB = 256;

    /// <summary>The largest cap: one array holds the answer, and .NET arrays stop short of 2 GB.</summary>
    public const int MaximumResponseSizeLimitMB = 2047;

    private readonly long _maximumResponseSize = DefaultMaximumResponseSizeMB * 1024L * 1024L;

    /// <summary>The most bytes one answer may have; a larger one is refused, or cut off while read.</summary>
    public long MaximumResponseSize
    {
        get => _maximumResponseSize;
        init => _maximumResponseSize = value is >= 1 and <= MaximumResponseSizeLimitMB * 1024L * 1024L
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaximumResponseSize), value, $"The cap on one answer must be 1 byte to {MaximumResponseSizeLimitMB} MB.");
    }

    /// <summary>
    /// Throws when the address would send the key in clear text: http:// is only for loopback
    /// (the sandbox, a local proxy).
    /// </summary>
    public static Uri ValidateBaseUri(Uri uri, string source)
    {
        if (!uri.IsAbsoluteUri)
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidBaseUri",
                $"{source} '{uri}' is not an absolute address.", uri,
                $"Give the full address, such as {DefaultBaseUri}.");
        }
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return uri;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
        {
            return uri;
        }
        throw GrinfiException.InvalidInput("GrinfiInsecureBaseUri",
            $"{source} '{uri}' is refused: the API key must not travel in clear text, so only https:// is allowed (http:// only for loopback addresses).",
            uri, $"Use https://{uri.Authority}{uri.AbsolutePath}.");
    }
}
