using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Endpoints;
using Microsoft.AspNetCore.WebUtilities;

namespace GrinfiPS.Sandbox.Http;

/// <summary>
/// The scripted misbehaviours of a server on paged reads: a page that does not move
/// (repeat-page), pages of made-up items without end (phantom-page), a filter ignored
/// (ignore-filter), a captive portal's sign-in page (html-200) and a body cut short (truncated).
/// </summary>
internal static class Misbehaviour
{
    /// <summary>The total a phantom page claims: fixed, and more than any team holds.</summary>
    public const int PhantomTotal = 1_000_000;

    private const string PortalHtml = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Sign in to continue</title></head>
        <body>
        <h1>Guest Wi-Fi</h1>
        <p>Please sign in to access the internet.</p>
        <form method="post" action="/login"><input name="user" placeholder="Room number"><input type="password" name="pass"><button>Sign in</button></form>
        </body>
        </html>
        """;

    /// <summary>The paged reads: the path and method of each collection read, and the collection's name.</summary>
    private static readonly Dictionary<(string Method, string Path), string> _pagedReads = new()
    {
        [("POST", "/leads/api/leads/search")] = PageShapes.Leads,
        [("GET", "/leads/api/lists")] = PageShapes.Lists,
        [("GET", "/leads/api/custom-fields")] = PageShapes.CustomFields,
        [("GET", "/leads/api/tags")] = PageShapes.Tags,
        [("GET", "/leads/api/pipeline-stages")] = PageShapes.Stages,
        [("GET", "/flows/api/flows")] = PageShapes.Flows,
        [("POST", "/leads/api/companies/list")] = PageShapes.Companies,
        [("POST", "/flows/api/flows-leads/list")] = PageShapes.FlowLeads,
        [("GET", "/leads/api/enrichment-queue")] = PageShapes.EnrichmentQueue,
        [("GET", "/leads/api/data-sources")] = PageShapes.DataSources,
        [("GET", "/leads/api/notes")] = PageShapes.Notes,
        [("GET", "/leads/api/activities")] = PageShapes.Activities,
        [("GET", "/leads/api/leads-blacklist")] = PageShapes.PeopleBlacklist,
        [("GET", "/leads/api/companies-blacklist")] = PageShapes.CompaniesBlacklist,
    };

    public static bool IsPagedRead(string method, string path) => _pagedReads.ContainsKey((method.ToUpperInvariant(), path));

    public static ApiResult CaptivePortal() => ApiResult.Text(200, PortalHtml, "text/html; charset=utf-8");

    /// <summary>The answer cut in half: a 200 whose Content-Length matches the bytes sent, which are not valid JSON.</summary>
    public static ApiResult Truncate(ApiResult result)
    {
        var bytes = result.Body ?? Concat(result.Segments);
        if (bytes.Length < 2) bytes = "{\"data\":[{\"uuid\":\""u8.ToArray();
        return new ApiResult(200, bytes[..(bytes.Length / 2)], ApiResult.JsonType);
    }

    /// <summary>Takes the filter out of a request: <c>filter</c> query parameters, or the body's <c>filter</c>.</summary>
    public static byte[] WithoutFilter(HttpContext http, byte[] body)
    {
        var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value);
        var kept = query.Where(q => !q.Key.StartsWith("filter", StringComparison.Ordinal))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        http.Request.QueryString = QueryString.Create(kept);
        if (body.Length == 0) return body;
        try
        {
            if (JsonNode.Parse(body) is JsonObject obj && obj.Remove("filter")) return Encoding.UTF8.GetBytes(obj.ToJsonString());
        }
        catch (JsonException)
        {
            // Not JSON: the handler will say so.
        }
        return body;
    }

    /// <summary>
    /// A full page of new made-up items for a paged read (null for other requests): fresh
    /// uuids each time, the requested offset echoed, a total (<paramref name="total"/>, by
    /// default <see cref="PhantomTotal"/>) and, where the page carries it, has_more: true.
    /// Made-up contacts are created one microsecond apart, each page after the one before
    /// (<see cref="PageMemory.PhantomInstants"/>), so a reader paging by created_at ascending
    /// finds every page where it asked it to start: only the bound on pages can stop it.
    /// </summary>
    public static ApiResult? PhantomPage(SandboxContext sandbox, TeamStore store, string method, string path, IQueryCollection query, byte[] body, SandboxReading reading, int? total = null)
    {
        if (!_pagedReads.TryGetValue((method.ToUpperInvariant(), path), out var collection)) return null;
        var (limit, offset) = RequestedPage(query, body, sandbox.Options.MaxPageSize);
        var claimed = total ?? PhantomTotal;
        var rng = new Random();
        lock (store.Gate)
        {
            var now = store.Now();
            if (collection == PageShapes.Leads)
            {
                var list = store.Lists.OrderBy(l => l.CreatedAt).FirstOrDefault()?.Uuid ?? EndpointSupport.NewUuid();
                var first = sandbox.Pages.PhantomInstants(store.TeamId, now, limit);
                var contacts = Seeder.Generate(store, limit, i => first + i * Timestamps.TicksPerMicrosecond, list, rng);
                var items = contacts.Select(c => ContactJson.Get(c, store, reading)).ToList();
                return ApiResult.RawPage(items, limit, offset, claimed, PageShapes.For(collection, reading), hasMore: true);
            }
            if (collection == PageShapes.Companies)
            {
                // Made-up companies, one microsecond apart after every one before, like made-up contacts.
                var first = sandbox.Pages.PhantomInstants(store.TeamId, now, limit);
                var companies = Enumerable.Range(0, limit).Select(i => (JsonNode)new Company(EndpointSupport.NewUuid())
                {
                    TeamId = store.TeamId, Name = "Phantom company " + (offset + i + 1).ToString(CultureInfo.InvariantCulture),
                    CreatedAt = first + i * Timestamps.TicksPerMicrosecond, UpdatedAt = first + i * Timestamps.TicksPerMicrosecond,
                }.ToJson(store, reading)).ToList();
                return ApiResult.Page(companies, limit, offset, claimed, PageShapes.For(collection, reading), hasMore: true);
            }
            var nodes = new List<JsonNode>(limit);
            for (var i = 0; i < limit; i++)
            {
                var uuid = EndpointSupport.NewUuid();
                var n = (offset + i + 1).ToString(CultureInfo.InvariantCulture);
                nodes.Add(collection switch
                {
                    PageShapes.Lists => new LeadList { Uuid = uuid, TeamId = store.TeamId, Name = "Phantom list " + n, CreatedAt = now, UpdatedAt = now }.ToJson(),
                    PageShapes.CustomFields => new CustomField { Uuid = uuid, TeamId = store.TeamId, UserId = store.User.Id, Name = "phantom_field_" + n, Object = "lead", Order = 100 + i, CreatedAt = now }.ToJson(),
                    PageShapes.Tags => new Tag { Uuid = uuid, TeamId = store.TeamId, Name = "Phantom " + n, Color = TagEndpoints.DefaultColor, CreatedAt = now, UpdatedAt = now }.ToJson(),
                    PageShapes.Stages => new PipelineStage { Uuid = uuid, TeamId = store.TeamId, Name = "Phantom stage " + n, Object = "lead", Type = "custom", Category = "cold", Order = 100 + i, CreatedAt = now }.ToJson(),
                    // A made-up record matches the request's filter, so only the paging gives it away.
                    PageShapes.FlowLeads => new FlowLead
                    {
                        Uuid = uuid, TeamId = store.TeamId, FlowUuid = FilterValue(body, "flow_uuid") ?? EndpointSupport.NewUuid(),
                        LeadUuid = FilterValue(body, "lead_uuid") ?? EndpointSupport.NewUuid(), Status = FilterValue(body, "status") ?? FlowLead.InProgress,
                        CreatedAt = now, UpdatedAt = now,
                    }.ToJson(reading),
                    PageShapes.EnrichmentQueue => new EnrichmentEntry { Uuid = uuid, TeamId = store.TeamId, ObjectType = "lead", ObjectUuid = EndpointSupport.NewUuid(), CreatedAt = now }.ToJson(reading),
                    PageShapes.DataSources => new DataSource { Uuid = uuid, TeamId = store.TeamId, UserId = store.User.Id, Type = "csv_leads", Status = "completed", ListUuid = EndpointSupport.NewUuid(), CreatedAt = now, UpdatedAt = now }.ToJson(),
                    PageShapes.Notes => new Note { Uuid = uuid, TeamId = store.TeamId, UserId = store.User.Id, Object = "lead", ObjectUuid = EndpointSupport.NewUuid(), Text = "Phantom note " + n, CreatedAt = now, UpdatedAt = now }.ToJson(),
                    PageShapes.Activities => new Activity { Uuid = uuid, TeamId = store.TeamId, ObjectType = "lead", ObjectUuid = EndpointSupport.NewUuid(), Type = "email_sent", Payload = [], CreatedAt = now }.ToJson(),
                    PageShapes.PeopleBlacklist or PageShapes.CompaniesBlacklist => new BlacklistEntry { Uuid = uuid, TeamId = store.TeamId, UserId = store.User.Id, Company = collection == PageShapes.CompaniesBlacklist, Email = collection == PageShapes.PeopleBlacklist ? $"phantom{n}@example.com" : null, Domain = collection == PageShapes.CompaniesBlacklist ? $"phantom{n}.example" : null, CreatedAt = now }.ToJson(),
                    _ => new Flow { Uuid = uuid, TeamId = store.TeamId, Name = "Phantom automation " + n, Status = "on", CreatedAt = now }.ToJson(),
                });
            }
            return ApiResult.Page(nodes, limit, offset, claimed, PageShapes.For(collection, reading), hasMore: true);
        }
    }

    /// <summary>The first value of a body filter's key (a string or the first of an array); null when absent.</summary>
    private static string? FilterValue(byte[] body, string key)
    {
        try
        {
            var node = body.Length > 0 && JsonNode.Parse(body) is JsonObject obj && obj["filter"] is JsonObject filter ? filter[key] : null;
            return node switch
            {
                JsonArray { Count: > 0 } array when JsonRead.Kind(array[0]) == JsonValueKind.String => array[0]!.GetValue<string>(),
                JsonValue value when JsonRead.Kind(value) == JsonValueKind.String => value.GetValue<string>(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (int Limit, int Offset) RequestedPage(IQueryCollection query, byte[] body, int maxPageSize)
    {
        long limit = EndpointSupport.DefaultLimit, offset = 0;
        if (long.TryParse(query["limit"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) limit = l;
        if (long.TryParse(query["offset"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o)) offset = o;
        try
        {
            if (body.Length > 0 && JsonNode.Parse(body) is JsonObject obj)
            {
                if (JsonRead.TryInteger(obj["limit"], out var bl)) limit = bl;
                if (JsonRead.TryInteger(obj["offset"], out var bo)) offset = bo;
            }
        }
        catch (JsonException)
        {
        }
        return ((int)Math.Clamp(limit, 1, maxPageSize), (int)Math.Clamp(offset, 0, int.MaxValue));
    }

    private static byte[] Concat(List<ReadOnlyMemory<byte>>? segments)
    {
        if (segments is null) return [];
        var buffer = new byte[segments.Sum(s => s.Length)];
        var at = 0;
        foreach (var s in segments)
        {
            s.Span.CopyTo(buffer.AsSpan(at));
            at += s.Length;
        }
        return buffer;
    }
}

/// <summary>
/// The last answer of each paged read per team, method and path, for the repeat-page fault;
/// and the last instant given to a made-up contact per team, for the phantom-page fault.
/// </summary>
internal sealed class PageMemory
{
    private readonly Dictionary<(int Team, string Method, string Path), ApiResult> _last = [];
    private readonly Dictionary<int, long> _phantomInstant = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// The created_at of the first of <paramref name="count"/> made-up contacts, one microsecond
    /// apart: not before <paramref name="now"/> and after every one made up before for the team.
    /// </summary>
    public long PhantomInstants(int team, long now, int count)
    {
        lock (_gate)
        {
            var first = _phantomInstant.TryGetValue(team, out var last) ? Math.Max(now, last + Timestamps.TicksPerMicrosecond) : now;
            _phantomInstant[team] = first + (Math.Max(1, count) - 1) * Timestamps.TicksPerMicrosecond;
            return first;
        }
    }

    public void Remember(int team, string method, string path, ApiResult result)
    {
        lock (_gate)
        {
            _last[(team, method.ToUpperInvariant(), path)] = result;
        }
    }

    public ApiResult? Last(int team, string method, string path)
    {
        lock (_gate)
        {
            return _last.GetValueOrDefault((team, method.ToUpperInvariant(), path));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _last.Clear();
            _phantomInstant.Clear();
        }
    }
}

/// <summary>Which of limit, offset, total and has_more a page carries, per collection and reading.</summary>
[Flags]
internal enum PageFields
{
    None = 0,
    Limit = 1,
    Offset = 2,
    Total = 4,
    HasMore = 8,
    All = Limit | Offset | Total | HasMore,
}

/// <summary>
/// The page shapes of the document: the minimal reading sends exactly the fields each
/// collection's schema shows; the generous reading adds totals and has_more where it pages.
/// </summary>
internal static class PageShapes
{
    public const string Leads = "leads";
    public const string Lists = "lists";
    public const string CustomFields = "custom-fields";
    public const string Tags = "tags";
    public const string Stages = "pipeline-stages";
    public const string Flows = "flows";
    public const string Companies = "companies";
    public const string FlowLeads = "flows-leads";
    public const string EnrichmentQueue = "enrichment-queue";
    public const string DataSources = "data-sources";
    public const string Notes = "notes";
    public const string Activities = "activities";
    public const string PeopleBlacklist = "leads-blacklist";
    public const string CompaniesBlacklist = "companies-blacklist";

    public static PageFields For(string collection, SandboxReading reading) => (collection, reading) switch
    {
        (Leads or Lists, SandboxReading.Minimal) => PageFields.Limit | PageFields.Offset | PageFields.Total,
        // GET custom-fields takes limit and offset, yet its answer documents only data.
        (CustomFields, SandboxReading.Minimal) => PageFields.None,
        // The company search's schema shows all four, has_more included; so do the blacklists'.
        (Flows or Companies or FlowLeads or DataSources or PeopleBlacklist or CompaniesBlacklist, _) => PageFields.All,
        // GET enrichment-queue, notes and activities take limit and offset, yet their answers document only data.
        (EnrichmentQueue or Notes or Activities, SandboxReading.Minimal) => PageFields.None,
        (EnrichmentQueue or Notes or Activities, _) => PageFields.All,
        (Leads or Lists or CustomFields, _) => PageFields.All,
        // Tags and pipeline stages are not paged: data only, in both readings.
        _ => PageFields.None,
    };
}
