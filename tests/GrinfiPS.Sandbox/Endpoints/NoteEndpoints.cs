using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// Notes: the team's notes paged (no filter, no total in the minimal reading: the document shows
/// only <c>data</c>), create on a contact or company, update the text, delete.
/// </summary>
internal static class NoteEndpoints
{
    public static void Map(Router r)
    {
        r.Map("GET", "/leads/api/notes", List);
        r.Map("POST", "/leads/api/notes", Create);
        r.Map("PUT", "/leads/api/notes/{uuid}", Update);
        r.Map("DELETE", "/leads/api/notes/{uuid}", Delete);
    }

    private static ApiResult List(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            return OrderedPage(req, store.Notes, n => n.CreatedAt, n => n.UpdatedAt, n => n.Uuid, n => n.ToJson());
        }
    }

    private static ApiResult Create(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var store = req.Team;
        lock (store.Gate)
        {
            var (obj, uuid) = Subject(body, "object", errors, store);
            var text = Text(body, errors);
            if (errors.Any) return errors.ToResult();
            var now = store.Now();
            var note = new Note { Uuid = EndpointSupport.NewUuid(), TeamId = store.TeamId, UserId = store.User.Id, Object = obj!, ObjectUuid = uuid!, Text = text!, CreatedAt = now, UpdatedAt = now };
            store.Notes.Add(note);
            return ApiResult.Json(note.ToJson(), 201);
        }
    }

    private static ApiResult Update(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var note = store.Notes.FirstOrDefault(n => string.Equals(n.Uuid, req.Id, StringComparison.OrdinalIgnoreCase));
            if (note is null) return ApiErrors.NotFound("Note");
            var errors = new ValidationErrors();
            var text = Text(req.Object(), errors);
            if (errors.Any) return errors.ToResult();
            if (text != note.Text)
            {
                note.Text = text!;
                note.UpdatedAt = Math.Max(store.Now(), note.CreatedAt);
            }
            return ApiResult.Json(note.ToJson());
        }
    }

    private static ApiResult Delete(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var removed = store.Notes.RemoveAll(n => string.Equals(n.Uuid, req.Id, StringComparison.OrdinalIgnoreCase));
            return removed == 0 ? ApiErrors.NotFound("Note") : ApiResult.NoContent();
        }
    }

    /// <summary>The note's text: required, at most 65,535 characters (a text column), kept as given.</summary>
    private static string? Text(JsonObject body, ValidationErrors errors)
    {
        if (!JsonRead.TryString(body, "note", out var text) || string.IsNullOrWhiteSpace(text))
        {
            errors.Add("note", "The note field is required.");
            return null;
        }
        if (text.Length > 65_535)
        {
            errors.Add("note", "The note may not be greater than 65535 characters.");
            return null;
        }
        return text;
    }

    /// <summary>
    /// What a note or activity is on: <c>lead</c> and an existing contact of the team, or
    /// <c>company</c> and an existing company of the team.
    /// </summary>
    internal static (string? Object, string? Uuid) Subject(JsonObject body, string objectField, ValidationErrors errors, TeamStore store)
    {
        JsonRead.TryString(body, objectField, out var obj);
        JsonRead.TryString(body, "object_uuid", out var uuid);
        if (obj is not ("lead" or "company"))
        {
            errors.Add(objectField, $"The selected {JsonRead.Words(objectField)} is invalid.");
            return (null, null);
        }
        if (string.IsNullOrWhiteSpace(uuid))
        {
            errors.Add("object_uuid", "The object uuid field is required.");
            return (null, null);
        }
        var found = obj == "lead" ? store.FindContact(uuid.Trim())?.Uuid : store.FindCompany(uuid.Trim())?.Uuid;
        if (found is null)
        {
            errors.Add("object_uuid", "The selected object uuid is invalid.");
            return (null, null);
        }
        return (obj, found);
    }

    /// <summary>
    /// A page of records sorted by <c>order_field</c> (created_at, the default, or updated_at
    /// where the record has one) and <c>order_type</c>, ties by uuid. The minimal reading sends
    /// only <c>data</c>, as the document shows; the generous one adds limit, offset, total and has_more.
    /// </summary>
    internal static ApiResult OrderedPage<T>(ApiRequest req, IReadOnlyList<T> items, Func<T, long> createdAt, Func<T, long>? updatedAt, Func<T, string> uuid, Func<T, JsonNode> toJson)
    {
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromQuery(req.Query, req.Sandbox.Options.MaxPageSize, errors);
        var field = req.Query["order_field"].ToString();
        var type = req.Query["order_type"].ToString();
        Func<T, long>? key = field is "" or "created_at" ? createdAt : field == "updated_at" ? updatedAt : null;
        if (key is null) errors.Add("order_field", "The selected order field is invalid.");
        if (type is not ("" or "asc" or "desc")) errors.Add("order_type", "The selected order type is invalid.");
        if (errors.Any) return errors.ToResult();
        var sorted = type == "desc"
            ? items.OrderByDescending(key!).ThenByDescending(uuid, StringComparer.Ordinal).ToList()
            : items.OrderBy(key!).ThenBy(uuid, StringComparer.Ordinal).ToList();
        return EndpointSupport.Page(sorted, limit, offset, toJson, req.Reading == SandboxReading.Minimal ? PageFields.None : PageFields.All);
    }
}
