using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// Writing lead fields, shared by upsert, PUT and file imports: which fields are writable,
/// how they are validated, how duplicates are found, how custom field values are set.
/// </summary>
internal static class LeadWrites
{
    /// <summary>The writable fields (upsert <c>lead</c> and PUT body); <c>linkedin_id</c> is upsert only.</summary>
    public static readonly string[] Writable =
        ["linkedin_id", "first_name", "last_name", "company_name", "ln_id", "sn_id", "linkedin", "email", "about", "domain", "headline", "position", "raw_address"];

    /// <summary>
    /// The writable fields present in <paramref name="source"/>, trimmed, with empty strings
    /// as null (Laravel's default middleware does both). Other keys are ignored; a value
    /// that is not a string or null is a 422 named <c>&lt;prefix&gt;&lt;field&gt;</c>.
    /// </summary>
    public static Dictionary<string, string?> Parse(JsonObject source, string prefix, ValidationErrors errors, bool allowLinkedinId)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in Writable)
        {
            if (field == "linkedin_id" && !allowLinkedinId) continue;
            if (!source.TryGetPropertyValue(field, out var node)) continue;
            if (node is null)
            {
                values[field] = null;
                continue;
            }
            if (node.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(prefix + field, $"The {prefix}{field} must be a string.");
                continue;
            }
            var text = node.GetValue<string>().Trim();
            if (text.Length > 65535)
            {
                errors.Add(prefix + field, $"The {prefix}{field} is too long.");
                continue;
            }
            values[field] = text.Length == 0 ? null : text;
        }
        return values;
    }

    /// <summary>
    /// The upsert's write, shared with add-new-lead: the contact the values match (in the
    /// contract's duplicate order) is updated (with <paramref name="updateIfExists"/>) and moved
    /// (with <paramref name="moveToList"/>); else a new one is made in the list. Call under the
    /// lock, with <paramref name="values"/> holding a linkedin_id.
    /// </summary>
    public static (Contact Contact, bool Created) Upsert(TeamStore store, LeadList list, Dictionary<string, string?> values,
        Dictionary<string, CustomValue?> customFields, bool updateIfExists, bool moveToList)
    {
        var id = LinkedinId.Parse(values["linkedin_id"]!);
        var existing = FindDuplicate(store, id, values);
        if (existing is null)
        {
            var c = NewContact(store, list.Uuid);
            Apply(c, values, skipEmpty: true);
            ApplyLinkedinId(c, id);
            ApplyCustomFields(c, customFields);
            c.RefreshName();
            store.Add(c);
            return (c, true);
        }
        store.Mutate(existing, c =>
        {
            var changed = false;
            if (updateIfExists)
            {
                changed |= Apply(c, values, skipEmpty: true);
                changed |= ApplyLinkedinId(c, id);
                changed |= ApplyCustomFields(c, customFields);
            }
            // move_to_list stands on its own: it moves even when fields are not updated.
            if (moveToList && c.ListUuid != list.Uuid)
            {
                c.ListUuid = list.Uuid;
                changed = true;
            }
            return changed;
        });
        return (existing, false);
    }

    /// <summary>Sets fields on a contact; with <paramref name="skipEmpty"/> null values are left alone (upsert updates).</summary>
    public static bool Apply(Contact c, Dictionary<string, string?> values, bool skipEmpty)
    {
        var changed = false;
        foreach (var (field, value) in values)
        {
            if (skipEmpty && value is null) continue;
            changed |= Set(c, field, value);
        }
        return changed;
    }

    private static bool Set(Contact c, string field, string? value)
    {
        var old = field switch
        {
            "first_name" => c.FirstName,
            "last_name" => c.LastName,
            "company_name" => c.CompanyName,
            "ln_id" => c.LnId,
            "sn_id" => c.SnId,
            "linkedin" => c.Linkedin,
            "email" => c.WorkEmail,
            "about" => c.About,
            "domain" => c.Domain,
            "headline" => c.Headline,
            "position" => c.Position,
            "raw_address" => c.RawAddress,
            _ => null,
        };
        if (field == "linkedin_id" || string.Equals(old, value, StringComparison.Ordinal)) return false;
        switch (field)
        {
            case "first_name": c.FirstName = value; break;
            case "last_name": c.LastName = value; break;
            case "company_name": c.CompanyName = value; break;
            case "ln_id": c.LnId = value; break;
            case "sn_id": c.SnId = value; break;
            case "linkedin": c.Linkedin = value; break;
            case "email": c.WorkEmail = value; break;
            case "about": c.About = value; break;
            case "domain": c.Domain = value; break;
            case "headline": c.Headline = value; break;
            case "position": c.Position = value; break;
            case "raw_address": c.RawAddress = value; break;
        }
        return true;
    }

    /// <summary>
    /// The existing contact an upsert or import row duplicates, trying the contract's keys in
    /// order — member id, ln_id, sn_id, LinkedIn handle, work email, personal email, name +
    /// company — first hit wins.
    /// </summary>
    public static Contact? FindDuplicate(TeamStore store, LinkedinId? id, Dictionary<string, string?> values)
    {
        values.TryGetValue("email", out var email);
        values.TryGetValue("linkedin", out var linkedinUrl);
        var handle = id?.Handle ?? LinkedinId.HandleFromUrl(linkedinUrl);
        return store.FindByLnId(id?.MemberId)
            ?? store.FindByLnId(Get(values, "ln_id"))
            ?? store.FindBySnId(Get(values, "sn_id"))
            ?? store.FindByHandle(handle)
            ?? store.FindByWorkEmail(email)
            ?? store.FindByPersonalEmail(email)
            ?? store.FindByNameAndCompany(FullName(Get(values, "first_name"), Get(values, "last_name")), Get(values, "company_name"));
    }

    /// <summary>Fills the LinkedIn URL or member id an upsert's linkedin_id implies, where the contact has none.</summary>
    public static bool ApplyLinkedinId(Contact c, LinkedinId id)
    {
        var changed = false;
        if (id.Handle is { } handle && c.Linkedin is null)
        {
            c.Linkedin = LinkedinId.ProfileUrl(handle);
            changed = true;
        }
        if (id.MemberId is { } member && c.LnId is null)
        {
            c.LnId = member;
            changed = true;
        }
        return changed;
    }

    /// <summary>
    /// Parses <c>custom_fields</c> ({name: value}); unknown names are a 422 naming
    /// <c>custom_fields.&lt;name&gt;</c>. The result maps field uuid to value (null clears).
    /// </summary>
    public static Dictionary<string, CustomValue?> ParseCustomFields(TeamStore store, JsonNode? node, ValidationErrors errors)
    {
        var result = new Dictionary<string, CustomValue?>(StringComparer.Ordinal);
        if (node is null || node is JsonArray { Count: 0 }) return result;
        if (node is not JsonObject obj)
        {
            errors.Add("custom_fields", "The custom fields must be an object.");
            return result;
        }
        foreach (var (name, value) in obj)
        {
            var field = store.FindLeadFieldByName(name);
            if (field is null)
            {
                errors.Add($"custom_fields.{name}", $"The custom field {name} does not exist.");
                continue;
            }
            if (!TryCustomValue(value, out var parsed))
            {
                errors.Add($"custom_fields.{name}", $"The custom field {name} must be a string, number or boolean.");
                continue;
            }
            result[field.Uuid] = parsed;
        }
        return result;
    }

    /// <summary>A custom field value from JSON: a scalar, or null to clear.</summary>
    public static bool TryCustomValue(JsonNode? node, out CustomValue? value)
    {
        value = null;
        switch (JsonRead.Kind(node))
        {
            case JsonValueKind.Null: return true;
            case JsonValueKind.String: value = CustomValue.FromString(node!.GetValue<string>()); return true;
            case JsonValueKind.Number: value = new CustomValue(JsonValueKind.Number, node!.ToJsonString()); return true;
            case JsonValueKind.True: value = new CustomValue(JsonValueKind.True, "true"); return true;
            case JsonValueKind.False: value = new CustomValue(JsonValueKind.False, "false"); return true;
            default: return false;
        }
    }

    public static bool ApplyCustomFields(Contact c, Dictionary<string, CustomValue?> values)
    {
        var changed = false;
        foreach (var (uuid, value) in values)
        {
            changed |= SetCustomField(c, uuid, value);
        }
        return changed;
    }

    public static bool SetCustomField(Contact c, string fieldUuid, CustomValue? value)
    {
        if (value is not { } v) return c.CustomFields.Remove(fieldUuid);
        if (c.CustomFields.TryGetValue(fieldUuid, out var old) && old == v) return false;
        c.CustomFields[fieldUuid] = v;
        return true;
    }

    /// <summary>A new contact as the API creates one: in a list, no stage, nothing else yet.</summary>
    public static Contact NewContact(TeamStore store, string listUuid)
    {
        var now = store.Now();
        return new Contact(EndpointSupport.NewUuid())
        {
            TeamId = store.TeamId,
            UserId = store.User.Id,
            ListUuid = listUuid,
            CreatedAt = now,
            UpdatedAt = now,
            Status = "active",
            LinkedinStatus = "not_connected",
        };
    }

    private static string? Get(Dictionary<string, string?> values, string key) =>
        values.TryGetValue(key, out var v) ? v : null;

    private static string? FullName(string? first, string? last) =>
        first is null ? last : last is null ? first : first + " " + last;
}
