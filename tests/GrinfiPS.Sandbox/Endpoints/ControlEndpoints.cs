using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Contract;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// <c>/_sandbox/...</c>: what tests use to steer the sandbox. No auth, and never delayed,
/// faulted, rate-limited or logged (the pipeline routes them around all of that).
/// </summary>
internal static class ControlEndpoints
{
    private const int MaxGeneratedContacts = 1_000_000;

    public static void Map(Router r)
    {
        r.Map("GET", "/_sandbox/requests", Requests);
        r.Map("DELETE", "/_sandbox/requests", req =>
        {
            req.Sandbox.Log.Clear();
            return ApiResult.NoContent();
        });
        r.Map("POST", "/_sandbox/reset", Reset);
        r.Map("GET", "/_sandbox/options", req => ApiResult.Json(OptionsJson(req.Sandbox.Options)));
        r.Map("POST", "/_sandbox/options", SetOptions);
        r.Map("POST", "/_sandbox/faults", AddFaults);
        r.Map("DELETE", "/_sandbox/faults", req =>
        {
            req.Sandbox.Faults.Clear();
            return ApiResult.NoContent();
        });
        r.Map("POST", "/_sandbox/keys", MintKey);
        r.Map("POST", "/_sandbox/contacts", InsertContacts);
        r.Map("GET", "/_sandbox/state", State);
        r.Map("POST", "/_sandbox/expected-violations", AddExpected);
        r.Map("DELETE", "/_sandbox/expected-violations", req =>
        {
            req.Sandbox.Expected.Clear();
            return ApiResult.NoContent();
        });
        r.Map("GET", "/_sandbox/violations", Violations);
        r.Map("GET", "/_sandbox/contract", req => ApiResult.Json(ContractJson(req.Sandbox)));
    }

    private static ApiResult AddExpected(ApiRequest req)
    {
        var errors = new ValidationErrors();
        var rules = ExpectedViolations.Parse(req.Json, errors);
        if (errors.Any) return errors.ToResult();
        req.Sandbox.Expected.Add(rules);
        return ApiResult.Json(new JsonObject { ["added"] = rules.Count, ["pending"] = req.Sandbox.Expected.Pending });
    }

    private static ApiResult Violations(ApiRequest req)
    {
        var sinceText = req.Query["since"].ToString();
        long since = 0;
        if (sinceText.Length > 0 && !long.TryParse(sinceText, NumberStyles.Integer, CultureInfo.InvariantCulture, out since))
        {
            return ApiErrors.Validation("since", "The since must be an integer.");
        }
        var report = req.Sandbox.Report;
        var records = report.All().Where(r => r.Seq >= since).ToList();
        return ApiResult.Write(w =>
        {
            w.WriteStartArray();
            foreach (var r in records) r.WriteTo(w, report.Instance);
            w.WriteEndArray();
        });
    }

    private static JsonObject ContractJson(SandboxContext sandbox) => new()
    {
        ["instance"] = sandbox.Report.Instance,
        ["reportFolder"] = sandbox.Report.Folder,
        ["requests"] = sandbox.Report.Requests,
        ["violations"] = sandbox.Report.ViolationCount,
        ["expected"] = sandbox.Report.ExpectedCount,
        ["pendingExpected"] = sandbox.Expected.Pending,
        ["reading"] = SandboxOptions.ReadingName(sandbox.Options.Reading),
    };

    private static ApiResult Requests(ApiRequest req)
    {
        var sinceText = req.Query["since"].ToString();
        long since = 0;
        if (sinceText.Length > 0 && !long.TryParse(sinceText, NumberStyles.Integer, CultureInfo.InvariantCulture, out since))
        {
            return ApiErrors.Validation("since", "The since must be an integer.");
        }
        var entries = req.Sandbox.Log.Since(since);
        return ApiResult.Write(w =>
        {
            w.WriteStartArray();
            foreach (var e in entries) RequestLog.Write(w, e);
            w.WriteEndArray();
        });
    }

    private static ApiResult Reset(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var contacts = EndpointSupport.OptionalInt(body, "contacts", errors);
        if (contacts < 0) errors.Add("contacts", "The contacts must be at least 0.");
        var seed = EndpointSupport.OptionalInt(body, "seed", errors);
        if (errors.Any) return errors.ToResult();
        req.Sandbox.Reset(contacts, seed);
        return ApiResult.Json(new JsonObject
        {
            ["contacts"] = req.Sandbox.Data.Team(1).ContactCount,
            ["seed"] = seed ?? req.Sandbox.Options.Seed,
        });
    }

    internal static JsonObject OptionsJson(SandboxOptions o) => new()
    {
        ["port"] = o.Port,
        ["contacts"] = o.Contacts,
        ["seed"] = o.Seed,
        ["requestsPerMinute"] = o.RequestsPerMinute,
        ["retryAfterMode"] = SandboxOptions.ModeName(o.RetryAfterMode),
        ["latencyMs"] = o.LatencyMs,
        ["faultRate"] = o.FaultRate,
        ["maxPageSize"] = o.MaxPageSize,
        ["maxMassActionIds"] = o.MaxMassActionIds,
        ["deleteDelayMs"] = o.DeleteDelayMs,
        ["importDelayMs"] = o.ImportDelayMs,
        ["exportDelayMs"] = o.ExportDelayMs,
        ["reading"] = SandboxOptions.ReadingName(o.Reading),
    };

    private static ApiResult SetOptions(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        int? Int(string name, int min)
        {
            var value = EndpointSupport.OptionalInt(body, name, errors);
            if (value < min)
            {
                errors.Add(name, $"The {name} must be at least {min}.");
                return null;
            }
            return value;
        }
        var rpm = Int("requestsPerMinute", 0);
        var latency = Int("latencyMs", 0);
        var maxPage = Int("maxPageSize", 1);
        var maxIds = Int("maxMassActionIds", 1);
        var deleteDelay = Int("deleteDelayMs", 0);
        var importDelay = Int("importDelayMs", 0);
        var exportDelay = Int("exportDelayMs", 0);
        double? faultRate = null;
        if (!JsonRead.IsNullOrMissing(body, "faultRate"))
        {
            if (JsonRead.Kind(body["faultRate"]) == JsonValueKind.Number && body["faultRate"]!.GetValue<double>() is >= 0 and <= 1 and var rate) faultRate = rate;
            else errors.Add("faultRate", "The faultRate must be a number from 0 to 1.");
        }
        RetryAfterMode? mode = null;
        if (!JsonRead.IsNullOrMissing(body, "retryAfterMode"))
        {
            if (JsonRead.TryString(body, "retryAfterMode", out var text) && SandboxOptions.TryParseMode(text, out var m)) mode = m;
            else errors.Add("retryAfterMode", "The retryAfterMode must be seconds, date or none.");
        }
        SandboxReading? reading = null;
        if (!JsonRead.IsNullOrMissing(body, "reading"))
        {
            if (JsonRead.TryString(body, "reading", out var text) && text == "default") reading = req.Sandbox.StartReading;
            else if (JsonRead.TryString(body, "reading", out text) && SandboxOptions.TryParseReading(text, out var r)) reading = r;
            else errors.Add("reading", "The reading must be minimal, generous or default (the reading the sandbox started with).");
        }
        if (errors.Any) return errors.ToResult();

        var o = req.Sandbox.Options;
        if (reading is { } read) o.Reading = read;
        if (rpm is { } a) o.RequestsPerMinute = a;
        if (latency is { } b) o.LatencyMs = b;
        if (maxPage is { } c) o.MaxPageSize = c;
        if (maxIds is { } d) o.MaxMassActionIds = d;
        if (deleteDelay is { } e) o.DeleteDelayMs = e;
        if (importDelay is { } f) o.ImportDelayMs = f;
        if (exportDelay is { } x) o.ExportDelayMs = x;
        if (faultRate is { } g) o.FaultRate = g;
        if (mode is { } h) o.RetryAfterMode = h;
        return ApiResult.Json(OptionsJson(o));
    }

    private static ApiResult AddFaults(ApiRequest req)
    {
        var errors = new ValidationErrors();
        var rules = FaultInjector.Parse(req.Json, errors);
        if (errors.Any) return errors.ToResult();
        req.Sandbox.Faults.Add(rules);
        return ApiResult.Json(new JsonObject { ["added"] = rules.Count, ["pending"] = req.Sandbox.Faults.Pending });
    }

    private static ApiResult MintKey(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var teamId = TeamOf(body, errors, required: true);
        var days = 3 * 365.0;
        if (!JsonRead.IsNullOrMissing(body, "expiresInDays"))
        {
            if (JsonRead.Kind(body["expiresInDays"]) == JsonValueKind.Number) days = body["expiresInDays"]!.GetValue<double>();
            else errors.Add("expiresInDays", "The expiresInDays must be a number.");
        }
        if (errors.Any) return errors.ToResult();
        return ApiResult.Json(new JsonObject { ["apiKey"] = req.Sandbox.MintKey(teamId, TimeSpan.FromDays(days)) });
    }

    private static ApiResult State(ApiRequest req)
    {
        var text = req.Query["teamId"].ToString();
        var teamId = 1;
        if (text.Length > 0 && (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out teamId) || req.Sandbox.Data.TryGetTeam(teamId) is null))
        {
            return ApiErrors.Validation("teamId", "The selected team id is invalid.");
        }
        return ApiResult.Json(req.Sandbox.Data.Team(teamId).State());
    }

    private static ApiResult InsertContacts(ApiRequest req)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var teamId = TeamOf(body, errors, required: false);
        var count = EndpointSupport.OptionalInt(body, "count", errors);
        if (count is null && !errors.Has("count")) errors.Add("count", "The count field is required.");
        else if (count is < 0 or > MaxGeneratedContacts) errors.Add("count", $"The count must be between 0 and {MaxGeneratedContacts}.");
        long? createdAt = null;
        if (!JsonRead.IsNullOrMissing(body, "createdAt"))
        {
            if (JsonRead.TryString(body, "createdAt", out var text) && Timestamps.TryParse(text, out var ticks)) createdAt = Timestamps.Truncate(ticks);
            else errors.Add("createdAt", "The createdAt must be an ISO 8601 date.");
        }
        var withoutCreatedAt = false;
        if (!JsonRead.IsNullOrMissing(body, "withoutCreatedAt") && !JsonRead.TryBoolean(body["withoutCreatedAt"], out withoutCreatedAt))
        {
            errors.Add("withoutCreatedAt", "The withoutCreatedAt must be true or false.");
        }
        else if (withoutCreatedAt && createdAt is not null)
        {
            errors.Add("withoutCreatedAt", "Give createdAt or withoutCreatedAt, not both.");
        }
        var listUuid = EndpointSupport.OptionalString(body, "listUuid", errors);
        var listName = EndpointSupport.OptionalString(body, "listName", errors);
        var tagRefs = body["tags"] is null ? null : EndpointSupport.StringArray(body["tags"], "tags", errors, required: false);
        var stageRef = EndpointSupport.OptionalString(body, "pipelineStageUuid", errors);
        var fields = body["fields"];
        if (fields is not null and not JsonObject) errors.Add("fields", "The fields must be an object.");
        if (errors.Any) return errors.ToResult();

        var store = req.Sandbox.Data.Team(teamId);
        lock (store.Gate)
        {
            var list = ResolveList(store, listUuid, listName, errors);
            var tags = tagRefs?.Select(t => store.FindTag(t) ?? store.Tags.Find(x => x.Name.Equals(t, StringComparison.OrdinalIgnoreCase))).ToList();
            if (tags is not null && tags.Any(t => t is null)) errors.Add("tags", "Every tag must be an existing tag uuid or name.");
            var stage = stageRef is null ? null
                : store.FindStage(stageRef) ?? store.Stages.Find(s => s.Object == "lead" && s.Name.Equals(stageRef, StringComparison.OrdinalIgnoreCase));
            if (stageRef is not null && stage is null) errors.Add("pipelineStageUuid", "The selected pipeline stage is invalid.");
            var setters = fields is JsonObject f ? ContactFieldSetters.Parse(store, f, errors) : [];
            if (errors.Any) return errors.ToResult();

            var now = store.Now();
            // Without createdAt each contact gets its own instant, a microsecond apart, in order.
            var contacts = Seeder.Generate(store, count!.Value, i => createdAt ?? now + i * Timestamps.TicksPerMicrosecond, list!.Uuid);
            foreach (var c in contacts)
            {
                if (c.UpdatedAt < c.CreatedAt || createdAt is null) c.UpdatedAt = c.CreatedAt!.Value;
                // A contact without created_at (the schema allows null): searches sort it last.
                if (withoutCreatedAt) c.CreatedAt = null;
                if (tags is not null) c.Tags = tags.Select(t => t!.Uuid).Distinct().ToList();
                if (stage is not null) c.PipelineStageUuid = stage.Uuid;
                foreach (var set in setters) set(c);
                c.RefreshName();
            }
            store.AddMany(contacts);
            return ApiResult.Json(new JsonObject { ["uuids"] = new JsonArray(contacts.Select(c => (JsonNode?)c.Uuid).ToArray()) });
        }
    }

    private static LeadList? ResolveList(TeamStore store, string? uuid, string? name, ValidationErrors errors)
    {
        if (uuid is not null)
        {
            var list = store.FindList(uuid);
            if (list is null) errors.Add("listUuid", "The selected list uuid is invalid.");
            return list;
        }
        if (name is not null)
        {
            var list = store.Lists.Find(l => l.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (list is null)
            {
                // A test asking for a list by name gets it made, so it need not create it first.
                var now = store.Now();
                list = new LeadList { Uuid = EndpointSupport.NewUuid(), TeamId = store.TeamId, Name = name, CreatedAt = now, UpdatedAt = now };
                store.Lists.Add(list);
            }
            return list;
        }
        if (store.Lists.Count == 0) errors.Add("listUuid", "The team has no list to put contacts in.");
        return store.Lists.OrderBy(l => l.CreatedAt).FirstOrDefault();
    }

    private static int TeamOf(JsonObject body, ValidationErrors errors, bool required)
    {
        if (JsonRead.IsNullOrMissing(body, "teamId"))
        {
            if (required) errors.Add("teamId", "The teamId field is required.");
            return 1;
        }
        if (JsonRead.TryInteger(body["teamId"], out var team) && team is 1 or 2) return (int)team;
        errors.Add("teamId", "The selected team id is invalid.");
        return 1;
    }
}
