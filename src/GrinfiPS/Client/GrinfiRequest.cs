using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>One API request, described rather than built: the client makes the URL and the body.</summary>
internal sealed class GrinfiRequest
{
    private static readonly IReadOnlyList<KeyValuePair<string, string>> s_noQuery = Array.Empty<KeyValuePair<string, string>>();

    public GrinfiRequest(HttpMethod method, string path)
    {
        Method = method;
        Path = path;
        // GET, PUT and DELETE mean the same thing sent twice; POST must say so itself.
        Idempotent = method != HttpMethod.Post && method.Method != "PATCH";
    }

    public HttpMethod Method { get; }

    /// <summary>Path from the API root, segments already escaped (see <see cref="ApiPath"/>).</summary>
    public string Path { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = s_noQuery;

    /// <summary>JSON body, serialized once and sent as is on every try.</summary>
    public JsonNode? Body { get; init; }

    /// <summary>A non-JSON body (a multipart upload), made afresh for every try.</summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>
    /// Whether the request may be sent again after it may have reached the server. Reads,
    /// updates and upserts may; creating a list or starting a job may not (a retry would make
    /// a second one).
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>False for endpoints that answer a file rather than JSON.</summary>
    public bool ExpectJson { get; init; } = true;

    public static GrinfiRequest Get(string path, IEnumerable<KeyValuePair<string, string>>? query = null) =>
        new(HttpMethod.Get, path) { Query = query?.ToList() ?? s_noQuery };

    /// <summary>A POST that only reads (search, count, lookup): safe to send again.</summary>
    public static GrinfiRequest Read(string path, JsonNode? body) =>
        new(HttpMethod.Post, path) { Body = body, Idempotent = true };

    /// <summary>A POST that creates something or starts a job: never sent twice.</summary>
    public static GrinfiRequest Create(string path, JsonNode? body) =>
        new(HttpMethod.Post, path) { Body = body, Idempotent = false };

    public static GrinfiRequest Put(string path, JsonNode? body) => new(HttpMethod.Put, path) { Body = body };

    public static GrinfiRequest Delete(string path) => new(HttpMethod.Delete, path);

    /// <summary>Path and query as sent, for messages (never the host: it adds nothing and may be long).</summary>
    public string PathAndQuery => Query.Count == 0 ? Path : Path + "?" + FormatQuery(Query);

    internal static string FormatQuery(IEnumerable<KeyValuePair<string, string>> query)
    {
        var sb = new StringBuilder();
        foreach (var pair in query)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }
            sb.Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
        }
        return sb.ToString();
    }
}
