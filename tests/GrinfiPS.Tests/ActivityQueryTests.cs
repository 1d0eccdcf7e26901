using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Tests;

/// <summary>The JSON-string filter of the activity list, and the check of the answer against it.</summary>
public sealed class ActivityQueryTests
{
    private static readonly string Lead = "0f8fad5b-d9cb-469f-a165-70867728950e";

    [Fact]
    public void The_filter_has_the_documented_keys_only_and_dates_in_utc()
    {
        var after = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var before = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);

        var filter = JsonNode.Parse(new ActivityQuery("lead", Lead, "email_sent", after, before).FilterText())!.AsObject();

        Assert.Equal(new[] { "lead_uuid", "type", "created_at" }, filter.Select(p => p.Key));
        Assert.Equal(Lead, (string?)filter["lead_uuid"]);
        Assert.Equal("2026-04-01T00:00:00.0000000Z", (string?)filter["created_at"]![">"]);
        Assert.Equal("2026-05-01T00:00:00.0000000Z", (string?)filter["created_at"]!["<"]);
        Assert.Equal("{\"company_uuid\":\"" + Lead + "\"}", new ActivityQuery("company", Lead, null, null, null).FilterText());
        Assert.Equal("{}", new ActivityQuery(null, null, null, null, null).FilterText());
    }

    [Theory]
    [InlineData("lead", "0f8fad5b-d9cb-469f-a165-70867728950e", "email_sent", "2026-04-10T00:00:00Z", null)]
    [InlineData("lead", "0F8FAD5B-D9CB-469F-A165-70867728950E", "email_sent", "2026-04-10T00:00:00Z", null)]
    [InlineData("lead", "1f8fad5b-d9cb-469f-a165-70867728950e", "email_sent", "2026-04-10T00:00:00Z", "it is on lead")]
    [InlineData("company", "0f8fad5b-d9cb-469f-a165-70867728950e", "email_sent", "2026-04-10T00:00:00Z", "it is on company")]
    [InlineData("lead", "0f8fad5b-d9cb-469f-a165-70867728950e", "email_opened", "2026-04-10T00:00:00Z", "its type is email_opened")]
    [InlineData("lead", "0f8fad5b-d9cb-469f-a165-70867728950e", "email_sent", "2026-04-01T00:00:00Z", "outside the range")]
    [InlineData("lead", "0f8fad5b-d9cb-469f-a165-70867728950e", "email_sent", "2026-05-02T00:00:00Z", "outside the range")]
    public void An_activity_outside_the_filter_is_named_with_why(string objectType, string objectUuid, string type, string createdAt, string? why)
    {
        var query = new ActivityQuery("lead", Lead, "email_sent", new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc));
        var activity = new GrinfiActivity(new JsonObject
        {
            ["uuid"] = Guid.NewGuid().ToString("D"), ["object_type"] = objectType, ["object_uuid"] = objectUuid, ["type"] = type, ["created_at"] = createdAt,
        });

        var problem = query.Admits(activity);

        if (why is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(why, problem);
        }
    }

    [Theory]
    [InlineData("email_sent", true)]
    [InlineData("call_logged", true)]
    [InlineData("Email Sent", false)]
    [InlineData("email-sent", false)]
    [InlineData("_email", false)]
    [InlineData("", false)]
    public void An_activity_type_is_lower_case_words_joined_by_underscores(string type, bool ok)
    {
        if (ok)
        {
            Assert.Equal(type, ActivityTypes.Check(type));
        }
        else
        {
            Assert.Equal("GrinfiInvalidActivityType", Assert.Throws<GrinfiException>(() => ActivityTypes.Check(type)).ErrorId);
        }
    }
}
