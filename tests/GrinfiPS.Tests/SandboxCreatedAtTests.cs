using System.Text;
using System.Text.Json.Nodes;

namespace GrinfiPS.Tests;

/// <summary>Contacts without created_at (<c>POST /_sandbox/contacts {withoutCreatedAt: true}</c>): the schema allows null, searches sort them last.</summary>
public sealed class SandboxCreatedAtTests : IClassFixture<SandboxHarness>
{
    private readonly SandboxHarness _s;

    public SandboxCreatedAtTests(SandboxHarness harness)
    {
        _s = harness;
        _s.Reset();
    }

    private async Task<(int Status, string Body)> Control(string path, string json)
    {
        using var control = new HttpClient { BaseAddress = _s.Server.BaseUri };
        using var response = await control.PostAsync("_sandbox/" + path, new StringContent(json, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonNode>> Search(string json)
    {
        var (status, body, _) = await _s.PostAsync("/leads/api/leads/search", json);
        Assert.Equal(200, status);
        return SandboxHarness.Obj(body)["data"]!.AsArray().Select(i => i!).ToList();
    }

    private static HashSet<string> Uuids(IEnumerable<JsonNode> items) => items.Select(i => i["uuid"]!.GetValue<string>()).ToHashSet();

    [Fact]
    public async Task Contacts_made_without_created_at_have_none_and_come_last_in_both_directions()
    {
        var (status, body) = await Control("contacts", """{"count":3,"withoutCreatedAt":true}""");
        Assert.Equal(200, status);
        var made = SandboxHarness.Obj(body)["uuids"]!.AsArray().Select(u => u!.GetValue<string>()).ToHashSet();
        Assert.Equal(3, made.Count);

        var (_, count, _) = await _s.PostAsync("/leads/api/leads/count", """{"all":true,"filter":{"created_at":"is_null"}}""");
        Assert.Equal(3, SandboxHarness.Obj(count)["total"]!.GetValue<int>());

        // Index slices (no other condition) and index walks (a condition on another field), ascending and descending.
        foreach (var search in new[]
        {
            """{"limit":1000,"order_field":"created_at","order_type":"asc"}""",
            """{"limit":1000,"order_field":"created_at","order_type":"desc"}""",
            """{"limit":1000,"order_field":"created_at","order_type":"asc","filter":{"team_id":1}}""",
            """{"limit":1000,"order_field":"created_at","order_type":"desc","filter":{"team_id":1}}""",
        })
        {
            var items = await Search(search);
            Assert.Equal(43, items.Count);
            Assert.Equal(made, Uuids(items.TakeLast(3)));
            Assert.All(items.TakeLast(3), i => Assert.Null(i["created_at"]));
            Assert.All(items.SkipLast(3), i => Assert.NotNull(i["created_at"]));
        }

        // A created_at range never matches a contact without one.
        var dated = await Search("""{"limit":1000,"filter":{"created_at":{">=":"2000-01-01T00:00:00Z"}}}""");
        Assert.Equal(40, dated.Count);
        Assert.Empty(Uuids(dated).Intersect(made));
        var nulls = await Search("""{"limit":1000,"order_field":"uuid","filter":{"created_at":"is_null"}}""");
        Assert.Equal(made, Uuids(nulls));

        var lies = _s.Server.Requests.All().SelectMany(e => e.Violations).Where(v => v.Source == "sandbox").ToList();
        Assert.True(lies.Count == 0, string.Join("\n", lies.Select(v => $"{v.Field} {v.Detail}")));
    }

    [Fact]
    public async Task CreatedAt_and_withoutCreatedAt_together_are_refused()
    {
        var (status, body) = await Control("contacts", """{"count":1,"createdAt":"2025-01-01T00:00:00Z","withoutCreatedAt":true}""");
        Assert.Equal(422, status);
        Assert.Contains("withoutCreatedAt", body);
    }
}
