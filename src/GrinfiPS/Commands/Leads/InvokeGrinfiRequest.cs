using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Invoke-GrinfiRequest: any API request through the module's connection, rate limiter,
/// retries and error mapping — the way to every endpoint the other cmdlets do not wrap.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "GrinfiRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeGrinfiRequestCommand : GrinfiConnectedCmdlet
{
    /// <summary>GET, POST, PUT, PATCH or DELETE.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
    public string? Method { get; set; }

    /// <summary>The path from the API root, e.g. /flows/api/flows.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Query parameters; a nested hashtable becomes the bracket form: @{ filter = @{ q = 'Acme' } } → filter[q]=Acme.</summary>
    [Parameter]
    [ValidateNotNull]
    public IDictionary? Query { get; set; }

    /// <summary>The JSON body: a hashtable, PSCustomObject, array, or a string of JSON.</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? Body { get; set; }

    /// <summary>Follow limit/offset pages and write each item of every page's data.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>Page size with -All.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>The request may be sent again after a failure even though it is a POST or PATCH (a search, say).</summary>
    [Parameter]
    public SwitchParameter Idempotent { get; set; }

    /// <summary>Write the answer as text, not as objects.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        var path = CheckPath(Path!);
        var method = new HttpMethod(Method!.ToUpperInvariant());
        var body = BodyJson();
        var query = QueryPairs(Query);
        var readOnly = method == HttpMethod.Get;
        if (!readOnly && !ShouldProcess(path, $"{method} {(body is null ? "" : JsonFormat.Text(body))}".Trim()))
        {
            return;
        }
        if (!All)
        {
            WriteAnswer(Send(method, path, query, body));
            return;
        }
        if (body is not null && body is not JsonObject)
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidBody", "-All pages by limit and offset in the body, so the body must be an object.", Body, "Give -Body as a hashtable.");
        }
        // Items are told apart by uuid (or their whole text) so a server that repeats a page is
        // stopped by the guard, not followed forever.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var guard = new PageGuard($"{method} {path}", PageSize);
        for (var offset = 0; ;)
        {
            var pageQuery = query;
            var pageBody = (JsonObject?)body?.DeepClone();
            if (method == HttpMethod.Get || method == HttpMethod.Delete)
            {
                pageQuery = query.Where(q => q.Key is not ("limit" or "offset"))
                    .Concat(new[] { Pair("limit", PageSize), Pair("offset", offset) }).ToList();
            }
            else
            {
                pageBody ??= new JsonObject();
                pageBody["limit"] = PageSize;
                pageBody["offset"] = offset;
            }
            // Pages must be JSON: the client says so for a sign-in page or a body cut short
            // (GrinfiResponseNotJson, with an excerpt), as for every other cmdlet.
            var response = Send(method, path, pageQuery, pageBody, expectJson: true);
            var page = ApiPage<JsonObject>.From(response.Json, $"{method} {path}", j => j);
            var fresh = 0;
            foreach (var item in page.Items.Where(i => seen.Add(JsonRead.String(i, "uuid") ?? JsonFormat.Text(i))))
            {
                fresh++;
                WriteObject(PSJson.ToPowerShell(item));
            }
            offset += page.Items.Count;
            var more = page.Items.Count > 0 && (page.HasMore ?? (page.Total is long total ? offset < total : page.Items.Count >= PageSize));
            guard.Next(fresh, more, page.Total, PageSize, page.Limit);
            if (!more)
            {
                return;
            }
        }
    }

    private GrinfiResponse Send(HttpMethod method, string path, IReadOnlyList<KeyValuePair<string, string>> query, JsonNode? body, bool expectJson = false)
    {
        var request = new GrinfiRequest(method, path)
        {
            Query = query,
            Body = body,
            ExpectJson = expectJson,
            // GET, PUT and DELETE are safe to resend; a POST or PATCH only when the caller says so.
            Idempotent = Idempotent.IsPresent || (method != HttpMethod.Post && method.Method != "PATCH"),
        };
        return Run(ctx => Api.SendAsync(request, ctx));
    }

    private void WriteAnswer(GrinfiResponse response)
    {
        if (response.Body.Length == 0)
        {
            return;
        }
        var json = Raw ? null : Parse(response);
        if (json is null)
        {
            WriteObject(Encoding.UTF8.GetString(response.Body));
        }
        else
        {
            WriteObject(PSJson.ToPowerShell(json), enumerateCollection: true);
        }
    }

    private static JsonNode? Parse(GrinfiResponse response)
    {
        if (response.Body.Length == 0)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(response.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Only a path: a full address could send the key somewhere else.</summary>
    private string CheckPath(string path)
    {
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            var api = ActiveConnection.BaseUri;
            if (!string.Equals(absolute.GetLeftPart(UriPartial.Authority), api.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            {
                throw GrinfiException.InvalidInput("GrinfiForeignAddress",
                    $"-Path '{path}' points outside the connection's API ({api}); the API key is only sent there.", path,
                    "Give the path from the API root, e.g. /flows/api/flows.");
            }
            if (!string.IsNullOrEmpty(absolute.Query))
            {
                throw GrinfiException.InvalidInput("GrinfiQueryInPath", $"-Path '{path}' carries a query string.", path, "Pass query parameters with -Query.");
            }
            return absolute.AbsolutePath;
        }
        if (path.Contains("?"))
        {
            throw GrinfiException.InvalidInput("GrinfiQueryInPath", $"-Path '{path}' carries a query string.", path, "Pass query parameters with -Query @{ ... } so they are escaped.");
        }
        return path.StartsWith("/", StringComparison.Ordinal) ? path : "/" + path;
    }

    private JsonNode? BodyJson()
    {
        if (Body is null)
        {
            return null;
        }
        var inner = Body is PSObject ps && ps.BaseObject is not PSCustomObject ? ps.BaseObject : Body;
        if (inner is string text)
        {
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException ex)
            {
                throw GrinfiException.InvalidInput("GrinfiInvalidBody", $"-Body is a string but not JSON: {ex.Message}", text,
                    "Pass a hashtable or PSCustomObject, or a valid JSON string.");
            }
        }
        return JsonInput.From(Body, "Body");
    }

    private static List<KeyValuePair<string, string>> QueryPairs(IDictionary? query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (query is not null)
        {
            Add(pairs, null, query);
        }
        return pairs;

        static void Add(List<KeyValuePair<string, string>> pairs, string? prefix, IDictionary values)
        {
            foreach (DictionaryEntry entry in values)
            {
                var key = prefix is null ? Convert.ToString(entry.Key, CultureInfo.InvariantCulture)! : $"{prefix}[{entry.Key}]";
                var value = entry.Value is PSObject ps ? ps.BaseObject : entry.Value;
                switch (value)
                {
                    case IDictionary nested:
                        Add(pairs, key, nested);
                        break;
                    case string or null:
                        pairs.Add(new(key, (string?)value ?? ""));
                        break;
                    case IEnumerable many:
                        foreach (var item in many)
                        {
                            pairs.Add(new(key + "[]", Scalar(item)));
                        }
                        break;
                    default:
                        pairs.Add(new(key, Scalar(value)));
                        break;
                }
            }
        }

        static string Scalar(object? value) => JsonInput.From(value, "Query") switch
        {
            null => "",
            JsonValue v when JsonRead.AsString(v) is string s => s,
            JsonNode n => JsonFormat.Text(n),
        };
    }

    private static KeyValuePair<string, string> Pair(string key, int value) => new(key, value.ToString(CultureInfo.InvariantCulture));
}
