using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>
/// Violations a test provokes on purpose, declared beforehand through
/// <c>POST /_sandbox/expected-violations [{method, path, count}]</c>: the violations of the next
/// <c>count</c> matching requests are recorded as expected, not as failures.
/// </summary>
internal sealed class ExpectedViolations
{
    private readonly List<Rule> _rules = [];
    private readonly Lock _gate = new();

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
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

    /// <summary>Whether a request with violations was declared; consumes one count of the first matching rule.</summary>
    public bool Consume(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Matches(method, path)) continue;
                if (--rule.Remaining <= 0) _rules.RemoveAt(i);
                return true;
            }
            return false;
        }
    }

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
            errors.Add("expected", "The body must be an array of {method, path, count} objects.");
            return rules;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
            {
                errors.Add($"{i}", "Each entry must be an object.");
                continue;
            }
            var rule = new Rule();
            if (!JsonRead.TryString(item, "method", out var method)) errors.Add($"{i}.method", "The method must be a string.");
            rule.Method = string.IsNullOrEmpty(method) ? null : method.ToUpperInvariant();
            if (!JsonRead.TryString(item, "path", out var path) || string.IsNullOrEmpty(path)) errors.Add($"{i}.path", "The path is required.");
            rule.Path = path ?? "";
            if (!JsonRead.IsNullOrMissing(item, "count"))
            {
                if (!JsonRead.TryInteger(item["count"], out var count) || count < 1) errors.Add($"{i}.count", "The count must be an integer of at least 1.");
                else rule.Remaining = (int)Math.Min(count, int.MaxValue);
            }
            rules.Add(rule);
        }
        return rules;
    }

    internal sealed class Rule
    {
        public string? Method { get; set; }

        /// <summary>An exact path, or a prefix when it ends with <c>*</c>.</summary>
        public string Path { get; set; } = "";

        public int Remaining { get; set; } = 1;

        public bool Matches(string method, string path)
        {
            if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) return false;
            return Path.EndsWith('*')
                ? path.StartsWith(Path.AsSpan(0, Path.Length - 1), StringComparison.Ordinal)
                : string.Equals(Path, path, StringComparison.Ordinal);
        }
    }
}
