using System.Text.Json.Nodes;
using GrinfiPS.Sandbox;

namespace GrinfiPS.Tests;

/// <summary>The two readings of the vendor's document: exactly it (minimal), and it plus extras (generous).</summary>
public sealed class SandboxReadingTests : IClassFixture<SandboxHarness>
{
    private readonly SandboxHarness _s;

    public SandboxReadingTests(SandboxHarness harness)
    {
        _s = harness;
        _s.Reset();
    }

    private string Upsert(string handle) =>
        $$"""{"lead":{"linkedin_id":"{{handle}}","first_name":"Ann"},"list_uuid":"{{_s.FirstListUuid()}}","custom_fields":{"industry":"SaaS"} }""";

    [Theory]
    [InlineData(SandboxReading.Minimal)]
    [InlineData(SandboxReading.Generous)]
    public async Task Upsert_answers_200_for_a_create_and_an_update_alike(SandboxReading reading)
    {
        _s.Reset(reading);
        var (created, _, _) = await _s.PostAsync("/leads/api/leads/upsert", Upsert("reading-1"));
        var (updated, _, _) = await _s.PostAsync("/leads/api/leads/upsert", Upsert("reading-1"));

        Assert.Equal(200, created);
        Assert.Equal(200, updated);
    }

    [Fact]
    public async Task Minimal_sends_exactly_the_documented_shapes()
    {
        var (_, lead, _) = await _s.PostAsync("/leads/api/leads/upsert", Upsert("reading-2"));
        Assert.False(SandboxHarness.Obj(lead).ContainsKey("custom_fields"));

        var (_, search, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":2}""");
        Assert.Equal(["data", "limit", "offset", "total"], SandboxHarness.Obj(search).Select(p => p.Key));
        var (_, lists, _) = await _s.GetAsync("/leads/api/lists?limit=2");
        Assert.Equal(["data", "limit", "offset", "total"], SandboxHarness.Obj(lists).Select(p => p.Key));
        var (_, tags, _) = await _s.GetAsync("/leads/api/tags");
        Assert.Equal(["data"], SandboxHarness.Obj(tags).Select(p => p.Key));
        var (_, fields, _) = await _s.GetAsync("/leads/api/custom-fields?limit=2");
        Assert.Equal(["data"], SandboxHarness.Obj(fields).Select(p => p.Key));
        Assert.Equal(2, SandboxHarness.Obj(fields)["data"]!.AsArray().Count);
        var (_, flows, _) = await _s.GetAsync("/flows/api/flows?limit=2");
        Assert.Equal(["data", "limit", "offset", "total", "has_more"], SandboxHarness.Obj(flows).Select(p => p.Key));
        var (_, user, _) = await _s.GetAsync("/id/api/users/current");
        Assert.False(SandboxHarness.Obj(user).ContainsKey("team_id"));

        var (status, metrics, _) = await _s.PostAsync("/leads/api/lists/metrics", $$"""{"uuids":["{{_s.FirstListUuid()}}"]}""");
        Assert.Equal((200, ""), (status, metrics));
        (status, var action, _) = await _s.PutAsync("/leads/api/leads/mass-action", $$"""{"type":"contact_mark_read","filter":{"ids":["{{_s.FirstContactUuid()}}"]} }""");
        Assert.Equal((200, ""), (status, action));

        (status, var export, _) = await _s.PostAsync("/leads/api/file-exports/leads", """{"filter":{"all":true}}""");
        Assert.Equal(200, status);
        Assert.Equal(["uuid", "team_id", "type", "filter", "status"], SandboxHarness.Obj(export).Select(p => p.Key));
        Assert.Equal("contact_export_csv", SandboxHarness.Obj(export)["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Minimal_imports_answer_200_without_a_body_and_never_return_custom_field_values()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent("linkedin_id,industry\nimported-1,Retail\n"u8.ToArray()), "file", "a.csv" }, { new StringContent("csv_leads"), "type" } };
        var upload = await _s.Http.PostAsync("leads/api/file-imports/upload-csv", form);
        var record = SandboxHarness.Obj(await upload.Content.ReadAsStringAsync());
        Assert.Equal(["uuid", "team_id", "type", "payload", "status"], record.Select(p => p.Key));

        var (status, body, _) = await _s.PostAsync($"/leads/api/file-imports/{record["uuid"]}/import-leads",
            """{"columns":[{"source":"linkedin_id","target":"linkedin_id"},{"source":"industry","target":"custom_fields.industry"}]}""");
        Assert.Equal((200, ""), (status, body));
        var (_, found, _) = await _s.PostAsync("/leads/api/leads/lookup-one", """{"linkedin_id":"imported-1"}""");
        Assert.False(SandboxHarness.Obj(found).ContainsKey("custom_fields"));
    }

    [Fact]
    public async Task A_custom_field_value_is_answered_201_with_its_record_and_deleting_the_field_deletes_its_values()
    {
        var team = _s.Server.Data.Team(1);
        var field = team.GetCustomFields()[0]["uuid"]!.GetValue<string>();
        var contact = _s.FirstContactUuid();
        var (status, body, _) = await _s.PostAsync("/leads/api/custom-field-values",
            $$"""{"custom_field_uuid":"{{field}}","object_type":"lead","object_uuid":"{{contact}}","value":"Retail"}""");

        Assert.Equal(201, status);
        var value = SandboxHarness.Obj(body);
        Assert.Equal(["uuid", "team_id", "custom_field_uuid", "object_type", "object_uuid", "value", "created_at", "updated_at"], value.Select(p => p.Key));
        Assert.Equal("Retail", value["value"]!.GetValue<string>());

        (status, _, _) = await _s.SendAsync(HttpMethod.Delete, $"/leads/api/custom-fields/{field}");
        Assert.Equal(204, status);
        Assert.DoesNotContain(team.GetCustomFields(), f => f["uuid"]!.GetValue<string>() == field);
        Assert.Empty(team.GetContact(contact)!["custom_fields"]!.AsObject());
    }

    [Fact]
    public async Task Generous_adds_the_extras_with_the_documented_status_codes()
    {
        _s.Reset(SandboxReading.Generous);
        var (_, lead, _) = await _s.PostAsync("/leads/api/leads/upsert", Upsert("reading-3"));
        Assert.Equal("SaaS", SandboxHarness.Obj(lead)["custom_fields"]!["industry"]!.GetValue<string>());
        var (_, search, _) = await _s.PostAsync("/leads/api/leads/search", """{"limit":2}""");
        Assert.True(SandboxHarness.Obj(search).ContainsKey("has_more"));
        var (_, fields, _) = await _s.GetAsync("/leads/api/custom-fields?limit=2");
        Assert.True(SandboxHarness.Obj(fields).ContainsKey("total"));
        var (status, action, _) = await _s.PutAsync("/leads/api/leads/mass-action", $$"""{"type":"contact_mark_read","filter":{"ids":["{{_s.FirstContactUuid()}}"]} }""");
        Assert.Equal(200, status);
        Assert.Equal(1, SandboxHarness.Obj(action)["count"]!.GetValue<int>());
        var (_, export, _) = await _s.PostAsync("/leads/api/file-exports/leads", """{"filter":{"all":true}}""");
        Assert.StartsWith("leads-export-", SandboxHarness.Obj(export)["file_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_reading_is_an_option_that_changes_live_and_resets_to_the_start_reading()
    {
        using var control = new HttpClient { BaseAddress = _s.Server.BaseUri };
        var set = await control.PostAsync("_sandbox/options", new StringContent("""{"reading":"generous"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal("generous", JsonNode.Parse(await set.Content.ReadAsStringAsync())!["reading"]!.GetValue<string>());
        var (_, user, _) = await _s.GetAsync("/id/api/users/current");
        Assert.True(SandboxHarness.Obj(user).ContainsKey("team_id"));

        set = await control.PostAsync("_sandbox/options", new StringContent("""{"reading":"default"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(SandboxOptions.ReadingName(_s.Server.DefaultReading), JsonNode.Parse(await set.Content.ReadAsStringAsync())!["reading"]!.GetValue<string>());
    }
}
