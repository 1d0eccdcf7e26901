namespace GrinfiPS.Sandbox.Http;

/// <summary>
/// A small path router. The sandbox routes by hand rather than through endpoint routing so
/// that the pipeline keeps full control of the answer: unknown paths become the contract's
/// 404 envelope, and nothing is written before the request is logged.
/// </summary>
internal sealed class Router
{
    private readonly List<Route> _routes = [];

    public delegate ValueTask<ApiResult> AsyncHandler(ApiRequest request);

    public void Map(string method, string pattern, Func<ApiRequest, ApiResult> handler) =>
        MapAsync(method, pattern, r => ValueTask.FromResult(handler(r)));

    public void MapAsync(string method, string pattern, AsyncHandler handler)
    {
        var segments = Split(pattern);
        _routes.Add(new Route(method, segments, handler, segments.Count(s => s == "{}")));
    }

    /// <summary>
    /// Finds the route for a request. Among the routes whose path matches, the one with the
    /// method wins, literal segments before parameters (so <c>/leads/search</c> is not a uuid).
    /// </summary>
    public Match Find(string method, string path)
    {
        var segments = Split(path);
        Route? best = null;
        string[]? bestValues = null;
        var pathKnown = false;
        foreach (var route in _routes)
        {
            if (!TryMatch(route, segments, out var values)) continue;
            pathKnown = true;
            if (!string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
            if (best is null || route.Parameters < best.Parameters)
            {
                best = route;
                bestValues = values;
            }
        }
        return new Match(best, bestValues ?? [], pathKnown);
    }

    private static bool TryMatch(Route route, string[] segments, out string[] values)
    {
        values = [];
        if (route.Segments.Length != segments.Length) return false;
        List<string>? captured = null;
        for (var i = 0; i < segments.Length; i++)
        {
            if (route.Segments[i] == "{}")
            {
                (captured ??= []).Add(segments[i]);
            }
            else if (!string.Equals(route.Segments[i], segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }
        values = captured?.ToArray() ?? [];
        return true;
    }

    private static string[] Split(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.StartsWith('{') && s.EndsWith('}') ? "{}" : Uri.UnescapeDataString(s))
            .ToArray();

    internal sealed record Route(string Method, string[] Segments, AsyncHandler Handler, int Parameters);

    /// <summary>
    /// The matched route (null when none has the method), the captured path values, and
    /// whether some route has this path with another method (a 405 rather than a 404).
    /// </summary>
    public readonly record struct Match(Route? Route, string[] Values, bool PathKnown);
}
