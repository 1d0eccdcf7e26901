using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>Custom field definitions (page, create, update) and values on leads.</summary>
internal static partial class CustomFieldEndpoints
{
    /// <summary>The contract's cap on custom fields per object type.</summary>
    public const int MaxPerObject = 100;

    private static readonly string[] _objects = ["lead", "company"];

    public static void Map(Router r)
    {
        r.Map("GET", "/leads/api/custom-fields", Page);
        r.Map("POST", "/leads/api/custom-fields", Create);
        r.Map("PUT", "/leads/api/custom-fields/{uuid}", Update);
        r.Map("DELETE", "/leads/api/custom-fields/{uuid}", Delete);
        r.Map("POST", "/leads/api/custom-field-values", SetValue);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NamePattern();

    private static ApiResult Page(ApiRequest req)
    {
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromQuery(req.Query, req.Sandbox.Options.MaxPageSize, errors);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var fields = store.CustomFields.OrderBy(f => f.Object).ThenBy(f => f.Order).ThenBy(f => f.CreatedAt).ToList();
            return EndpointSupport.Page(fields, limit, offset, f => f.ToJson(), PageShapes.For(PageShapes.CustomFields, req.Reading));
        }
    }

    private static ApiResult Create(ApiRequest req)
    {
        var body = req.Object();
        var store = req.Team;
        lock (store.Gate)
        {
            var errors = new ValidationErrors();
            var name = EndpointSupport.RequiredString(body, "name", errors);
            var objectName = EndpointSupport.RequiredString(body, "object", errors);
            if (objectName is not null && !_objects.Contains(objectName)) errors.Add("object", "The selected object is invalid.");
            var order = EndpointSupport.OptionalInt(body, "order", errors);
            if (name is not null && objectName is not null) CheckName(store, name, objectName, null, errors);
            if (objectName is not null && store.CustomFields.Count(f => f.Object == objectName) >= MaxPerObject)
            {
                errors.Add("object", $"A team may not have more than {MaxPerObject} custom fields for {objectName}.");
            }
            if (errors.Any) return errors.ToResult();
            var field = new CustomField
            {
                Uuid = EndpointSupport.NewUuid(),
                TeamId = store.TeamId,
                UserId = store.User.Id,
                Name = name!,
                Object = objectName!,
                Order = order ?? store.CustomFields.Where(f => f.Object == objectName).Select(f => f.Order).DefaultIfEmpty(0).Max() + 1,
                CreatedAt = store.Now(),
            };
            store.CustomFields.Add(field);
            store.SchemaChanged();
            return ApiResult.Json(field.ToJson(), 201);
        }
    }

    private static ApiResult Update(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var field = store.FindField(req.Id);
            if (field is null) return ApiErrors.NotFound("Custom field");
            var body = req.Object();
            var errors = new ValidationErrors();
            var name = EndpointSupport.OptionalString(body, "name", errors);
            var order = EndpointSupport.OptionalInt(body, "order", errors);
            if (name is not null) CheckName(store, name, field.Object, field, errors);
            if (errors.Any) return errors.ToResult();
            if (name is not null) field.Name = name;
            if (order is not null) field.Order = order.Value;
            // Contacts show values under the field's name, in field order: every cached
            // contact JSON is stale now.
            store.SchemaChanged();
            return ApiResult.Json(field.ToJson());
        }
    }

    private static ApiResult SetValue(ApiRequest req)
    {
        var body = req.Object();
        var store = req.Team;
        lock (store.Gate)
        {
            var errors = new ValidationErrors();
            var fieldUuid = EndpointSupport.RequiredString(body, "custom_field_uuid", errors);
            var objectType = EndpointSupport.RequiredString(body, "object_type", errors);
            var objectUuid = EndpointSupport.RequiredString(body, "object_uuid", errors);
            var field = store.FindField(fieldUuid);
            if (fieldUuid is not null && field is null) errors.Add("custom_field_uuid", "The selected custom field uuid is invalid.");
            if (objectType is not null && objectType is not ("lead" or "company")) errors.Add("object_type", "The selected object type is invalid.");
            if (field is not null && objectType is "lead" or "company" && field.Object != objectType) errors.Add("custom_field_uuid", $"The custom field does not belong to {objectType}s.");
            var contact = objectType == "lead" ? store.FindContact(objectUuid) : null;
            var company = objectType == "company" ? store.FindCompany(objectUuid) : null;
            if (objectUuid is not null && contact is null && company is null) errors.Add("object_uuid", "The selected object uuid is invalid.");
            CustomValue? value = null;
            if (!body.ContainsKey("value")) errors.Add("value", "The value field must be present.");
            else if (!LeadWrites.TryCustomValue(body["value"], out value)) errors.Add("value", "The value must be a string, number, boolean or null.");
            if (errors.Any) return errors.ToResult();

            var now = store.Now();
            if (company is not null)
            {
                if (value is { } set) company.CustomFields[field!.Uuid] = set;
                else company.CustomFields.Remove(field!.Uuid);
                company.UpdatedAt = Math.Max(now, company.CreatedAt);
            }
            else
            {
                store.Mutate(contact!, c => LeadWrites.SetCustomField(c, field!.Uuid, value));
            }
            var objectKey = company?.Uuid ?? contact!.Uuid;
            var key = (field!.Uuid, objectKey);
            if (!store.ValueRecords.TryGetValue(key, out var record)) store.ValueRecords[key] = record = (EndpointSupport.NewUuid(), now);
            // The document: 201 with the custom-field-value, whose value is a string or null.
            return ApiResult.Json(new JsonObject
            {
                ["uuid"] = record.Uuid,
                ["team_id"] = store.TeamId,
                ["custom_field_uuid"] = field.Uuid,
                ["object_type"] = objectType,
                ["object_uuid"] = objectKey,
                ["value"] = value?.ToString(),
                ["created_at"] = Timestamps.Format(record.CreatedAt),
                ["updated_at"] = Timestamps.Format(now),
            }, 201);
        }
    }

    /// <summary>Deletes a field definition and every value of it.</summary>
    private static ApiResult Delete(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var field = store.FindField(req.Id);
            if (field is null) return ApiErrors.NotFound("Custom field");
            store.CustomFields.Remove(field);
            foreach (var c in store.Contacts.Values.Where(c => c.CustomFields.ContainsKey(field.Uuid)).ToList())
            {
                store.Mutate(c, x => x.CustomFields.Remove(field.Uuid));
            }
            foreach (var key in store.ValueRecords.Keys.Where(k => k.Field == field.Uuid).ToList()) store.ValueRecords.Remove(key);
            foreach (var company in store.Companies.Values) company.CustomFields.Remove(field.Uuid);
            store.SchemaChanged();
            return ApiResult.NoContent();
        }
    }

    private static void CheckName(TeamStore store, string name, string objectName, CustomField? self, ValidationErrors errors)
    {
        if (!NamePattern().IsMatch(name))
        {
            errors.Add("name", "The name must start with a letter or underscore and hold only letters, digits and underscores.");
        }
        else if (store.CustomFields.Any(f => f != self && f.Object == objectName && f.Name == name))
        {
            errors.Add("name", "The name has already been taken.");
        }
    }
}
