using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox;
using GrinfiPS.Sandbox.Contract;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Tests;

/// <summary>The sandbox's contract check: what it flags, how it answers, what it reports.</summary>
public sealed class SandboxContractTests : IClassFixture<SandboxHarness>
{
    private readonly SandboxHarness _s;

    public SandboxContractTests(SandboxHarness harness)
    {
        _s = harness;
        _s.Reset();
    }

    private static ContractViolation Only(RequestLogEntry entry, string rule) =>
        Assert.Single(entry.Violations, v => v.Rule == rule);

    [Fact]
    public async Task A_path_outside_the_contract_is_a_violation()
    {
        var (status, _, _) = await _s.GetAsync("/id/api/teams");

        Assert.Equal(404, status);
        var v = Only(_s.Last("/id/api/teams"), "path");
        Assert.Equal("request", v.Source);
        Assert.False(v.Rejects);
    }

    [Fact]
    public async Task A_method_the_path_does_not_document_is_a_violation()
    {
        await _s.SendAsync(HttpMethod.Delete, "/leads/api/tags");

        Only(_s.Last("/leads/api/tags"), "method");
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_recorded_and_answered_normally()
    {
        var (status, _, _) = await _s.GetAsync("/leads/api/lists?limit=2&colour=red");

        Assert.Equal(200, status);
        Assert.Equal("colour", Only(_s.Last("/leads/api/lists"), "query-unknown").Field);
    }

    [Fact]
    public async Task Bracket_filters_are_checked_against_the_filter_object()
    {
        await _s.GetAsync("/leads/api/lists?filter[q]=pro&filter[name][]=Prospects&filter[uuid]=is_null");
        Assert.Empty(_s.Last("/leads/api/lists").Violations);

        await _s.GetAsync("/leads/api/lists?filter[colour]=red");
        Assert.Equal("filter.colour", Only(_s.Last("/leads/api/lists"), "query-schema").Field);

        await _s.GetAsync("/flows/api/flows?filter[status][]=on&filter[status][]=off");
        Assert.Empty(_s.Last("/flows/api/flows").Violations);
    }

    [Fact]
    public async Task The_pipeline_stage_filter_is_a_JSON_string_whose_object_is_lead_or_company()
    {
        await _s.GetAsync("/leads/api/pipeline-stages?filter=" + Uri.EscapeDataString("{\"object\":\"lead\"}"));
        Assert.Empty(_s.Last("/leads/api/pipeline-stages").Violations);

        await _s.GetAsync("/leads/api/pipeline-stages?filter=" + Uri.EscapeDataString("{\"type\":\"custom\"}"));
        Assert.Contains(_s.Last("/leads/api/pipeline-stages").Violations, v => v.Field == "filter.object");

        await _s.GetAsync("/leads/api/pipeline-stages");
        Assert.Contains(_s.Last("/leads/api/pipeline-stages").Violations, v => v.Rule == "query-required");
    }

    [Fact]
    public async Task A_body_that_breaks_its_schema_is_answered_422_in_the_error_envelope()
    {
        var (status, body, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":"ten","colour":"red"}""");

        Assert.Equal(422, status);
        var json = SandboxHarness.Obj(body);
        Assert.Equal("validation_error", json["error"]!["reason"]!.GetValue<string>());
        Assert.Equal("The given data was invalid.", json["message"]!.GetValue<string>());
        Assert.Equal(422, json["code"]!.GetValue<int>());
        var data = json["error"]!["data"]!.AsObject();
        Assert.Equal("The limit must be an integer.", data["limit"]![0]!.GetValue<string>());
        Assert.Contains("not allowed", data["colour"]![0]!.GetValue<string>());
        Assert.All(_s.Last("/leads/api/leads/search").Violations, v => Assert.True(v.Rejects));
    }

    [Fact]
    public async Task Unknown_properties_are_allowed_only_where_the_schema_says_so()
    {
        var list = _s.FirstListUuid();
        // custom_fields is an open object (additionalProperties): any names.
        var (status, _, _) = await _s.PostAsync("/leads/api/leads/upsert",
            $$"""{"lead":{"linkedin_id":"new-person-1","first_name":"Ann"},"list_uuid":"{{list}}","custom_fields":{"industry":"SaaS"} }""");
        Assert.Equal(200, status);
        Assert.Empty(_s.Last("/leads/api/leads/upsert").Violations);

        // lead is allOf [create-lead-fields, required linkedin_id]: strict at its own level.
        (status, var body, _) = await _s.PostAsync("/leads/api/leads/upsert",
            $$"""{"lead":{"linkedin_id":"new-person-2","nickname":"Annie"},"list_uuid":"{{list}}"}""");
        Assert.Equal(422, status);
        Assert.Contains("lead.nickname", body);
        Assert.Single(_s.Last("/leads/api/leads/upsert").Violations);
    }

    [Fact]
    public async Task Formats_and_nullability_are_checked()
    {
        var (status, body, _) = await _s.PostAsync("/leads/api/leads/lookup-one", """{"email":null,"name":"A","company_name":"B"}""");
        Assert.NotEqual(422, status);

        (status, body, _) = await _s.PostAsync("/leads/api/leads/count", """{"ids":["not-a-uuid"],"all":false}""");
        Assert.Equal(422, status);
        Assert.Contains("ids.0", body);
        Assert.Contains("valid UUID", body);
    }

    [Fact]
    public async Task A_contact_update_records_custom_fields_as_ignored_and_answers_as_the_API_does()
    {
        var uuid = _s.FirstContactUuid();
        var (status, _, _) = await _s.PutAsync($"/leads/api/leads/{uuid}", """{"first_name":"Ann","custom_fields":{"industry":"SaaS"}}""");

        Assert.Equal(200, status);
        var v = Only(_s.Last($"/leads/api/leads/{uuid}"), "body-ignored");
        Assert.False(v.Rejects);
    }

    [Theory]
    [InlineData("""{"type":"contact_add_tags","filter":{"ids":["ID"]},"payload":{"tag":"x"}}""", "payload.tag_uuid")]
    [InlineData("""{"type":"contact_add_tags","filter":{"ids":["ID"]},"payload":{"tag_uuid":"T","extra":1}}""", "payload.extra")]
    [InlineData("""{"type":"contact_replace_tags","filter":{"ids":["ID"]},"payload":{"tag_uuids":"T"}}""", "payload.tag_uuids")]
    [InlineData("""{"type":"contact_delete","filter":{"ids":["ID"]},"payload":{"tag_uuid":"T"}}""", "payload")]
    [InlineData("""{"type":"contact_mark_read","filter":{"ids":[]}}""", "filter.ids")]
    [InlineData("""{"type":"contact_mark_read","filter":{"ids":["ID"],"excludeIds":[]}}""", "filter.excludeIds")]
    [InlineData("""{"type":"contact_mark_read","filter":{"first_name":"Ann"}}""", "filter.ids")]
    [InlineData("""{"type":"contact_mark_read","filter":{"all":true,"first_name":{"~":"Ann"}}}""", "filter.first_name")]
    [InlineData("""{"type":"contact_assign_tag","filter":{"ids":["ID"]},"payload":{"tag_uuid":"T"}}""", "type")]
    public async Task Mass_actions_follow_the_payload_table_and_the_two_filter_forms(string body, string field)
    {
        var tag = _s.Server.Data.Team(1).GetTags()[0]["uuid"]!.GetValue<string>();
        var (status, answer, _) = await _s.PutAsync("/leads/api/leads/mass-action", body.Replace("ID", _s.FirstContactUuid()).Replace("\"T\"", $"\"{tag}\""));

        Assert.Equal(422, status);
        Assert.Contains($"\"{field}\"", answer);
    }

    [Theory]
    [InlineData("""{"type":"contact_add_tags","filter":{"ids":["ID"]},"payload":{"tag_uuid":"T"}}""")]
    [InlineData("""{"type":"contact_mark_read","filter":{"ids":["ID"],"all":false}}""")]
    [InlineData("""{"type":"contact_mark_read","filter":{"all":true,"first_name":["Ann","Bo"],"created_at":{">=":"2024-01-01"},"email_status":"is_null"}}""")]
    [InlineData("""{"type":"contact_change_custom_field","filter":{"ids":["ID"]},"payload":{"custom_field_uuid":"F","value":null}}""")]
    public async Task Documented_mass_actions_pass(string body)
    {
        var team = _s.Server.Data.Team(1);
        var json = body.Replace("ID", _s.FirstContactUuid())
            .Replace("\"T\"", $"\"{team.GetTags()[0]["uuid"]}\"").Replace("\"F\"", $"\"{team.GetCustomFields()[0]["uuid"]}\"");
        var (status, _, _) = await _s.PutAsync("/leads/api/leads/mass-action", json);

        Assert.Equal(200, status);
        Assert.Empty(_s.Last("/leads/api/leads/mass-action").Violations);
    }

    [Fact]
    public async Task The_count_needs_ids_unless_all_is_true()
    {
        var (status, body, _) = await _s.PostAsync("/leads/api/leads/count", """{"filter":{"first_name":"is_not_null"}}""");
        Assert.Equal(422, status);
        Assert.Equal("count-ids", Only(_s.Last("/leads/api/leads/count"), "count-ids").Rule);

        (status, body, _) = await _s.PostAsync("/leads/api/leads/count", """{"all":true,"filter":{"uuid":"is_null"}}""");
        Assert.Equal(200, status);
        Assert.Equal(0, SandboxHarness.Obj(body)["total"]!.GetValue<int>());

        (status, body, _) = await _s.PostAsync("/leads/api/leads/count", $$"""{"all":false,"ids":["{{_s.FirstContactUuid()}}"]}""");
        Assert.Equal(200, status);
        Assert.Equal(1, SandboxHarness.Obj(body)["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_CSV_upload_needs_a_file_part_and_type_csv_leads()
    {
        using var good = new MultipartFormDataContent { { new ByteArrayContent("linkedin_id\nann\n"u8.ToArray()), "file", "a.csv" }, { new StringContent("csv_leads"), "type" } };
        var response = await _s.Http.PostAsync("leads/api/file-imports/upload-csv", good);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Empty(_s.Last("/leads/api/file-imports/upload-csv").Violations);

        using var noFile = new MultipartFormDataContent { { new StringContent("linkedin_id\nann\n"), "file" }, { new StringContent("leads"), "type" } };
        response = await _s.Http.PostAsync("leads/api/file-imports/upload-csv", noFile);
        Assert.Equal(422, (int)response.StatusCode);
        var rules = _s.Last("/leads/api/file-imports/upload-csv").Violations.Select(v => v.Rule + ":" + v.Field).ToList();
        Assert.Contains("multipart-file:file", rules);
        Assert.Contains("body-schema:type", rules);
    }

    [Fact]
    public async Task Declared_violations_are_recorded_as_expected_and_only_as_many_as_declared()
    {
        using var control = new HttpClient { BaseAddress = _s.Server.BaseUri };
        var declare = await control.PostAsync("_sandbox/expected-violations",
            new StringContent("""[{"method":"GET","path":"/id/api/*","count":1}]""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(declare.IsSuccessStatusCode);

        await _s.GetAsync("/id/api/teams");
        await _s.GetAsync("/id/api/teams");

        var entries = _s.Server.Requests.All().Where(e => e.Path == "/id/api/teams").ToList();
        Assert.True(Assert.Single(entries[^2].Violations).Expected);
        Assert.False(Assert.Single(entries[^1].Violations).Expected);
        var listed = JsonNode.Parse(await control.GetStringAsync("_sandbox/violations"))!.AsArray();
        Assert.Contains(listed, v => v!["path"]!.GetValue<string>() == "/id/api/teams" && v["expected"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_report_holds_each_violation_and_the_count_while_the_sandbox_still_runs()
    {
        var before = _s.Server.ContractReport.Requests;
        await _s.GetAsync("/leads/api/lists?colour=blue");
        await _s.GetAsync("/leads/api/tags");

        // Nothing waits for an orderly stop: a killed sandbox leaves exactly this on disk.
        var folder = _s.ReportFolder;
        var instance = _s.Server.ContractReport.Instance;
        var lines = File.ReadAllLines(Path.Combine(folder, $"violations-{instance}.jsonl"));
        var last = JsonNode.Parse(lines.Last(l => l.Contains("colour")))!;
        Assert.Equal("query-unknown", last["rule"]!.GetValue<string>());
        Assert.Equal("GET", last["method"]!.GetValue<string>());
        Assert.Equal("colour=blue", last["query"]!.GetValue<string>());
        using var share = new FileStream(Path.Combine(folder, $"checked-{instance}.json"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var counts = JsonNode.Parse(new StreamReader(share).ReadToEnd())!;
        Assert.Equal(before + 2, counts["requests"]!.GetValue<long>());
    }

    [Fact]
    public async Task In_the_minimal_reading_the_sandbox_answers_every_call_within_the_contract()
    {
        var list = _s.FirstListUuid();
        var contact = _s.FirstContactUuid();
        var team = _s.Server.Data.Team(1);
        var field = team.GetCustomFields()[0]["uuid"]!.GetValue<string>();
        await _s.GetAsync("/id/api/users/current");
        await _s.PostAsync("/leads/api/leads/search", """{"limit":50,"order_field":"first_name","order_type":"desc"}""");
        await _s.GetAsync($"/leads/api/leads/{contact}");
        await _s.PostAsync("/leads/api/leads/upsert", $$"""{"lead":{"linkedin_id":"tour-1","first_name":"Tour"},"list_uuid":"{{list}}"}""");
        await _s.PutAsync($"/leads/api/leads/{contact}", """{"headline":"On tour"}""");
        await _s.PostAsync("/leads/api/leads/count", """{"all":true}""");
        await _s.PutAsync("/leads/api/leads/mass-action", $$"""{"type":"contact_mark_read","filter":{"ids":["{{contact}}"]} }""");
        await _s.GetAsync("/leads/api/lists?limit=3");
        await _s.GetAsync($"/leads/api/lists/{list}");
        await _s.PostAsync("/leads/api/lists", """{"name":"Tour list"}""");
        await _s.PostAsync("/leads/api/lists/metrics", $$"""{"uuids":["{{list}}"]}""");
        await _s.GetAsync("/leads/api/tags");
        await _s.PostAsync("/leads/api/tags", """{"name":"Tour","color":"#123456"}""");
        await _s.GetAsync("/leads/api/pipeline-stages?filter=" + Uri.EscapeDataString("{\"object\":\"lead\"}"));
        await _s.GetAsync("/leads/api/custom-fields?limit=10");
        await _s.PostAsync("/leads/api/custom-field-values", $$"""{"custom_field_uuid":"{{field}}","object_type":"lead","object_uuid":"{{contact}}","value":"SaaS"}""");
        await _s.GetAsync("/flows/api/flows?limit=2");
        await _s.PostAsync("/leads/api/file-exports/leads", """{"filter":{"all":true}}""");
        await _s.GetAsync("/leads/api/leads/00000000-0000-0000-0000-000000000000");

        var lies = _s.Server.Requests.All().SelectMany(e => e.Violations.Select(v => (e, v))).Where(x => x.v.Source == "sandbox").ToList();
        Assert.True(lies.Count == 0, string.Join("\n", lies.Select(x => $"{x.e.Method} {x.e.Path}: {x.v.Field} {x.v.Detail}")));
        Assert.Equal(19, _s.Server.Requests.All().Count);
    }

    [Fact]
    public void The_self_check_catches_an_answer_the_contract_does_not_allow()
    {
        var checker = new ContractChecker(ApiContract.Default);
        var massAction = ApiContract.Default.Find("PUT", "/leads/api/leads/mass-action").Operation!;
        var lead = ApiContract.Default.Find("GET", "/leads/api/leads/x").Operation!;
        var upsert = ApiContract.Default.Find("POST", "/leads/api/leads/upsert").Operation!;

        Assert.Contains(checker.CheckResponse(massAction, ApiResult.Json(new JsonObject { ["count"] = 1 })), v => v.Rule == "response-body");
        Assert.Contains(checker.CheckResponse(upsert, ApiResult.Json(new JsonObject { ["uuid"] = "a" }, 201)), v => v.Rule == "response-status");
        var lie = checker.CheckResponse(lead, ApiResult.Json(new JsonObject { ["uuid"] = "a", ["custom_fields"] = new JsonObject(), ["tags"] = 3 }));
        Assert.Contains(lie, v => v.Field == "custom_fields");
        Assert.Contains(lie, v => v.Field == "tags");
        Assert.All(lie, v => Assert.Equal("sandbox", v.Source));
        Assert.Empty(checker.CheckResponse(massAction, ApiResult.Empty()));
    }
}
