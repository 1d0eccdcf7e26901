using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>Contacts: search, get, lookup-one, upsert, update, delete, count.</summary>
internal static class LeadEndpoints
{
    public static void Map(Router r)
    {
        r.Map("POST", "/leads/api/leads/search", Search);
        r.Map("POST", "/leads/api/leads/lookup-one", LookupOne);
        r.Map("POST", "/leads/api/leads/upsert", Upsert);
        r.Map("POST", "/leads/api/leads/count", Count);
        r.Map("GET", "/leads/api/leads/{uuid}", Get);
        r.Map("PUT", "/leads/api/leads/{uuid}", Update);
        r.Map("DELETE", "/leads/api/leads/{uuid}", Delete);
    }

    private static ApiResult Search(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromBody(body, req.Sandbox.Options.MaxPageSize, errors);
        var order = LeadField.CreatedAt;
        if (!JsonRead.IsNullOrMissing(body, "order_field"))
        {
            if (JsonRead.Kind(body["order_field"]) == JsonValueKind.String
                && LeadField.All.TryGetValue(body["order_field"]!.GetValue<string>(), out var field) && field.Sortable)
            {
                order = field;
            }
            else
            {
                errors.Add("order_field", "The selected order field is invalid.");
            }
        }
        var desc = false;
        if (!JsonRead.IsNullOrMissing(body, "order_type"))
        {
            var type = JsonRead.Kind(body["order_type"]) == JsonValueKind.String ? body["order_type"]!.GetValue<string>() : null;
            if (type is "asc" or "desc") desc = type == "desc";
            else errors.Add("order_type", "The selected order type is invalid.");
        }
        if (errors.Any) return errors.ToResult();
        var filter = LeadFilter.Parse(body["filter"]);

        var store = req.Team;
        byte[][] page;
        int total;
        lock (store.Gate)
        {
            var result = LeadQuery.Search(store, filter, order, desc, offset, limit);
            page = new byte[result.Page.Count][];
            for (var i = 0; i < page.Length; i++) page[i] = store.Json(result.Page[i], req.Reading);
            total = result.Total;
        }
        return ApiResult.RawPage(page, limit, offset, total, PageShapes.For(PageShapes.Leads, req.Reading));
    }

    private static ApiResult Get(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            return store.FindContact(req.Id) is { } c ? Lead(req, store, c) : ApiErrors.NotFound("Lead");
        }
    }

    private static ApiResult LookupOne(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        string? Text(string field)
        {
            if (!JsonRead.TryString(body, field, out var value)) errors.Add(field, $"The {JsonRead.Words(field)} must be a string.");
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }
        var linkedinId = Text("linkedin_id");
        var email = Text("email");
        var name = Text("name");
        var company = Text("company_name");
        if (errors.Any) return errors.ToResult();
        if (linkedinId is null && email is null && (name is null || company is null))
        {
            return ApiErrors.Validation("linkedin_id", "The linkedin id field is required when none of email / name and company name are present.");
        }

        var store = req.Team;
        lock (store.Gate)
        {
            Contact? found = null;
            if (linkedinId is not null)
            {
                var id = LinkedinId.Parse(linkedinId);
                found = store.FindByLnId(id.MemberId) ?? store.FindByHandle(id.Handle);
            }
            if (found is null && email is not null) found = store.FindByWorkEmail(email) ?? store.FindByPersonalEmail(email);
            if (found is null && name is not null && company is not null) found = store.FindByNameAndCompany(name, company);
            return found is null ? ApiErrors.NotFound("Lead") : Lead(req, store, found);
        }
    }

    private static ApiResult Upsert(ApiRequest req)
    {
        var body = req.Object();
        var store = req.Team;
        var errors = new ValidationErrors();
        lock (store.Gate)
        {
            var leadNode = body["lead"];
            var lead = leadNode as JsonObject;
            if (lead is null || lead.Count == 0)
            {
                errors.Add("lead", leadNode is null or JsonObject ? "The lead field is required." : "The lead must be an object.");
            }
            var listUuid = EndpointSupport.RequiredString(body, "list_uuid", errors);
            var list = store.FindList(listUuid);
            if (listUuid is not null && list is null) errors.Add("list_uuid", "The selected list uuid is invalid.");

            var values = lead is null ? [] : LeadWrites.Parse(lead, "lead.", errors, allowLinkedinId: true);
            values.TryGetValue("linkedin_id", out var linkedinId);
            if (lead is { Count: > 0 } && linkedinId is null && !errors.Has("lead.linkedin_id"))
            {
                errors.Add("lead.linkedin_id", "The lead.linkedin id field is required.");
            }
            var customFields = LeadWrites.ParseCustomFields(store, body["custom_fields"], errors);
            var updateIfExists = Flag(body, "update_if_exists", true, errors);
            var moveToList = Flag(body, "move_to_list", false, errors);
            if (errors.Any) return errors.ToResult();

            var (contact, _) = LeadWrites.Upsert(store, list!, values, customFields, updateIfExists, moveToList);
            // The document: 200 for a create and an update alike.
            return Lead(req, store, contact);
        }
    }

    private static ApiResult Update(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var contact = store.FindContact(req.Id);
            if (contact is null) return ApiErrors.NotFound("Lead");
            var errors = new ValidationErrors();
            // custom_fields (and every other key that is not writable) are ignored, as the contract says.
            var values = LeadWrites.Parse(req.Object(), "", errors, allowLinkedinId: false);
            if (errors.Any) return errors.ToResult();
            store.Mutate(contact, c => LeadWrites.Apply(c, values, skipEmpty: false));
            return Lead(req, store, contact);
        }
    }

    private static ApiResult Delete(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var contact = store.FindContact(req.Id);
            if (contact is null) return ApiErrors.NotFound("Lead");
            ScheduleDelete(req.Sandbox, store, [contact]);
            return ApiResult.NoContent();
        }
    }

    private static ApiResult Count(ApiRequest req)
    {
        var body = req.Object();
        var all = !JsonRead.IsNullOrMissing(body, "all") && JsonRead.TryBoolean(body["all"], out var a) && a;
        // {all: true, filter: {...}} counts the contacts matching the filter; {ids, all: false} the given ones.
        var selection = body.ContainsKey("filter") && (all || !body.ContainsKey("ids"))
            ? ContactSelection.Parse(body["filter"] is JsonObject f ? WithAll(f) : null, requireSelector: false, maxIds: null)
            : ContactSelection.Parse(body, requireSelector: false, maxIds: null);
        var store = req.Team;
        int total;
        lock (store.Gate)
        {
            total = selection.Ids is null && selection.Excluded.Count == 0
                ? LeadQuery.Search(store, selection.Filter ?? LeadFilter.Empty, LeadField.CreatedAt, false, 0, 0).Total
                : selection.Resolve(store).Count;
        }
        return ApiResult.Json(new JsonObject { ["total"] = total });
    }

    /// <summary>
    /// Deletes contacts now, or — with a delete delay — as a background job, the way the
    /// real API queues deletes: until it runs the contacts are still there. Call under the lock.
    /// </summary>
    public static void ScheduleDelete(SandboxContext sandbox, TeamStore store, List<Contact> contacts)
    {
        var delay = sandbox.Options.DeleteDelayMs;
        if (delay <= 0)
        {
            store.RemoveMany(contacts);
            return;
        }
        store.ChangePendingDeletes(contacts.Count);
        sandbox.Jobs.Schedule(delay, () =>
        {
            lock (store.Gate)
            {
                store.RemoveMany(contacts);
            }
            store.ChangePendingDeletes(-contacts.Count);
        });
    }

    private static JsonObject WithAll(JsonObject filter)
    {
        var copy = (JsonObject)filter.DeepClone();
        copy["all"] = true;
        return copy;
    }

    /// <summary>The lead as the API serves it in the request's reading; call under the lock.</summary>
    public static ApiResult Lead(ApiRequest req, TeamStore store, Contact c, int status = 200) =>
        new(status, store.Json(c, req.Reading), ApiResult.JsonType);

    internal static bool Flag(JsonObject body, string field, bool fallback, ValidationErrors errors)
    {
        if (JsonRead.IsNullOrMissing(body, field)) return fallback;
        if (JsonRead.TryBoolean(body[field], out var value)) return value;
        errors.Add(field, $"The {JsonRead.Words(field)} field must be true or false.");
        return fallback;
    }
}
