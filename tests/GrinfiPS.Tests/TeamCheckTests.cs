using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Tests;

/// <summary>One team at a time: which objects TeamCheck refuses, and how it says so.</summary>
public sealed class TeamCheckTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public TeamCheckTests(SandboxFixture sandbox) => _sandbox = sandbox;

    [Fact]
    public void An_object_whose_team_id_differs_is_refused_naming_both_teams()
    {
        var stage = new GrinfiPipelineStage(new JsonObject { ["uuid"] = Guid.NewGuid().ToString(), ["name"] = "New", ["team_id"] = 2 });

        var refusal = TeamCheck.Refusal(stage, 1, "-PipelineStage");

        Assert.NotNull(refusal);
        Assert.Equal("GrinfiOtherTeam", refusal.ErrorId);
        Assert.Equal("The pipeline stage 'New' given to -PipelineStage belongs to team 2, and this connection works with team 1.", refusal.Message);
        Assert.Same(stage, refusal.TargetObject);
        Assert.Null(TeamCheck.Refusal(stage, 2, "-PipelineStage"));
    }

    [Fact]
    public async Task An_answer_without_team_id_is_judged_by_the_connection_it_was_read_through()
    {
        using var second = _sandbox.Connect(apiKey: _sandbox.Server.SecondApiKey);
        var automation = (await second.Api.GetAutomationsAsync(null, CallContext.None)).First();
        // The minimal reading sends flows without their (optional) team_id.
        Assert.DoesNotContain("team_id", automation.ToJson());

        var refusal = TeamCheck.Refusal(automation, 1, "-Automation");

        Assert.NotNull(refusal);
        Assert.Contains("belongs to team 2", refusal.Message);
        Assert.Null(TeamCheck.Refusal(automation, 2, "-Automation"));
    }

    [Fact]
    public void An_object_of_no_known_team_is_let_through()
    {
        var tag = new GrinfiTag(new JsonObject { ["uuid"] = Guid.NewGuid().ToString(), ["name"] = "Hot" });

        Assert.Null(TeamCheck.Refusal(tag, 1, "-Tag"));
    }
}
