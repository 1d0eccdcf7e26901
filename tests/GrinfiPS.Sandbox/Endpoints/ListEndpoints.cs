using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>Lists: page, create, get, rename, delete (with its contacts), metrics.</summary>
internal static class ListEndpoints
{
    public static void Map(Router r)
    {
        r.Map("GET", "/leads/api/lists", Page);
        r.Map("POST", "/leads/api/lists", Create);
        r.Map("POST", "/leads/api/lists/metrics", Metrics);
        r.Map("GET", "/leads/api/lists/{uuid}", Get);
        r.Map("PUT", "/leads/api/lists/{uuid}", Rename);
        r.Map("DELETE", "/leads/api/lists/{uuid}", Delete);
    }

    private static ApiResult Page(ApiRequest req)
    {
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromQuery(req.Query, req.Sandbox.Options.MaxPageSize, errors);
        if (errors.Any) return errors.ToResult();
        var q = EndpointSupport.QueryFilter(req.Query, "q");
        var uuid = EndpointSupport.QueryFilter(req.Query, "uuid");
        var name = EndpointSupport.QueryFilter(req.Query, "name");
        var store = req.Team;
        lock (store.Gate)
        {
            var lists = Ordered(store)
                .Where(l => q is null || EndpointSupport.ContainsIgnoreCase(l.Name, q))
                .Where(l => uuid is null || l.Uuid.Equals(uuid, StringComparison.OrdinalIgnoreCase))
                .Where(l => name is null || l.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                .ToList();
            return EndpointSupport.Page(lists, limit, offset, l => l.ToJson(), PageShapes.For(PageShapes.Lists, req.Reading));
        }
    }

    private static ApiResult Create(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var name = EndpointSupport.RequiredString(body, "name", errors);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var now = store.Now();
            var list = new LeadList { Uuid = EndpointSupport.NewUuid(), TeamId = store.TeamId, Name = name!, CreatedAt = now, UpdatedAt = now };
            store.Lists.Add(list);
            return ApiResult.Json(list.ToJson(), 201);
        }
    }

    private static ApiResult Get(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            return store.FindList(req.Id) is { } list ? ApiResult.Json(list.ToJson()) : ApiErrors.NotFound("List");
        }
    }

    private static ApiResult Rename(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var list = store.FindList(req.Id);
            if (list is null) return ApiErrors.NotFound("List");
            var errors = new ValidationErrors();
            var name = EndpointSupport.RequiredString(req.Object(), "name", errors);
            if (errors.Any) return errors.ToResult();
            if (list.Name != name)
            {
                list.Name = name!;
                list.UpdatedAt = store.Now();
            }
            return ApiResult.Json(list.ToJson());
        }
    }

    private static ApiResult Delete(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var list = store.FindList(req.Id);
            if (list is null) return ApiErrors.NotFound("List");
            // Every contact belongs to exactly one list, so the list's contacts go with it.
            var members = store.Contacts.Values.Where(c => c.ListUuid == list.Uuid).ToList();
            store.RemoveMany(members);
            store.Lists.Remove(list);
            return ApiResult.NoContent();
        }
    }

    private static ApiResult Metrics(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var uuids = EndpointSupport.StringArray(body["uuids"], "uuids", errors, required: true);
        if (errors.Any) return errors.ToResult();
        // The document shows no body for "Metrics per list": the minimal reading sends none.
        if (req.Reading == SandboxReading.Minimal) return ApiResult.Empty();
        var store = req.Team;
        lock (store.Gate)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in store.Contacts.Values)
            {
                counts[c.ListUuid] = counts.GetValueOrDefault(c.ListUuid) + 1;
            }
            var data = new JsonArray();
            foreach (var uuid in uuids!.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                // Lists the team does not have are left out, as a join on the team's lists would.
                if (store.FindList(uuid) is not { } list) continue;
                data.Add(new JsonObject { ["uuid"] = list.Uuid, ["leads_count"] = counts.GetValueOrDefault(list.Uuid) });
            }
            return ApiResult.Json(new JsonObject { ["data"] = data });
        }
    }

    /// <summary>Lists in the order pages show them: oldest first (uuid only breaks exact ties).</summary>
    private static IEnumerable<LeadList> Ordered(TeamStore store) =>
        store.Lists.OrderBy(l => l.CreatedAt).ThenBy(l => l.Uuid, StringComparer.Ordinal);
}
