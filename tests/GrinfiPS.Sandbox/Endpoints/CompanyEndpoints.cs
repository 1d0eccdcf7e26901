using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// Companies: search, create, get, update, delete, lookup, their contacts, mass actions and
/// the CSV export, as the contract's operations define them. Where the document is silent
/// (what the search filter holds, how a lookup matches, the company mass-action payloads) the
/// sandbox's reading is in its README.
/// </summary>
internal static class CompanyEndpoints
{
    private static readonly HashSet<string> _selectorKeys = new(StringComparer.Ordinal) { "all", "ids" };

    private static readonly string[] _updatable =
        ["name", "domain", "website", "linkedin", "industry", "employees_range", "hq_raw_address", "phone", "about"];

    private static readonly string[] _creatable = ["name", "domain", "website", "linkedin", "industry", "employees_range", "hq_raw_address"];

    public static void Map(Router r)
    {
        r.Map("POST", "/leads/api/companies", Create);
        r.Map("POST", "/leads/api/companies/list", Search);
        r.Map("POST", "/leads/api/companies/lookup", Lookup);
        r.Map("POST", "/leads/api/companies/leads", Leads);
        r.Map("PUT", "/leads/api/companies/mass-action", MassAction);
        r.Map("GET", "/leads/api/companies/{uuid}", Get);
        r.Map("PUT", "/leads/api/companies/{uuid}", Update);
        r.Map("DELETE", "/leads/api/companies/{uuid}", Delete);
        r.Map("POST", "/leads/api/file-exports/companies", Export);
    }

    /// <summary>Companies matching a filter, in the default order (created_at, then tie order). Call under the lock.</summary>
    public static List<Company> All(TeamStore store, CompanyFilter filter) =>
        store.Companies.Values.Where(filter.Matches).OrderBy(c => c, Comparer<Company>.Create(Sort(CompanyField.All["created_at"], false))).ToList();

    private static ApiResult Search(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromBody(body, req.Sandbox.Options.MaxPageSize, errors);
        var orderName = EndpointSupport.OptionalString(body, "order_field", errors) ?? "created_at";
        if (!CompanyField.All.TryGetValue(orderName, out var order) || !order.Sortable) errors.Add("order_field", "The selected order field is invalid.");
        var orderType = EndpointSupport.OptionalString(body, "order_type", errors) ?? "desc";
        if (orderType is not ("asc" or "desc")) errors.Add("order_type", "The selected order type is invalid.");
        if (errors.Any) return errors.ToResult();
        var filter = CompanyFilter.Parse(body["filter"]);
        var store = req.Team;
        lock (store.Gate)
        {
            var matches = store.Companies.Values.Where(filter.Matches).ToList();
            matches.Sort(Sort(order!, orderType == "desc"));
            var page = matches.Skip(offset).Take(limit).Select(c => (JsonNode)c.ToJson(store, req.Reading)).ToList();
            return ApiResult.Page(page, limit, offset, matches.Count, PageShapes.For(PageShapes.Companies, req.Reading));
        }
    }

    private static ApiResult Create(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var items = body["companies"] as JsonArray;
        if (items is null || items.Count == 0) errors.Add("companies", "The companies field is required.");
        var listUuids = EndpointSupport.StringArray(body["list_uuids"], "list_uuids", errors, required: false) ?? [];
        var dataSource = EndpointSupport.OptionalString(body, "data_source_uuid", errors);
        var store = req.Team;
        lock (store.Gate)
        {
            var lists = new List<string>();
            for (var i = 0; i < listUuids.Count; i++)
            {
                if (store.FindList(listUuids[i]) is { } list) { if (!lists.Contains(list.Uuid)) lists.Add(list.Uuid); }
                else errors.Add($"list_uuids.{i}", $"The selected list_uuids.{i} is invalid.");
            }
            var drafts = new List<Dictionary<string, string?>>();
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                if (items![i] is not JsonObject item)
                {
                    errors.Add($"companies.{i}", $"The companies.{i} must be an object.");
                    continue;
                }
                var values = Values(item, _creatable, $"companies.{i}.", errors);
                if (values.GetValueOrDefault("name") is null) errors.Add($"companies.{i}.name", $"The companies.{i}.name field is required.");
                drafts.Add(values);
            }
            if (errors.Any) return errors.ToResult();
            var created = new JsonArray();
            foreach (var values in drafts)
            {
                var now = store.Now();
                var company = new Company(EndpointSupport.NewUuid())
                {
                    TeamId = store.TeamId, UserId = store.User.Id, DataSourceUuid = dataSource?.ToLowerInvariant(), CreatedAt = now, UpdatedAt = now,
                    Lists = [.. lists],
                };
                Apply(company, values);
                store.Companies[company.Uuid] = company;
                created.Add(company.ToJson(store, req.Reading));
            }
            // The document: 200 with the created companies.
            return ApiResult.Json(created);
        }
    }

    private static ApiResult Get(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            return store.FindCompany(req.Id) is { } company ? ApiResult.Json(company.ToJson(store, req.Reading)) : ApiErrors.NotFound("Company");
        }
    }

    private static ApiResult Update(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var company = store.FindCompany(req.Id);
            if (company is null) return ApiErrors.NotFound("Company");
            var body = req.Object();
            var errors = new ValidationErrors();
            var values = Values(body, _updatable, "", errors);
            if (body.ContainsKey("name") && values.GetValueOrDefault("name") is null) errors.Add("name", "The name field is required.");
            long? lnId = null;
            if (!JsonRead.IsNullOrMissing(body, "ln_id"))
            {
                if (JsonRead.TryInteger(body["ln_id"], out var id)) lnId = id;
                else errors.Add("ln_id", "The ln id must be an integer.");
            }
            string? stage = null;
            if (EndpointSupport.OptionalString(body, "lead_status_uuid", errors) is { } stageUuid)
            {
                stage = store.FindStage(stageUuid) is { Object: "company" } s ? s.Uuid : null;
                if (stage is null) errors.Add("lead_status_uuid", "The selected lead status uuid is invalid.");
            }
            if (errors.Any) return errors.ToResult();
            var changed = Apply(company, values);
            if (lnId is { } newId && company.LnId != newId) { company.LnId = newId; changed = true; }
            if (stage is not null && company.LeadStatusUuid != stage) { company.LeadStatusUuid = stage; changed = true; }
            if (changed) company.UpdatedAt = Math.Max(store.Now(), company.CreatedAt);
            return ApiResult.Json(company.ToJson(store, req.Reading));
        }
    }

    private static ApiResult Delete(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var company = store.FindCompany(req.Id);
            if (company is null) return ApiErrors.NotFound("Company");
            Remove(store, [company]);
            return ApiResult.NoContent();
        }
    }

    /// <summary>
    /// Each lookup item names at least one identifier; a company matches an item when it
    /// matches every identifier the item gives: ln_id exactly, linkedin as the handle
    /// (case-insensitive, a company page URL is read as its handle), website as the host
    /// (scheme, www. and path ignored) of its domain or website, name case-insensitively.
    /// The answer is every company some item matches, each once, oldest first.
    /// </summary>
    private static ApiResult Lookup(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        if (body["lookups"] is not JsonArray items || items.Count == 0) return ApiErrors.Validation("lookups", "The lookups field is required.");
        var criteria = new List<Dictionary<string, string>>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] as JsonObject;
            var given = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in new[] { "ln_id", "linkedin", "website", "name" })
            {
                if (item is not null && JsonRead.Kind(item[key]) == JsonValueKind.String && item[key]!.GetValue<string>().Trim() is { Length: > 0 } value) given[key] = value;
            }
            if (given.Count == 0) errors.Add($"lookups.{i}", $"The lookups.{i} must give ln_id, linkedin, website or name.");
            criteria.Add(given);
        }
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var found = All(store, CompanyFilter.Empty).Where(c => criteria.Any(k => k.All(p => Matches(c, p.Key, p.Value))));
            return ApiResult.Json(new JsonArray(found.Select(c => (JsonNode?)c.ToJson(store, req.Reading)).ToArray()));
        }
    }

    /// <summary>The contacts of each company asked about that exists, in the default contact order; unknown companies are left out.</summary>
    private static ApiResult Leads(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var uuids = EndpointSupport.StringArray(body["uuids"], "uuids", errors, required: true);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            var result = new JsonObject();
            foreach (var uuid in uuids!.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (store.FindCompany(uuid) is not { } company || result.ContainsKey(company.Uuid)) continue;
                var contacts = new JsonArray();
                for (var i = 0; i < store.ByCreated.Count; i++)
                {
                    var c = store.ByCreated[i];
                    if (c.CompanyUuid == company.Uuid) contacts.Add(JsonNode.Parse(store.Json(c, req.Reading)));
                }
                result[company.Uuid] = contacts;
            }
            return ApiResult.Json(result);
        }
    }

    /// <summary>
    /// The document lists the five company types and shows one example (company_add_tags with
    /// a tag_uuid, filter ids). The sandbox takes the contact table's payloads for them:
    /// tag_uuid, tag_uuids, pipeline_stage_uuid (a company stage), none for delete; and the
    /// contact selection forms: <c>{ids: [...]}</c> or <c>{all: true, field filters}</c>.
    /// </summary>
    private static ApiResult MassAction(ApiRequest req)
    {
        var body = req.Object();
        var type = JsonRead.Kind(body["type"]) == JsonValueKind.String ? body["type"]!.GetValue<string>() : null;
        if (type is null) return ApiErrors.Validation("type", "The type field is required.");
        var payload = body["payload"] as JsonObject ?? [];
        var store = req.Team;
        lock (store.Gate)
        {
            var errors = new ValidationErrors();
            Func<Company, bool>? change = null;
            switch (type)
            {
                case "company_add_tags":
                {
                    var tag = Existing(payload, "tag_uuid", errors, u => store.FindTag(u)?.Uuid);
                    change = c => tag is not null && !c.Tags.Contains(tag) && Do(() => c.Tags.Add(tag));
                    break;
                }
                case "company_remove_tags":
                {
                    var tag = Existing(payload, "tag_uuid", errors, u => store.FindTag(u)?.Uuid);
                    change = c => tag is not null && c.Tags.Remove(tag);
                    break;
                }
                case "company_replace_tags":
                {
                    var tags = EndpointSupport.StringArray(payload["tag_uuids"], "payload.tag_uuids", errors, required: true);
                    var found = tags?.Select(t => store.FindTag(t.Trim())?.Uuid).ToList();
                    if (found is not null && found.Any(t => t is null)) errors.Add("payload.tag_uuids", "The selected payload.tag_uuids is invalid.");
                    var distinct = found?.OfType<string>().Distinct().ToList();
                    change = c => distinct is not null && !c.Tags.SequenceEqual(distinct) && Do(() => c.Tags = [.. distinct]);
                    break;
                }
                case "company_change_pipeline_stage":
                {
                    var stage = Existing(payload, "pipeline_stage_uuid", errors, u => store.FindStage(u) is { Object: "company" } s ? s.Uuid : null);
                    change = c => stage is not null && c.LeadStatusUuid != stage && Do(() => c.LeadStatusUuid = stage);
                    break;
                }
                case "company_delete":
                    break;
                default:
                    return ApiErrors.Validation("type", "The selected type is invalid.");
            }
            if (errors.Any) return errors.ToResult();
            var companies = Select(body["filter"], store, req.Sandbox.Options.MaxMassActionIds);
            if (type == "company_delete")
            {
                Remove(store, companies);
            }
            else
            {
                foreach (var c in companies.Where(change!))
                {
                    c.UpdatedAt = Math.Max(store.Now(), c.CreatedAt);
                }
            }
            // As for contacts: "200 Action executed", no body (generous: a count and the uuids).
            return req.Reading == SandboxReading.Minimal
                ? ApiResult.Empty()
                : ApiResult.Json(new JsonObject { ["count"] = companies.Count, ["data"] = new JsonArray(companies.Select(c => (JsonNode?)c.Uuid).ToArray()) });
        }
    }

    /// <summary>
    /// Queues a CSV export of the companies a filter selects (<c>{all: true}</c> for every one).
    /// The document's answer is <c>{uuid, type, status}</c>; the generous reading adds
    /// file_name, rows_count and created_at. The file is <c>companies-export-&lt;uuid&gt;.csv</c>.
    /// </summary>
    private static ApiResult Export(ApiRequest req)
    {
        var body = req.Object();
        if (body["filter"] is not JsonObject filterNode) return ApiErrors.Validation("filter", "The filter field is required.");
        var filter = CompanyFilter.Parse(filterNode, _selectorKeys.Contains);
        var store = req.Team;
        lock (store.Gate)
        {
            var companies = All(store, filter);
            var fields = store.CustomFields.Where(f => f.Object == "company").OrderBy(f => f.Order).ToList();
            var sb = new StringBuilder();
            string[] columns = ["uuid", "name", "domain", "website", "linkedin", "industry", "employees_range", "hq_raw_address", "lead_status_uuid", "lists", "tags", "created_at", "updated_at"];
            Csv.AppendRow(sb, columns.Concat(fields.Select(f => f.Name)));
            foreach (var c in companies)
            {
                string?[] values = [c.Uuid, c.Name, c.Domain, c.Website, c.Linkedin, c.Industry, c.EmployeesRange, c.HqRawAddress, c.LeadStatusUuid,
                    string.Join(';', c.Lists), string.Join(';', c.Tags), Timestamps.Format(c.CreatedAt), Timestamps.Format(c.UpdatedAt)];
                Csv.AppendRow(sb, values.Concat(fields.Select(f => c.CustomFields.TryGetValue(f.Uuid, out var v) ? v.ToString() : null)));
            }
            var uuid = EndpointSupport.NewUuid();
            var export = new FileExport
            {
                Uuid = uuid, TeamId = store.TeamId, Filter = filterNode.DeepClone(), FileName = $"companies-export-{uuid}.csv", Csv = sb.ToString(),
                Rows = companies.Count, CreatedAt = store.Now(), ReadyAtTicks = Environment.TickCount64 + req.Sandbox.Options.ExportDelayMs,
            };
            store.Exports[uuid] = export;
            var json = new JsonObject { ["uuid"] = uuid, ["type"] = "account_export_csv", ["status"] = "queued" };
            if (req.Reading == SandboxReading.Generous)
            {
                json["file_name"] = export.FileName;
                json["rows_count"] = export.Rows;
                json["created_at"] = Timestamps.Format(export.CreatedAt);
            }
            return ApiResult.Json(json);
        }
    }

    /// <summary>The companies a mass-action filter selects: given ids that exist, or all matching field filters. Call under the lock.</summary>
    private static List<Company> Select(JsonNode? node, TeamStore store, int maxIds)
    {
        if (node is not JsonObject obj) throw new ValidationException("filter", "The filter field is required.");
        var all = !JsonRead.IsNullOrMissing(obj, "all") && JsonRead.TryBoolean(obj["all"], out var a) && a;
        if (all) return All(store, CompanyFilter.Parse(obj, _selectorKeys.Contains));
        var errors = new ValidationErrors();
        var ids = EndpointSupport.StringArray(obj["ids"], "filter.ids", errors, required: false);
        if (errors.Any || ids is not { Count: > 0 }) throw new ValidationException("filter", "The filter must give ids or all: true.");
        if (ids.Count > maxIds) throw new ValidationException("filter.ids", $"The filter.ids may not have more than {maxIds} items.");
        return ids.Select(store.FindCompany).OfType<Company>().Distinct().ToList();
    }

    /// <summary>Deletes companies; their contacts stay, without a company. Call under the lock.</summary>
    private static void Remove(TeamStore store, IReadOnlyCollection<Company> companies)
    {
        var gone = companies.Select(c => c.Uuid).ToHashSet(StringComparer.Ordinal);
        foreach (var uuid in gone) store.Companies.Remove(uuid);
        foreach (var contact in store.Contacts.Values.Where(c => c.CompanyUuid is not null && gone.Contains(c.CompanyUuid)).ToList())
        {
            store.Mutate(contact, c => Do(() => c.CompanyUuid = null));
        }
        foreach (var key in store.ValueRecords.Keys.Where(k => gone.Contains(k.Contact)).ToList()) store.ValueRecords.Remove(key);
    }

    /// <summary>The string fields of a body the operation takes: trimmed, empty as null (an empty value clears).</summary>
    private static Dictionary<string, string?> Values(JsonObject body, string[] allowed, string prefix, ValidationErrors errors)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in allowed)
        {
            if (!body.TryGetPropertyValue(key, out var node) || node is null) continue;
            if (node.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(prefix + key, $"The {prefix}{key} must be a string.");
                continue;
            }
            var text = node.GetValue<string>().Trim();
            if (text.Length > 255 && key != "about") errors.Add(prefix + key, $"The {prefix}{key} may not be greater than 255 characters.");
            values[key] = text.Length == 0 ? null : text;
        }
        return values;
    }

    private static bool Apply(Company c, Dictionary<string, string?> values)
    {
        var changed = false;
        foreach (var (key, value) in values)
        {
            switch (key)
            {
                case "name": changed |= Set(c.Name, value, v => c.Name = v); break;
                case "domain": changed |= Set(c.Domain, value, v => c.Domain = v); break;
                case "website": changed |= Set(c.Website, value, v => c.Website = v); break;
                case "linkedin": changed |= Set(c.Linkedin, value is null ? null : Handle(value), v => c.Linkedin = v); break;
                case "industry": changed |= Set(c.Industry, value, v => c.Industry = v); break;
                case "employees_range": changed |= Set(c.EmployeesRange, value, v => c.EmployeesRange = v); break;
                case "hq_raw_address": changed |= Set(c.HqRawAddress, value, v => c.HqRawAddress = v); break;
                case "phone": changed |= Set(c.Phone, value, v => c.Phone = v); break;
                case "about": changed |= Set(c.About, value, v => c.About = v); break;
            }
        }
        return changed;
    }

    private static bool Set(string? current, string? value, Action<string?> set)
    {
        if (current == value) return false;
        set(value);
        return true;
    }

    private static bool Matches(Company c, string key, string value) => key switch
    {
        "ln_id" => c.LnId is { } id && id.ToString(System.Globalization.CultureInfo.InvariantCulture) == value,
        "linkedin" => c.Linkedin is { } handle && string.Equals(handle, Handle(value), StringComparison.OrdinalIgnoreCase),
        "website" => Host(value) is { Length: > 0 } host && (string.Equals(Host(c.Domain), host, StringComparison.OrdinalIgnoreCase) || string.Equals(Host(c.Website), host, StringComparison.OrdinalIgnoreCase)),
        _ => string.Equals(c.Name?.Trim(), value, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>A company page URL's handle (linkedin.com/company/acme-inc/ → acme-inc); other text as given.</summary>
    private static string Handle(string value)
    {
        var at = value.IndexOf("linkedin.com/company/", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return value.Trim();
        var rest = value[(at + "linkedin.com/company/".Length)..];
        var end = rest.IndexOfAny(['/', '?', '#']);
        return end < 0 ? rest : rest[..end];
    }

    /// <summary>The host of a website or domain: scheme, www., port and path dropped, lower case.</summary>
    private static string? Host(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) text = text[(scheme + 3)..];
        var end = text.IndexOfAny(['/', '?', '#', ':']);
        if (end >= 0) text = text[..end];
        text = text.ToLowerInvariant();
        return text.StartsWith("www.", StringComparison.Ordinal) ? text[4..] : text;
    }

    private static string? Existing(JsonObject payload, string key, ValidationErrors errors, Func<string, string?> find)
    {
        var name = "payload." + key;
        var node = payload[key];
        if (JsonRead.Kind(node) != JsonValueKind.String || node!.GetValue<string>().Trim().Length == 0)
        {
            errors.Add(name, node is null ? $"The {name} field is required." : $"The {name} must be a string.");
            return null;
        }
        var found = find(node.GetValue<string>().Trim());
        if (found is null) errors.Add(name, $"The selected {name} is invalid.");
        return found;
    }

    /// <summary>How the search sorts: the field, nulls last either way, ties by the uuid's hash.</summary>
    private static Comparison<Company> Sort(CompanyField field, bool desc)
    {
        var dir = desc ? -1 : 1;
        int Tie(Company a, Company b) => dir * a.TieHash.CompareTo(b.TieHash);
        int Nulls<T>(T? va, T? vb, Company a, Company b, Func<T, T, int> compare)
            where T : struct
        {
            if (va is null) return vb is null ? Tie(a, b) : 1;
            if (vb is null) return -1;
            var cmp = compare(va.Value, vb.Value);
            return cmp != 0 ? dir * cmp : Tie(a, b);
        }
        return field.Kind switch
        {
            FieldKind.Date => (a, b) => Nulls(field.Date!(a), field.Date!(b), a, b, (x, y) => x.CompareTo(y)),
            FieldKind.Number => (a, b) => Nulls(field.Number!(a), field.Number!(b), a, b, (x, y) => x.CompareTo(y)),
            _ => (a, b) =>
            {
                string? va = field.Text!(a), vb = field.Text!(b);
                if (va is null) return vb is null ? Tie(a, b) : 1;
                if (vb is null) return -1;
                var cmp = field.Kind == FieldKind.Uuid ? string.CompareOrdinal(va.ToLowerInvariant(), vb.ToLowerInvariant()) : string.CompareOrdinal(va, vb);
                return cmp != 0 ? dir * cmp : Tie(a, b);
            },
        };
    }

    private static bool Do(System.Action change)
    {
        change();
        return true;
    }
}
