using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Tests;

/// <summary>
/// ListName, PipelineStageName and TagNames are property getters: format views and Export-Csv
/// call them, where a blocking request cannot be cancelled with Ctrl+C. They read names that
/// were loaded before, and never send a request themselves.
/// </summary>
public sealed class LeadNamesTests : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private readonly SandboxFixture _sandbox;

    public LeadNamesTests(SandboxFixture sandbox) => _sandbox = sandbox;

    public Task InitializeAsync() => _sandbox.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_name_getters_of_a_lead_whose_names_are_not_loaded_show_none_and_send_no_request()
    {
        using var connection = _sandbox.Connect();
        var page = await connection.Api.SearchLeadsAsync(new LeadQuery(new JsonObject(), 50), CallContext.None);
        var lead = page.Items.First(l => l.ListUuid is not null && l.PipelineStageUuid is not null && l.Tags.Count > 0);
        var logged = _sandbox.Server.Requests.Count;

        Assert.Null(lead.ListName);
        Assert.Null(lead.PipelineStageName);
        Assert.Equal(lead.Tags, lead.TagNames); // the UUIDs, for want of names

        Assert.Equal(logged, _sandbox.Server.Requests.Count);
    }

    [Fact]
    public async Task The_name_getters_read_the_names_the_connection_loaded()
    {
        using var connection = _sandbox.Connect();
        var page = await connection.Api.SearchLeadsAsync(new LeadQuery(new JsonObject(), 50), CallContext.None);
        var lead = page.Items.First(l => l.ListUuid is not null && l.PipelineStageUuid is not null && l.Tags.Count > 0);
        var lists = await connection.Cache.Lists.GetAllAsync(CallContext.None);
        var stages = await connection.Cache.LeadStages.GetAllAsync(CallContext.None);
        var tags = await connection.Cache.Tags.GetAllAsync(CallContext.None);
        var logged = _sandbox.Server.Requests.Count;

        Assert.Equal(lists.Single(l => l.Uuid == lead.ListUuid).Name, lead.ListName);
        Assert.Equal(stages.Single(s => s.Uuid == lead.PipelineStageUuid).Name, lead.PipelineStageName);
        Assert.Equal(lead.Tags.Select(t => tags.Single(g => g.Uuid == (string?)t).Name), lead.TagNames.Cast<string>());

        Assert.Equal(logged, _sandbox.Server.Requests.Count);
    }
}
