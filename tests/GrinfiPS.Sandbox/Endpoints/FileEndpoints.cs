using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// Bulk file import and export, as the contract describes them: upload a CSV, start an
/// asynchronous import (rows applied after <c>ImportDelayMs</c>); queue an export, download it.
/// </summary>
internal static class FileEndpoints
{
    public static void Map(Router r)
    {
        r.MapAsync("POST", "/leads/api/file-imports/upload-csv", UploadAsync);
        r.Map("POST", "/leads/api/file-imports/{uuid}/import-leads", Import);
        r.Map("POST", "/leads/api/file-exports/leads", Export);
        r.Map("POST", "/leads/api/file-exports/download", Download);
    }

    private static async ValueTask<ApiResult> UploadAsync(ApiRequest req)
    {
        var http = req.Http;
        if (!http.Request.HasFormContentType) return ApiErrors.Validation("file", "The file field is required.");
        IFormCollection form;
        try
        {
            // The pipeline already read the body for the log; hand the form reader a fresh copy.
            http.Request.Body = new MemoryStream(req.Body, writable: false);
            form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new BadRequestException("Malformed multipart body.");
        }
        var errors = new ValidationErrors();
        var file = form.Files.GetFile("file");
        if (file is null) errors.Add("file", "The file field is required.");
        if (form["type"].ToString() != "csv_leads") errors.Add("type", "The selected type is invalid.");
        if (errors.Any) return errors.ToResult();

        string text;
        using (var reader = new StreamReader(file!.OpenReadStream(), Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }
        var rows = Csv.Parse(text);
        if (rows.Count == 0) return ApiErrors.Validation("file", "The file must hold a header row.");
        var store = req.Team;
        lock (store.Gate)
        {
            var import = new FileImport
            {
                Uuid = EndpointSupport.NewUuid(),
                TeamId = store.TeamId,
                FileName = string.IsNullOrEmpty(file.FileName) ? "upload.csv" : file.FileName,
                Headers = rows[0].Select(h => h.Trim()).ToArray(),
                Rows = rows.Skip(1).ToList(),
                CreatedAt = store.Now(),
            };
            store.Imports[import.Uuid] = import;
            return ApiResult.Json(import.ToJson(req.Reading));
        }
    }

    private static ApiResult Import(ApiRequest req)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            if (!store.Imports.TryGetValue(req.Id, out var import)) return ApiErrors.NotFound("File import");
            var body = req.Object();
            var errors = new ValidationErrors();
            if (import.Status != "uploaded") errors.Add("uuid", "The file import has already been started.");
            // list_uuid is optional in the document; every contact needs a list, so the team's first one it is.
            var listUuid = EndpointSupport.OptionalString(body, "list_uuid", errors);
            var list = listUuid is null ? store.Lists.OrderBy(l => l.CreatedAt).FirstOrDefault() : store.FindList(listUuid);
            if (listUuid is not null && list is null) errors.Add("list_uuid", "The selected list uuid is invalid.");
            if (listUuid is null && list is null) errors.Add("list_uuid", "The team has no list to import into.");
            var tags = new List<string>();
            if (body["tags"] is not null)
            {
                foreach (var uuid in EndpointSupport.StringArray(body["tags"], "tags", errors, required: false) ?? [])
                {
                    if (store.FindTag(uuid) is { } tag) tags.Add(tag.Uuid);
                    else errors.Add("tags", "The selected tags is invalid.");
                }
            }
            var columns = Columns(store, import, body["columns"], errors);
            if (errors.Any) return errors.ToResult();

            import.Status = "queued";
            import.ListUuid = list!.Uuid;
            import.Tags = tags;
            import.Columns = columns;
            var answer = import.ToJson(req.Reading);
            var delay = req.Sandbox.Options.ImportDelayMs;
            if (delay <= 0)
            {
                ApplyRows(store, import);
            }
            else
            {
                store.ChangePendingImports(1);
                req.Sandbox.Jobs.Schedule(delay, () =>
                {
                    lock (store.Gate)
                    {
                        ApplyRows(store, import);
                    }
                    store.ChangePendingImports(-1);
                });
            }
            // The document: "200 Import job started", with no body.
            return req.Reading == SandboxReading.Minimal ? ApiResult.Empty() : ApiResult.Json(answer);
        }
    }

    private static ApiResult Export(ApiRequest req)
    {
        var body = req.Object();
        var selection = ContactSelection.Parse(body["filter"], requireSelector: false, maxIds: null);
        var store = req.Team;
        lock (store.Gate)
        {
            var export = CreateExport(store, selection.Resolve(store), body["filter"], req.Sandbox.Options.ExportDelayMs);
            return ApiResult.Json(export.ToJson(req.Reading));
        }
    }

    private static ApiResult Download(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var fileName = EndpointSupport.RequiredString(body, "file_name", errors);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            // Until the background job has written it, the file does not exist yet.
            var export = store.Exports.Values.FirstOrDefault(e => e.FileName == fileName && Environment.TickCount64 >= e.ReadyAtTicks);
            return export is null ? ApiErrors.NotFound("File") : ApiResult.Text(200, export.Csv, "text/csv; charset=utf-8");
        }
    }

    /// <summary>Queues an export of these contacts; the CSV is a snapshot taken now. Call under the lock.</summary>
    public static FileExport CreateExport(TeamStore store, List<Contact> contacts, JsonNode? filter, int delayMs)
    {
        var fields = store.CustomFieldsInOrder;
        var sb = new StringBuilder();
        string[] columns =
            ["uuid", "first_name", "last_name", "name", "company_name", "position", "headline", "linkedin", "ln_id", "sn_id",
             "work_email", "personal_email", "work_phone_number", "personal_phone_number", "list_uuid", "pipeline_stage_uuid",
             "tags", "created_at", "updated_at"];
        Csv.AppendRow(sb, columns.Concat(fields.Select(f => f.Name)));
        foreach (var c in contacts)
        {
            string?[] values =
                [c.Uuid, c.FirstName, c.LastName, c.Name, c.CompanyName, c.Position, c.Headline, c.Linkedin, c.LnId, c.SnId,
                 c.WorkEmail, c.PersonalEmail, c.WorkPhoneNumber, c.PersonalPhoneNumber, c.ListUuid, c.PipelineStageUuid,
                 string.Join(';', c.Tags), c.CreatedAt is { } created ? Timestamps.Format(created) : null, Timestamps.Format(c.UpdatedAt)];
            Csv.AppendRow(sb, values.Concat(fields.Select(f => c.CustomFields.TryGetValue(f.Uuid, out var v) ? v.ToString() : null)));
        }
        var uuid = EndpointSupport.NewUuid();
        var export = new FileExport
        {
            Uuid = uuid,
            TeamId = store.TeamId,
            Filter = filter?.DeepClone(),
            FileName = $"leads-export-{uuid}.csv",
            Csv = sb.ToString(),
            Rows = contacts.Count,
            CreatedAt = store.Now(),
            ReadyAtTicks = Environment.TickCount64 + delayMs,
        };
        store.Exports[uuid] = export;
        return export;
    }

    private static List<(string Source, string Target)> Columns(TeamStore store, FileImport import, JsonNode? node, ValidationErrors errors)
    {
        var columns = new List<(string, string)>();
        if (node is not JsonArray array || array.Count == 0)
        {
            errors.Add("columns", "The columns field is required.");
            return columns;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i] as JsonObject;
            var source = item is not null && JsonRead.Kind(item["source"]) == JsonValueKind.String ? item["source"]!.GetValue<string>() : null;
            var target = item is not null && JsonRead.Kind(item["target"]) == JsonValueKind.String ? item["target"]!.GetValue<string>() : null;
            if (source is null || !import.Headers.Contains(source)) errors.Add($"columns.{i}.source", $"The selected columns.{i}.source is invalid.");
            if (target is null || (!LeadWrites.Writable.Contains(target) && CustomFieldOf(store, target) is null))
            {
                errors.Add($"columns.{i}.target", $"The selected columns.{i}.target is invalid.");
            }
            if (source is not null && target is not null) columns.Add((source, target));
        }
        return columns;
    }

    /// <summary>A target naming a custom field: <c>custom_fields.&lt;name&gt;</c> or the bare name.</summary>
    private static CustomField? CustomFieldOf(TeamStore store, string target) =>
        store.FindLeadFieldByName(target.StartsWith("custom_fields.", StringComparison.Ordinal) ? target["custom_fields.".Length..] : target);

    /// <summary>Applies every row as an upsert would (update if exists, no move), adding the import's tags.</summary>
    private static void ApplyRows(TeamStore store, FileImport import)
    {
        foreach (var row in import.Rows)
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            var custom = new Dictionary<string, CustomValue?>(StringComparer.Ordinal);
            foreach (var (source, target) in import.Columns)
            {
                var at = Array.IndexOf(import.Headers, source);
                var text = at >= 0 && at < row.Length ? row[at].Trim() : "";
                if (text.Length == 0) continue;
                if (LeadWrites.Writable.Contains(target)) values[target] = text;
                else if (CustomFieldOf(store, target) is { } field) custom[field.Uuid] = CustomValue.FromString(text);
            }
            LinkedinId? id = values.TryGetValue("linkedin_id", out var linkedinId) && linkedinId is not null ? LinkedinId.Parse(linkedinId) : null;
            var existing = LeadWrites.FindDuplicate(store, id, values);
            if (existing is not null)
            {
                store.Mutate(existing, c =>
                {
                    var changed = LeadWrites.Apply(c, values, skipEmpty: true);
                    if (id is { } parsed) changed |= LeadWrites.ApplyLinkedinId(c, parsed);
                    changed |= LeadWrites.ApplyCustomFields(c, custom);
                    foreach (var tag in import.Tags.Where(t => !c.Tags.Contains(t)))
                    {
                        c.Tags.Add(tag);
                        changed = true;
                    }
                    return changed;
                });
                import.Updated++;
                continue;
            }
            if (values.Count == 0)
            {
                import.Skipped++;
                continue;
            }
            var contact = LeadWrites.NewContact(store, import.ListUuid!);
            LeadWrites.Apply(contact, values, skipEmpty: true);
            if (id is { } newId) LeadWrites.ApplyLinkedinId(contact, newId);
            LeadWrites.ApplyCustomFields(contact, custom);
            contact.Tags = [.. import.Tags];
            contact.RefreshName();
            store.Add(contact);
            import.Created++;
        }
        import.Status = "completed";
    }
}
