using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>Data sources (import jobs): the paged list and their record counts.</summary>
internal static class DataSourceEndpoints
{
    public static void Map(Router r)
    {
        r.Map("GET", "/leads/api/data-sources", Page);
        r.Map("PUT", "/leads/api/data-sources/metrics", Metrics);
    }

    private static ApiResult Page(ApiRequest req)
    {
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromQuery(req.Query, req.Sandbox.Options.MaxPageSize, errors);
        var desc = req.Query["order_type"].ToString() == "desc";
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var sources = (desc ? store.DataSources.OrderByDescending(d => d.CreatedAt) : store.DataSources.OrderBy(d => d.CreatedAt))
                .ThenBy(d => d.Uuid, StringComparer.Ordinal).ToList();
            // The document shows data, limit, offset, total and has_more: both readings send them.
            return EndpointSupport.Page(sources, limit, offset, d => d.ToJson(), PageFields.All);
        }
    }

    private static ApiResult Metrics(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var uuids = EndpointSupport.StringArray(body["uuids"], "uuids", errors, required: true);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var answer = new JsonObject();
            foreach (var uuid in uuids!)
            {
                // Keyed by the data sources that exist; an unknown uuid is left out.
                if (store.FindDataSource(uuid) is { } source && !answer.ContainsKey(source.Uuid)) answer[source.Uuid] = source.MetricsJson();
            }
            return ApiResult.Json(answer);
        }
    }
}
