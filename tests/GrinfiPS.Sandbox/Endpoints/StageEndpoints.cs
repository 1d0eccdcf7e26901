using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>Pipeline stages: list by object, create, update, delete (custom only).</summary>
internal static class StageEndpoints
{
    private static readonly string[] _objects = ["lead", "company"];
    private static readonly string[] _categories = ["cold", "engaging", "positive", "negative"];

    public static void Map(Router r)
    {
        r.Map("GET", "/leads/api/pipeline-stages", List);
        r.Map("POST", "/leads/api/pipeline-stages", Create);
        r.Map("PUT", "/leads/api/pipeline-stages/{uuid}", Update);
        r.Map("DELETE", "/leads/api/pipeline-stages/{uuid}", Delete);
    }

    private static ApiResult List(ApiRequest req)
    {
        // The contract's form is ?filter={"object":"lead"} (a JSON string); the bracket
        // form filter[object]=lead is accepted too, like the other list endpoints.
        var objectName = EndpointSupport.QueryFilter(req.Query, "object");
        var raw = req.Query["filter"].ToString();
        if (objectName is null && raw.Length > 0)
        {
            JsonNode? filter;
            try
            {
                filter = JsonNode.Parse(raw);
            }
            catch (JsonException)
            {
                return ApiErrors.Validation("filter", "The filter must be a valid JSON string.");
            }
            if (filter is JsonObject obj && JsonRead.Kind(obj["object"]) == JsonValueKind.String)
            {
                objectName = obj["object"]!.GetValue<string>();
            }
        }
        if (objectName is null) return ApiErrors.Validation("filter.object", "The filter.object field is required.");
        if (!_objects.Contains(objectName)) return ApiErrors.Validation("filter.object", "The selected filter.object is invalid.");

        var store = req.Team;
        lock (store.Gate)
        {
            var data = new JsonArray(store.Stages
                .Where(s => s.Object == objectName)
                .OrderBy(s => s.Order).ThenBy(s => s.CreatedAt)
                .Select(s => (JsonNode?)s.ToJson())
                .ToArray());
            return ApiResult.Json(new JsonObject { ["data"] = data });
        }
    }

    private static ApiResult Create(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var name = EndpointSupport.RequiredString(body, "name", errors);
        var objectName = EndpointSupport.RequiredString(body, "object", errors);
        if (objectName is not null && !_objects.Contains(objectName)) errors.Add("object", "The selected object is invalid.");
        var category = EndpointSupport.RequiredString(body, "category", errors);
        if (category is not null && !_categories.Contains(category)) errors.Add("category", "The selected category is invalid.");
        var order = EndpointSupport.OptionalInt(body, "order", errors);
        if (errors.Any) return errors.ToResult();

        var store = req.Team;
        lock (store.Gate)
        {
            var stage = new PipelineStage
            {
                Uuid = EndpointSupport.NewUuid(),
                TeamId = store.TeamId,
                Name = name!,
                Object = objectName!,
                Type = "custom",
                Category = category!,
                // Without an order the stage goes last.
                Order = order ?? store.Stages.Where(s => s.Object == objectName).Select(s => s.Order).DefaultIfEmpty(0).Max() + 1,
                CreatedAt = store.Now(),
            };
            store.Stages.Add(stage);
            return ApiResult.Json(stage.ToJson(), 201);
        }
    }

    private static ApiResult Update(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var stage = store.FindStage(req.Id);
            if (stage is null) return ApiErrors.NotFound("Pipeline stage");
            var body = req.Object();
            var errors = new ValidationErrors();
            var name = EndpointSupport.OptionalString(body, "name", errors);
            var category = EndpointSupport.OptionalString(body, "category", errors);
            if (category is not null && !_categories.Contains(category)) errors.Add("category", "The selected category is invalid.");
            var order = EndpointSupport.OptionalInt(body, "order", errors);
            if (errors.Any) return errors.ToResult();
            if (name is not null) stage.Name = name;
            if (category is not null) stage.Category = category;
            if (order is not null) stage.Order = order.Value;
            return ApiResult.Json(stage.ToJson());
        }
    }

    private static ApiResult Delete(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var stage = store.FindStage(req.Id);
            if (stage is null) return ApiErrors.NotFound("Pipeline stage");
            if (stage.Type != "custom") return ApiErrors.Validation("type", "Only custom pipeline stages can be deleted.");
            store.Stages.Remove(stage);
            foreach (var c in store.Contacts.Values.Where(c => c.PipelineStageUuid == stage.Uuid).ToList())
            {
                store.Mutate(c, x =>
                {
                    x.PipelineStageUuid = null;
                    return true;
                });
            }
            return ApiResult.NoContent();
        }
    }
}
