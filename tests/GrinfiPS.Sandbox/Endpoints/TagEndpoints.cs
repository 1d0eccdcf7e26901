using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>Tags: all (not paged), create, update, delete (removed from every contact).</summary>
internal static partial class TagEndpoints
{
    /// <summary>Colour of a tag made without one.</summary>
    public const string DefaultColor = "#64748b";

    public static void Map(Router r)
    {
        r.Map("GET", "/leads/api/tags", List);
        r.Map("POST", "/leads/api/tags", Create);
        r.Map("PUT", "/leads/api/tags/{uuid}", Update);
        r.Map("DELETE", "/leads/api/tags/{uuid}", Delete);
        r.Map("POST", "/leads/api/tags/metrics", Metrics);
    }

    private static ApiResult Metrics(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var uuids = EndpointSupport.StringArray(body["uuids"], "uuids", errors, required: true);
        EndpointSupport.StringArray(body["metrics"], "metrics", errors, required: true);
        if (errors.Any) return errors.ToResult();
        // The document shows no body for "Metrics per tag": the minimal reading sends none.
        if (req.Reading == SandboxReading.Minimal) return ApiResult.Empty();
        var store = req.Team;
        lock (store.Gate)
        {
            var data = new JsonArray();
            foreach (var uuid in uuids!.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (store.FindTag(uuid) is not { } tag) continue;
                data.Add(new JsonObject
                {
                    ["uuid"] = tag.Uuid,
                    ["leads_count"] = store.Contacts.Values.Count(c => c.Tags.Contains(tag.Uuid)),
                    ["companies_count"] = 0,
                });
            }
            return ApiResult.Json(new JsonObject { ["data"] = data });
        }
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex ColorPattern();

    private static ApiResult List(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var data = new JsonArray(store.Tags.OrderBy(t => t.CreatedAt).Select(t => (JsonNode?)t.ToJson()).ToArray());
            return ApiResult.Json(new JsonObject { ["data"] = data });
        }
    }

    private static ApiResult Create(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var name = EndpointSupport.RequiredString(body, "name", errors);
        var color = Color(body, errors);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var now = store.Now();
            var tag = new Tag { Uuid = EndpointSupport.NewUuid(), TeamId = store.TeamId, Name = name!, Color = color ?? DefaultColor, CreatedAt = now, UpdatedAt = now };
            store.Tags.Add(tag);
            return ApiResult.Json(tag.ToJson(), 201);
        }
    }

    private static ApiResult Update(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var tag = store.FindTag(req.Id);
            if (tag is null) return ApiErrors.NotFound("Tag");
            var body = req.Object();
            var errors = new ValidationErrors();
            var name = EndpointSupport.OptionalString(body, "name", errors);
            var color = Color(body, errors);
            if (errors.Any) return errors.ToResult();
            if ((name is not null && name != tag.Name) || (color is not null && color != tag.Color))
            {
                tag.Name = name ?? tag.Name;
                tag.Color = color ?? tag.Color;
                tag.UpdatedAt = store.Now();
            }
            return ApiResult.Json(tag.ToJson());
        }
    }

    private static ApiResult Delete(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var tag = store.FindTag(req.Id);
            if (tag is null) return ApiErrors.NotFound("Tag");
            store.Tags.Remove(tag);
            foreach (var c in store.Contacts.Values.Where(c => c.Tags.Contains(tag.Uuid)).ToList())
            {
                store.Mutate(c, x => x.Tags.Remove(tag.Uuid));
            }
            return ApiResult.NoContent();
        }
    }

    private static string? Color(JsonObject body, ValidationErrors errors)
    {
        if (JsonRead.IsNullOrMissing(body, "color")) return null;
        if (!JsonRead.TryString(body, "color", out var color) || color is null || !ColorPattern().IsMatch(color))
        {
            errors.Add("color", "The color must be a #rrggbb colour.");
            return null;
        }
        return color;
    }
}
