using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Every endpoint GrinfiPS uses, in one place: paths, which requests are safe to retry, and
/// the shapes of answers. Cmdlets call these; none builds a URL or a body by hand.
/// </summary>
internal sealed partial class GrinfiApi
{
    private const string Leads = "/leads/api/leads";
    private const string Lists = "/leads/api/lists";
    private const string Stages = "/leads/api/pipeline-stages";
    private const string Tags = "/leads/api/tags";
    private const string CustomFields = "/leads/api/custom-fields";
    private const string Flows = "/flows/api/flows";

    /// <summary>Page size for reading every item of a paged collection (lists, custom fields, flows): the largest the API serves.</summary>
    internal const int CollectionPageSize = 1000;

    private readonly GrinfiConnection _connection;

    public GrinfiApi(GrinfiConnection connection) => _connection = connection;

    /// <summary>The team the connection's key works with, when the key says.</summary>
    public long? TeamId => _connection.TeamId;

    /// <summary>The connection's client; throws once the connection is closed.</summary>
    private GrinfiClient Http => _connection.Client;

    // ---- users ----

    public async Task<GrinfiUser> GetCurrentUserAsync(CallContext ctx) =>
        new(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Get("/id/api/users/current"), ctx).ConfigureAwait(false), "the current user"));

    // ---- any request ----

    /// <summary>Any request, for Invoke-GrinfiRequest: the same limiter, retries and error mapping.</summary>
    public Task<GrinfiResponse> SendAsync(GrinfiRequest request, CallContext ctx) => Http.SendAsync(request, ctx);

    // ---- helpers ----

    /// <summary>
    /// Reads every page of a GET collection at the largest page size: a <see cref="CollectionPager{T}"/>
    /// read to the end, for collections small enough to hold (lists, custom fields, automations).
    /// </summary>
    private async Task<IReadOnlyList<T>> GetAllPagesAsync<T>(string path, IEnumerable<KeyValuePair<string, string>>? filter,
        string what, Func<JsonObject, T> map, CallContext ctx, PageGuard? guard = null)
        where T : GrinfiObject
    {
        var pager = new CollectionPager<T>(
            (limit, offset, c) => ReadPageAsync(path, Paging(limit, offset).Concat(filter ?? Enumerable.Empty<KeyValuePair<string, string>>()), what, map, c),
            what, guard: guard);
        var all = new List<T>();
        while (!pager.Done)
        {
            all.AddRange(await pager.NextAsync(ctx).ConfigureAwait(false));
        }
        return all;
    }

    /// <summary>A body of the given values, leaving out the ones not given.</summary>
    private static JsonObject Changes(params (string Name, string? Value)[] values) =>
        new(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, JsonNode?>(v.Name, v.Value)));

    private GrinfiLead Lead(JsonObject json) => Attach(new GrinfiLead(json));

    private T Attach<T>(T item)
        where T : GrinfiObject
    {
        item.Connection = _connection;
        return item;
    }
}
