using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Tests;

/// <summary>
/// The pieces behind the automation-per-contact, enrichment and metrics cmdlets: the flow-lead
/// query and its pager (against the sandbox, with records leaving the selection mid-read), the
/// GET pager for collections whose items have no documented shape, the metric table, and the
/// contact-or-company input.
/// </summary>
public sealed class AutomationLeadTests : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private const string FlowLeads = "/flows/api/flows-leads/list";
    private readonly SandboxFixture _sandbox;
    private GrinfiConnection _connection = null!;

    public AutomationLeadTests(SandboxFixture sandbox) => _sandbox = sandbox;

    public async Task InitializeAsync()
    {
        await _sandbox.ResetAsync();
        _connection = _sandbox.Connect();
    }

    public Task DisposeAsync()
    {
        _connection.Dispose();
        return Task.CompletedTask;
    }

    private GrinfiApi Api => _connection.Api;

    private static GrinfiAutomationLead Record(string? flow, string? lead, string? status)
    {
        var json = new JsonObject { ["uuid"] = Guid.NewGuid().ToString() };
        if (flow is not null) json["flow_uuid"] = flow;
        if (lead is not null) json["lead_uuid"] = lead;
        if (status is not null) json["status"] = status;
        return new GrinfiAutomationLead(json);
    }

    // ---- the query ----

    [Fact]
    public void The_query_sends_only_the_conditions_it_has()
    {
        var body = new AutomationLeadQuery(["f1", "F1", " "], null, ["in_progress"]).Body(20, 10);

        Assert.Equal("""{"filter":{"flow_uuid":["f1"],"status":["in_progress"]},"limit":10,"offset":20}""", body.ToJsonString());
        Assert.Equal("""{"filter":{},"limit":5,"offset":0}""", new AutomationLeadQuery().Body(0, 5).ToJsonString());
    }

    [Fact]
    public void A_record_outside_the_query_is_named_and_a_field_it_lacks_passes()
    {
        var query = new AutomationLeadQuery(["f1"], ["l1"], ["paused"]);

        Assert.Null(query.Outside(Record("F1", "L1", "PAUSED")));
        Assert.Null(query.Outside(Record(null, null, null)));
        Assert.Equal("its automation is f2, where the filter asked for f1", query.Outside(Record("f2", "l1", "paused")));
        Assert.Equal("its contact is l2, where the filter asked for l1", query.Outside(Record("f1", "l2", "paused")));
        Assert.Equal("its status is finished, where the filter asked for paused", query.Outside(Record("f1", "l1", "finished")));
    }

    // ---- the pager, against the sandbox ----

    private async Task<(string Flow, IReadOnlyList<string> Leads)> EnrolAsync(int count)
    {
        var flow = (await Api.GetAutomationsAsync("off", CallContext.None))[0].Uuid;
        var leads = await _sandbox.InsertContactsAsync(count);
        await Api.MassActionAsync(MassAction.AddToAutomation(flow), ContactSelection.OfIds(leads), CallContext.None);
        return (flow, leads);
    }

    [Fact]
    public async Task Reads_from_the_last_page_back_so_records_leaving_the_selection_are_not_skipped()
    {
        var (flow, leads) = await EnrolAsync(23);
        _sandbox.Server.Options.MaxPageSize = 5;
        var pager = new AutomationLeadPager(Api, new AutomationLeadQuery([flow], null, ["in_progress"]));
        var seen = new List<string>();

        for (var page = await pager.NextAsync(CallContext.None); page.Count > 0; page = await pager.NextAsync(CallContext.None))
        {
            // What a downstream Stop-GrinfiAutomationLead does between pages: each record leaves the filter.
            foreach (var record in page)
            {
                seen.Add(record.LeadUuid!);
                await Api.CancelLeadFromAutomationsAsync(record.LeadUuid!, [flow], CallContext.None);
            }
        }

        Assert.Equal(leads.OrderBy(l => l), seen.OrderBy(l => l));
        Assert.Equal(5, pager.Pages);
        var offsets = _sandbox.Server.Requests.All().Where(e => e.Path == FlowLeads)
            .Select(e => JsonNode.Parse(e.Body!)!["offset"]!.GetValue<int>()).ToList();
        Assert.Equal([0, 20, 15, 10, 5], offsets);
    }

    [Fact]
    public async Task Reads_forward_by_has_more_when_the_first_page_is_all()
    {
        var (flow, leads) = await EnrolAsync(4);
        var pager = new AutomationLeadPager(Api, new AutomationLeadQuery([flow]));

        var first = await pager.NextAsync(CallContext.None);
        var second = await pager.NextAsync(CallContext.None);

        Assert.Equal(4, first.Count);
        Assert.Empty(second);
        Assert.Equal(1, pager.Pages);
    }

    [Fact]
    public async Task A_server_that_ignores_the_filter_is_an_error_before_its_page_is_returned()
    {
        var (flow, _) = await EnrolAsync(3);
        await _sandbox.AddFaultsAsync(new { path = FlowLeads, kind = "ignore-filter" });
        var pager = new AutomationLeadPager(Api, new AutomationLeadQuery([flow]));

        var error = await Assert.ThrowsAsync<GrinfiException>(() => pager.NextAsync(CallContext.None));

        Assert.Equal("GrinfiFilterIgnored", error.ErrorId);
    }

    // ---- the GET pager for shapeless items ----

    [Fact]
    public async Task Queue_entries_without_a_uuid_are_read_to_a_short_page_and_a_repeated_page_is_a_stall()
    {
        _sandbox.Server.Options.Reading = GrinfiPS.Sandbox.SandboxReading.Minimal;
        var leads = await _sandbox.InsertContactsAsync(5);
        await Api.EnrichAsync("lead", leads.ToList(), CallContext.None);

        var pager = Api.EnrichmentQueuePager(descending: false, pageSize: 3);
        var first = await pager.NextAsync(CallContext.None);
        var second = await pager.NextAsync(CallContext.None);
        var end = await pager.NextAsync(CallContext.None);
        Assert.Equal(3, first.Count);
        Assert.Equal(2, second.Count);
        Assert.Empty(end);
        Assert.All(first, e => Assert.Equal("{}", e.ToJson()));
        // The second page is shorter than the first: no clamped page, so the read ends there.
        Assert.Equal(2, pager.Requests);

        // Entries without a uuid, alike in every byte, on two full pages: told apart from a
        // repeated page they cannot be, and the pager says so rather than read forever.
        await Api.EnrichAsync("lead", (await _sandbox.InsertContactsAsync(2)).ToList(), CallContext.None);
        var alike = Api.EnrichmentQueuePager(descending: false, pageSize: 3);
        await alike.NextAsync(CallContext.None);
        var stalled = await Assert.ThrowsAsync<GrinfiException>(() => alike.NextAsync(CallContext.None));
        Assert.Equal("GrinfiPagingStalled", stalled.ErrorId);
    }

    // ---- metrics, inputs, bodies ----

    [Fact]
    public void Every_engagement_metric_has_its_property_and_the_model_no_other()
    {
        var properties = typeof(GrinfiEngagementMetric).GetProperties().Select(p => p.Name).Where(n => n is not "From" and not "To").ToList();

        Assert.Equal(13, EngagementMetrics.All.Count);
        Assert.Equal(EngagementMetrics.All.Select(m => m.Property).OrderBy(n => n), properties.OrderBy(n => n));
        var counts = EngagementMetrics.All.Select((m, i) => (m.Api, (long)i)).ToDictionary(x => x.Api, x => x.Item2);
        var metric = new GrinfiEngagementMetric(DateTime.Now, DateTime.Now, counts);
        foreach (var (api, property) in EngagementMetrics.All)
        {
            Assert.Equal(counts[api], typeof(GrinfiEngagementMetric).GetProperty(property)!.GetValue(metric));
        }
    }

    [Theory]
    [InlineData("email_sent_count", "email_sent_count")]
    [InlineData("EmailSentCount", "email_sent_count")]
    [InlineData("linkedininmailrepliedcount", "linkedin_inmail_replied_count")]
    [InlineData("email_send_count", null)]
    public void Metric_names_resolve_from_the_api_or_property_names(string given, string? expected) =>
        Assert.Equal(expected, EngagementMetrics.Resolve(given));

    [Fact]
    public void A_contact_or_company_input_says_what_it_is_or_takes_object()
    {
        var uuid = Guid.NewGuid().ToString();
        var lead = new GrinfiLead(new JsonObject { ["uuid"] = uuid, ["team_id"] = 1 });
        var company = new GrinfiCompany(new JsonObject { ["uuid"] = uuid, ["name"] = "Acme" });

        Assert.Equal(GrinfiObjectType.Lead, new LeadOrCompanyPipeBind(uuid).Resolve(null));
        Assert.Equal(GrinfiObjectType.Company, new LeadOrCompanyPipeBind(uuid).Resolve(GrinfiObjectType.Company));
        Assert.Equal(GrinfiObjectType.Company, new LeadOrCompanyPipeBind((object)company).Resolve(null));
        Assert.Equal(GrinfiObjectType.Lead, new LeadOrCompanyPipeBind((object)lead).Resolve(GrinfiObjectType.Lead));
        Assert.Equal("GrinfiObjectMismatch", Assert.Throws<GrinfiException>(() => new LeadOrCompanyPipeBind((object)lead).Resolve(GrinfiObjectType.Company)).ErrorId);
        var row = new System.Management.Automation.PSObject();
        row.Properties.Add(new System.Management.Automation.PSNoteProperty("CompanyUuid", uuid));
        Assert.Equal(GrinfiObjectType.Company, new LeadOrCompanyPipeBind(row).Resolve(null));
        var bare = new System.Management.Automation.PSObject();
        bare.Properties.Add(new System.Management.Automation.PSNoteProperty("Name", "Acme"));
        Assert.Equal("GrinfiNotALeadOrCompany", Assert.Throws<GrinfiException>(() => new LeadOrCompanyPipeBind(bare).Resolve(null)).ErrorId);
        Assert.Equal("GrinfiInvalidUuid", Assert.Throws<GrinfiException>(() => new LeadOrCompanyPipeBind("12").Resolve(null)).ErrorId);
        var record = new GrinfiAutomationLead(new JsonObject { ["uuid"] = "r", ["lead_uuid"] = uuid, ["flow_uuid"] = "f" });
        Assert.Equal(uuid, new LeadOrCompanyPipeBind((object)record).Uuid);
        Assert.Equal(uuid, new LeadPipeBind((object)record).Uuid);
        Assert.Same(record, new LeadPipeBind((object)record).AutomationLead);
    }

    [Fact]
    public void The_add_new_lead_body_says_every_flag_and_the_segment_only_when_given()
    {
        var fields = new Dictionary<string, string> { ["first_name"] = "Ada", ["linkedin_id"] = "ada-l" };

        var plain = new AutomationNewLead(new LeadUpsert(fields, "list")).Body();
        var skip = new AutomationNewLead(new LeadUpsert(fields, "list") { MoveToList = true, CustomFields = new Dictionary<string, string?> { ["industry"] = "SaaS" } })
        {
            SkipIfExists = true,
            Segment = 3,
        }.Body();

        Assert.Equal("""{"lead":{"linkedin_id":"ada-l","first_name":"Ada"},"list_uuid":"list","move_to_list":false,"update_lead_if_exists":true,"skip_if_lead_exists":false}""", plain.ToJsonString());
        Assert.True(skip["move_to_list"]!.GetValue<bool>());
        Assert.Equal(3, skip["flow_segment_id"]!.GetValue<int>());
        Assert.True(skip["skip_if_lead_exists"]!.GetValue<bool>());
        Assert.Equal("SaaS", skip["custom_fields"]!["industry"]!.GetValue<string>());
        Assert.Throws<ArgumentException>(() => new LeadUpsert(new Dictionary<string, string> { ["first_name"] = "x" }, "list"));
        Assert.Throws<ArgumentException>(() => new LeadUpsert(new Dictionary<string, string> { ["linkedin_id"] = "x", ["tags"] = "y" }, "list"));
    }
}
