using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// Activities: paged with the JSON-string <c>filter</c> the document describes (type, lead_uuid,
/// company_uuid, created_at with operators), and create on a contact or company.
/// </summary>
internal static class ActivityEndpoints
{
    public static void Map(Router r)
    {
        r.Map("GET", "/leads/api/activities", List);
        r.Map("POST", "/leads/api/activities", Create);
    }

    private static ApiResult List(ApiRequest req)
    {
        // A missing filter breaks the contract (the check records query-required); it is
        // answered as {} so that a server ignoring the filter can be played (ignore-filter).
        var text = req.Query["filter"].ToString();
        var errors = new ValidationErrors();
        var match = Filter(text.Length == 0 ? "{}" : text, errors);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            return NoteEndpoints.OrderedPage(req, store.Activities.Where(match!).ToList(), a => a.CreatedAt, null, a => a.Uuid, a => a.ToJson());
        }
    }

    private static ApiResult Create(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var store = req.Team;
        lock (store.Gate)
        {
            var (obj, uuid) = NoteEndpoints.Subject(body, "object_type", errors, store);
            if (!JsonRead.TryString(body, "type", out var type) || string.IsNullOrWhiteSpace(type))
            {
                errors.Add("type", "The type field is required.");
            }
            if (errors.Any) return errors.ToResult();
            var activity = new Activity
            {
                Uuid = EndpointSupport.NewUuid(), TeamId = store.TeamId, ObjectType = obj!, ObjectUuid = uuid!, Type = type!.Trim(),
                Payload = body["payload"] is JsonObject payload ? (JsonObject)payload.DeepClone() : [], CreatedAt = store.Now(),
            };
            store.Activities.Add(activity);
            return ApiResult.Json(activity.ToJson(), 201);
        }
    }

    /// <summary>
    /// The filter: a JSON object; <c>type</c>, <c>lead_uuid</c>, <c>company_uuid</c> compare as
    /// equal (UUIDs ignoring case), <c>created_at</c> is a date or an operator object (=, &lt;,
    /// &lt;=, &gt;, &gt;=, ANDed) compared as instants. Other keys are ignored, as the lead search
    /// ignores keys that are not fields.
    /// </summary>
    private static Func<Activity, bool>? Filter(string text, ValidationErrors errors)
    {
        JsonObject filter;
        try
        {
            filter = JsonNode.Parse(text) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            errors.Add("filter", "The filter must be a valid JSON object.");
            return null;
        }
        var tests = new List<Func<Activity, bool>>();
        if (Str(filter, "type", errors) is { } type) tests.Add(a => a.Type == type);
        if (Str(filter, "lead_uuid", errors) is { } lead) tests.Add(a => a.ObjectType == "lead" && string.Equals(a.ObjectUuid, lead, StringComparison.OrdinalIgnoreCase));
        if (Str(filter, "company_uuid", errors) is { } company) tests.Add(a => a.ObjectType == "company" && string.Equals(a.ObjectUuid, company, StringComparison.OrdinalIgnoreCase));
        if (filter["created_at"] is { } created)
        {
            var conditions = created is JsonObject ops ? ops.Select(p => (p.Key, p.Value)).ToList() : [("=", created)];
            foreach (var (op, value) in conditions)
            {
                if (op is not ("=" or "<" or "<=" or ">" or ">=") || JsonRead.Kind(value) != JsonValueKind.String || !Timestamps.TryParse(value!.GetValue<string>(), out var ticks))
                {
                    errors.Add("filter.created_at", "The created at filter must be a date or an object of operators (=, <, <=, >, >=) and dates.");
                    return null;
                }
                tests.Add(op switch
                {
                    "=" => a => a.CreatedAt == ticks,
                    "<" => a => a.CreatedAt < ticks,
                    "<=" => a => a.CreatedAt <= ticks,
                    ">" => a => a.CreatedAt > ticks,
                    _ => a => a.CreatedAt >= ticks,
                });
            }
        }
        return errors.Any ? null : a => tests.All(t => t(a));
    }

    private static string? Str(JsonObject filter, string key, ValidationErrors errors)
    {
        if (JsonRead.TryString(filter, key, out var value)) return value;
        errors.Add($"filter.{key}", $"The {JsonRead.Words(key)} filter must be a string.");
        return null;
    }
}
