using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>Automations ("flows"): only the paged list mass actions need.</summary>
internal static class FlowEndpoints
{
    private static readonly string[] _statuses = ["on", "off", "draft", "archived"];

    public static void Map(Router r)
    {
        r.Map("GET", "/flows/api/flows", Page);
        r.Map("GET", "/flows/api/flows/{flowUuid}", Get);
    }

    private static ApiResult Get(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            return store.FindFlow(req.Id) is { } flow ? ApiResult.Json(flow.ToJson()) : ApiErrors.NotFound("Automation");
        }
    }

    private static ApiResult Page(ApiRequest req)
    {
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromQuery(req.Query, req.Sandbox.Options.MaxPageSize, errors);
        var q = EndpointSupport.QueryFilter(req.Query, "q");
        var status = EndpointSupport.QueryFilter(req.Query, "status");
        if (status is not null && !_statuses.Contains(status)) errors.Add("filter.status", "The selected filter.status is invalid.");
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var flows = store.Flows
                .Where(f => q is null || EndpointSupport.ContainsIgnoreCase(f.Name, q))
                .Where(f => status is null || f.Status == status)
                .OrderBy(f => f.CreatedAt)
                .ToList();
            return EndpointSupport.Page(flows, limit, offset, f => f.ToJson(), PageShapes.For(PageShapes.Flows, req.Reading));
        }
    }
}
