using System.Text.Json;
using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Http;

internal enum FaultKind
{
    Status,
    Drop,
    DropAfter,
    Delay,
    RepeatPage,
    PhantomPage,
    IgnoreFilter,
    Html200,
    Truncated,
}

/// <summary>A fault chosen for one request.</summary>
internal sealed record InjectedFault(
    FaultKind Kind,
    string Name,
    int Status = 0,
    string? Body = null,
    string? ContentType = null,
    string? RetryAfter = null,
    int DelayMs = 0,
    int? Total = null)
{
    /// <summary>Whether the request still goes through auth, the limiter and (usually) its handler.</summary>
    public bool CarriesOut => Kind is not (FaultKind.Status or FaultKind.Drop or FaultKind.Html200);

    /// <summary>The answer for a <see cref="FaultKind.Status"/> fault.</summary>
    public ApiResult ToResult()
    {
        // Without a body the envelope for the status is sent, labelled with the scripted
        // content type when one was given (a test may want JSON text labelled as HTML).
        var result = Body is null
            ? new ApiResult(Status, ApiErrors.ForStatus(Status).Body, ContentType ?? ApiResult.JsonType)
            : ApiResult.Text(Status, Body, ContentType ?? ApiResult.JsonType);
        if (RetryAfter is not null) result.WithHeader("Retry-After", RetryAfter);
        return result;
    }
}

/// <summary>
/// Scripted faults (consumed in order by the requests they match) and seeded random faults.
/// Both are decided when a request is received, so the choice follows arrival order even
/// when latency or concurrency reorders the work that follows.
/// </summary>
internal sealed class FaultInjector
{
    private const string GatewayHtml =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private readonly List<Rule> _rules = [];
    private readonly Lock _gate = new();
    private Random _random;

    public FaultInjector(int seed) => _random = new Random(seed);

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Count;
            }
        }
    }

    public void Add(IEnumerable<Rule> rules)
    {
        lock (_gate)
        {
            _rules.AddRange(rules);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Starts the random sequence over, so a reset replays the same faults.</summary>
    public void Reseed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>The fault for a request just received, scripted ones first; null for none.</summary>
    public InjectedFault? Pick(string method, string path, double faultRate)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Matches(method, path)) continue;
                if (--rule.Remaining <= 0) _rules.RemoveAt(i);
                return rule.ToFault();
            }
            if (faultRate <= 0 || _random.NextDouble() >= faultRate) return null;
            return _random.Next(6) switch
            {
                0 => new InjectedFault(FaultKind.Status, "random:500", 500),
                1 => new InjectedFault(FaultKind.Status, "random:502", 502, GatewayHtml, "text/html"),
                2 => new InjectedFault(FaultKind.Status, "random:503", 503, "Service Unavailable", "text/plain"),
                3 => new InjectedFault(FaultKind.Status, "random:504", 504),
                4 => new InjectedFault(FaultKind.Drop, "random:drop"),
                _ => new InjectedFault(FaultKind.DropAfter, "random:drop-after"),
            };
        }
    }

    /// <summary>Parses the body of <c>POST /_sandbox/faults</c>: an array of rules, or one rule.</summary>
    public static List<Rule> Parse(JsonNode? body, ValidationErrors errors)
    {
        var rules = new List<Rule>();
        var items = body switch
        {
            JsonArray array => array.ToList(),
            JsonObject obj => [obj],
            _ => null,
        };
        if (items is null)
        {
            errors.Add("faults", "The body must be an array of fault objects.");
            return rules;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var prefix = $"{i}.";
            if (items[i] is not JsonObject item)
            {
                errors.Add($"{i}", "Each fault must be an object.");
                continue;
            }
            var rule = new Rule();
            if (!JsonRead.TryString(item, "method", out var method)) errors.Add(prefix + "method", "The method must be a string.");
            rule.Method = string.IsNullOrEmpty(method) ? null : method.ToUpperInvariant();
            if (!JsonRead.TryString(item, "path", out var path)) errors.Add(prefix + "path", "The path must be a string.");
            rule.Path = string.IsNullOrEmpty(path) ? null : path;

            if (!JsonRead.IsNullOrMissing(item, "count"))
            {
                if (!JsonRead.TryInteger(item["count"], out var count) || count < 1) errors.Add(prefix + "count", "The count must be an integer of at least 1.");
                else rule.Remaining = (int)Math.Min(count, int.MaxValue);
            }

            JsonRead.TryString(item, "kind", out var kind);
            FaultKind? parsedKind = kind switch
            {
                "status" => FaultKind.Status,
                "drop" => FaultKind.Drop,
                "drop-after" => FaultKind.DropAfter,
                "delay" => FaultKind.Delay,
                "repeat-page" => FaultKind.RepeatPage,
                "phantom-page" => FaultKind.PhantomPage,
                "ignore-filter" => FaultKind.IgnoreFilter,
                "html-200" => FaultKind.Html200,
                "truncated" => FaultKind.Truncated,
                _ => null,
            };
            if (parsedKind is null) errors.Add(prefix + "kind", "The kind must be one of status, drop, drop-after, delay, repeat-page, phantom-page, ignore-filter, html-200, truncated.");
            rule.Kind = parsedKind ?? FaultKind.Drop;

            if (!JsonRead.IsNullOrMissing(item, "status"))
            {
                if (!JsonRead.TryInteger(item["status"], out var status) || status is < 100 or > 599) errors.Add(prefix + "status", "The status must be an HTTP status code.");
                else rule.Status = (int)status;
            }
            else if (parsedKind == FaultKind.Status)
            {
                errors.Add(prefix + "status", "The status is required for kind status.");
            }

            if (item.TryGetPropertyValue("body", out var bodyNode) && bodyNode is not null)
            {
                // A string is sent as is; any other JSON value is sent as its JSON text.
                rule.Body = bodyNode.GetValueKind() == JsonValueKind.String ? bodyNode.GetValue<string>() : bodyNode.ToJsonString();
            }
            if (!JsonRead.TryString(item, "contentType", out var contentType)) errors.Add(prefix + "contentType", "The contentType must be a string.");
            rule.ContentType = string.IsNullOrEmpty(contentType) ? null : contentType;

            if (item.TryGetPropertyValue("retryAfter", out var retryNode) && retryNode is not null)
            {
                rule.RetryAfter = retryNode.GetValueKind() switch
                {
                    JsonValueKind.String => retryNode.GetValue<string>(),
                    JsonValueKind.Number => retryNode.ToJsonString(),
                    _ => null,
                };
                if (rule.RetryAfter is null) errors.Add(prefix + "retryAfter", "The retryAfter must be a number or a string.");
            }

            if (!JsonRead.IsNullOrMissing(item, "delayMs"))
            {
                if (!JsonRead.TryInteger(item["delayMs"], out var delay) || delay < 0) errors.Add(prefix + "delayMs", "The delayMs must be an integer of at least 0.");
                else rule.DelayMs = (int)Math.Min(delay, int.MaxValue);
            }
            else if (parsedKind == FaultKind.Delay)
            {
                errors.Add(prefix + "delayMs", "The delayMs is required for kind delay.");
            }

            if (!JsonRead.IsNullOrMissing(item, "total"))
            {
                if (parsedKind != FaultKind.PhantomPage) errors.Add(prefix + "total", "The total applies to kind phantom-page only.");
                else if (!JsonRead.TryInteger(item["total"], out var total) || total is < 0 or > int.MaxValue) errors.Add(prefix + "total", "The total must be an integer from 0 to 2147483647.");
                else rule.Total = (int)total;
            }
            rules.Add(rule);
        }
        return rules;
    }

    /// <summary>One scripted entry; mutable only under the injector's lock.</summary>
    internal sealed class Rule
    {
        public string? Method { get; set; }

        public string? Path { get; set; }

        public int Remaining { get; set; } = 1;

        public FaultKind Kind { get; set; }

        public int Status { get; set; }

        public string? Body { get; set; }

        public string? ContentType { get; set; }

        public string? RetryAfter { get; set; }

        public int DelayMs { get; set; }

        /// <summary>The total a phantom page claims; null for <see cref="Misbehaviour.PhantomTotal"/>.</summary>
        public int? Total { get; set; }

        public bool Matches(string method, string path)
        {
            if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) return false;
            if (Path is null) return true;
            return Path.EndsWith('*')
                ? path.StartsWith(Path.AsSpan(0, Path.Length - 1), StringComparison.Ordinal)
                : string.Equals(Path, path, StringComparison.Ordinal);
        }

        public InjectedFault ToFault() => Kind switch
        {
            FaultKind.Status => new InjectedFault(FaultKind.Status, "status", Status, Body, ContentType, RetryAfter),
            FaultKind.Drop => new InjectedFault(FaultKind.Drop, "drop"),
            FaultKind.DropAfter => new InjectedFault(FaultKind.DropAfter, "drop-after"),
            FaultKind.RepeatPage => new InjectedFault(FaultKind.RepeatPage, "repeat-page"),
            FaultKind.PhantomPage => new InjectedFault(FaultKind.PhantomPage, "phantom-page", Total: Total),
            FaultKind.IgnoreFilter => new InjectedFault(FaultKind.IgnoreFilter, "ignore-filter"),
            FaultKind.Html200 => new InjectedFault(FaultKind.Html200, "html-200"),
            FaultKind.Truncated => new InjectedFault(FaultKind.Truncated, "truncated"),
            _ => new InjectedFault(FaultKind.Delay, "delay", DelayMs: DelayMs),
        };
    }
}
