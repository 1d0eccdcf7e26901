using System.Net;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Filters;
using GrinfiPS.Model;
using Microsoft.OpenApi.Models;
using Microsoft.OpenApi.Readers;

namespace GrinfiPS.Tests;

/// <summary>
/// The company field table against the contract, the model, the filter type and the sandbox:
/// one fact, and tests that the places that repeat it agree.
/// </summary>
public sealed class CompanyFieldsTests
{
    private static readonly Lazy<OpenApiDocument> s_contract = new(() =>
    {
        var path = Path.Combine(Root(), "tests", "GrinfiPS.Sandbox", "Contract", "grinfi-contract.yaml");
        using var stream = File.OpenRead(path);
        return new OpenApiStreamReader().Read(stream, out _);
    });

    [Fact]
    public void Are_the_company_schema_of_the_contract_in_its_order()
    {
        var schema = s_contract.Value.Components.Schemas["company"];

        Assert.Equal(schema.Properties.Keys, CompanyFields.Names);
    }

    [Fact]
    public void Take_on_create_and_update_what_the_contract_bodies_take()
    {
        var create = s_contract.Value.Paths["/leads/api/companies"].Operations[OperationType.Post].RequestBody.Content["application/json"].Schema;
        var item = create.Properties["companies"].Items;
        var update = s_contract.Value.Paths["/leads/api/companies/{uuid}"].Operations[OperationType.Put].RequestBody.Content["application/json"].Schema;

        Assert.Equal(item.Properties.Keys.OrderBy(k => k), CompanyFields.All.Where(f => f.OnCreate).Select(f => f.Name).OrderBy(k => k));
        Assert.Equal(update.Properties.Keys.OrderBy(k => k), CompanyFields.All.Where(f => f.OnUpdate).Select(f => f.Name).OrderBy(k => k));
        Assert.Equal(FieldKind.Number, CompanyFields.KindOf("ln_id"));
        Assert.Equal("integer", update.Properties["ln_id"].Type);
    }

    [Fact]
    public void Each_have_a_GrinfiCompany_property_a_filter_property_and_a_sandbox_field()
    {
        var model = typeof(GrinfiCompany).GetProperties().Select(p => p.Name).ToHashSet();
        var filter = typeof(CompanyFilter).GetProperties().Select(p => p.Name).ToHashSet();

        Assert.All(CompanyFields.All, f => Assert.Contains(f.Property, model));
        Assert.Equal(CompanyFields.Names.OrderBy(n => n), filter.OrderBy(n => n));
        Assert.Equal(CompanyFields.Names.OrderBy(n => n), Sandbox.Data.CompanyField.All.Keys.OrderBy(n => n));
        Assert.All(CompanyFields.All, f => Assert.Equal(f.Sortable, Sandbox.Data.CompanyField.All[f.Name].Sortable));
    }

    [Theory]
    [InlineData("EmployeesRange", "employees_range")]
    [InlineData("PipelineStageUuid", "lead_status_uuid")]
    [InlineData("lead_status_uuid", "lead_status_uuid")]
    [InlineData("HQRawAddress", "hq_raw_address")]
    public void Take_API_names_and_property_names(string given, string expected)
    {
        Assert.True(FieldSet.Companies.TryResolve(given, out var field, out _));
        Assert.Equal(expected, field);
        Assert.False(FieldSet.Leads.TryResolve("employees_range", out _, out _));
    }

    [Fact]
    public void Check_a_company_filter_in_the_contacts_language()
    {
        var filter = FilterConverter.Convert(new System.Collections.Hashtable
        {
            ["Industry"] = "SaaS",
            ["lists"] = new[] { "0f8fad5b-d9cb-469f-a165-70867728950e" },
            ["year_established"] = new System.Collections.Hashtable { ["-ge"] = 2000 },
        }, allowUnknownField: false, fields: FieldSet.Companies);

        Assert.Equal("SaaS", (string)filter["industry"]!);
        Assert.Equal(2000L, (long)filter["year_established"]![">="]!);
        var typo = Assert.Throws<GrinfiException>(() => FilterConverter.Convert(new System.Collections.Hashtable { ["industy"] = "x" }, false, fields: FieldSet.Companies));
        Assert.Contains("not a company field", typo.Message);
        Assert.Contains("'industry'", typo.Message);
        var name = Assert.Throws<GrinfiException>(() => FilterConverter.Convert(new System.Collections.Hashtable { ["lists"] = "Prospects" }, false, fields: FieldSet.Companies));
        Assert.Equal("GrinfiInvalidFilterValue", name.ErrorId);
        Assert.Contains("-List", name.Message);
        // A contact field is no company field.
        Assert.Throws<GrinfiException>(() => FilterConverter.Convert(new System.Collections.Hashtable { ["company_name"] = "x" }, false, fields: FieldSet.Companies));
    }

    [Fact]
    public void Judge_a_returned_company_by_its_lists_and_stage()
    {
        var list = "0f8fad5b-d9cb-469f-a165-70867728950e";
        var filter = new JsonObject { ["lists"] = list, ["lead_status_uuid"] = "11111111-1111-4111-8111-111111111111" };
        var inBoth = new JsonObject { ["lists"] = new JsonArray("aaaaaaaa-0000-4000-8000-000000000000", list.ToUpperInvariant()), ["lead_status_uuid"] = "11111111-1111-4111-8111-111111111111" };
        var otherList = new JsonObject { ["lists"] = new JsonArray("aaaaaaaa-0000-4000-8000-000000000000"), ["lead_status_uuid"] = "11111111-1111-4111-8111-111111111111" };

        Assert.Null(FilterAlgebra.ViolatedField(filter, inBoth, FieldSet.Companies));
        Assert.Equal("lists", FilterAlgebra.ViolatedField(filter, otherList, FieldSet.Companies));
        // Read as contact fields, lists would be text nobody can judge.
        Assert.Null(FilterAlgebra.ViolatedField(new JsonObject { ["lists"] = list }, otherList));
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GrinfiPS.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}

/// <summary>What makes two companies one, and what the lookup is asked.</summary>
public sealed class CompanyIdentityTests
{
    [Theory]
    [InlineData("https://www.Acme.com/about?x=1", "acme.com")]
    [InlineData("acme.com", "acme.com")]
    [InlineData("http://shop.acme.com:8080", "shop.acme.com")]
    [InlineData("  ", null)]
    public void Reads_the_host_of_a_website_or_domain(string given, string? host) =>
        Assert.Equal(host, CompanyIdentity.Host(given));

    [Fact]
    public void Knows_a_company_by_its_web_host_or_LinkedIn_page_and_by_name_only_without_them()
    {
        var withSite = new Dictionary<string, string> { ["name"] = "Acme", ["website"] = "https://www.acme.com", ["domain"] = "acme.com" };
        var withPage = new Dictionary<string, string> { ["name"] = "Acme", ["linkedin"] = "https://www.linkedin.com/company/Acme-Inc/" };
        var nameOnly = new Dictionary<string, string> { ["name"] = " Acme " };

        Assert.Equal(new[] { "host:acme.com" }, CompanyIdentity.Keys(withSite));
        Assert.Equal(new[] { "linkedin:acme-inc" }, CompanyIdentity.Keys(withPage));
        Assert.Equal(new[] { "name:acme" }, CompanyIdentity.Keys(nameOnly));
        Assert.Equal(new[] { "website:acme.com" }, CompanyIdentity.Lookups(withSite).Select(l => $"{l.Key}:{l.Value}"));
        Assert.Equal(new[] { "linkedin:acme-inc" }, CompanyIdentity.Lookups(withPage).Select(l => $"{l.Key}:{l.Value}"));
    }

    [Theory]
    [InlineData("https://www.linkedin.com/company/acme-inc/", "linkedin", "acme-inc")]
    [InlineData("linkedin.com/company/acme%20labs?trk=x", "linkedin", "acme labs")]
    [InlineData("acme-inc", "linkedin", "acme-inc")]
    [InlineData("1441", "ln_id", "1441")]
    public void Sends_a_LinkedIn_page_as_its_handle_and_digits_as_ln_id(string given, string key, string value)
    {
        var lookup = CompanyLookup.ByLinkedIn(given);

        Assert.Equal((key, value), (lookup.Key, lookup.Value));
    }

    [Fact]
    public void Refuses_a_field_the_operation_does_not_take()
    {
        Assert.Throws<ArgumentException>(() => CompanyWrite.ForCreate(new Dictionary<string, string> { ["phone"] = "1" }));
        Assert.Throws<ArgumentException>(() => CompanyWrite.ForUpdate(new Dictionary<string, string> { ["lists"] = "x" }));
        Assert.Throws<ArgumentException>(() => CompanyWrite.ForUpdate(new Dictionary<string, string> { ["ln_id"] = "abc" }));
        Assert.Equal("{\"industry\":\"SaaS\",\"ln_id\":42}", JsonFormat.Text(CompanyWrite.ForUpdate(new Dictionary<string, string> { ["ln_id"] = "42", ["industry"] = "SaaS" }).Body()));
    }

    [Fact]
    public void Company_mass_actions_go_to_the_company_endpoint_with_the_contact_payloads()
    {
        var add = MassAction.OnCompanies.AddTag("t");

        Assert.Equal((GrinfiObjectType.Company, "company_add_tags"), (add.On, add.Type));
        Assert.Equal("{\"type\":\"company_add_tags\",\"filter\":{\"ids\":[\"a\"]},\"payload\":{\"tag_uuid\":\"t\"}}", JsonFormat.Text(add.Body(ContactSelection.OfIds(new[] { "a" }))));
        Assert.True(MassAction.OnCompanies.Delete.Idempotent);
        Assert.Equal(GrinfiCompanyMassAction.ChangePipelineStage, MassAction.OnCompanies.FromType("company_change_pipeline_stage"));
        Assert.Null(MassAction.OnCompanies.FromType("contact_delete"));
        Assert.Equal(GrinfiObjectType.Lead, MassAction.Delete.On);
    }
}

/// <summary>The company pager against the sandbox: exact under deletes, stopped by a server that ignores its paging.</summary>
public sealed class CompanyPagerTests : IClassFixture<SandboxFixture>, IAsyncLifetime
{
    private readonly SandboxFixture _sandbox;
    private GrinfiConnection _connection = null!;

    public CompanyPagerTests(SandboxFixture sandbox) => _sandbox = sandbox;

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

    [Theory]
    [InlineData("created_at", false)]
    [InlineData("name", true)]
    [InlineData("year_established", false)]
    public async Task Reads_every_company_once_while_the_reader_deletes_them(string sortField, bool descending)
    {
        var pager = new CompanyPager(_connection.Api, new JsonObject(), sortField, descending, 4, 4, null);
        var read = new List<string>();
        while (true)
        {
            var page = await pager.NextAsync(CallContext.None);
            if (page.Count == 0)
            {
                break;
            }
            read.AddRange(page.Select(c => c.Uuid));
            foreach (var company in page)
            {
                await _connection.Api.DeleteCompanyAsync(company.Uuid, CallContext.None);
            }
        }

        Assert.Equal(50, read.Count);
        Assert.Equal(50, read.Distinct().Count());
        Assert.Equal(0, await _connection.Api.CountCompaniesAsync(new JsonObject(), CallContext.None));
    }

    [Fact]
    public async Task Plain_offset_paging_skips_companies_in_the_same_situation()
    {
        // The test above can fail: the naive way loses companies under the same deletes.
        var seen = new HashSet<string>();
        for (var offset = 0; offset < 100; offset += 4)
        {
            var body = new JsonObject { ["filter"] = new JsonObject(), ["limit"] = 4, ["offset"] = offset, ["order_field"] = "created_at", ["order_type"] = "asc" };
            var page = ApiPage<GrinfiCompany>.From(await _connection.Api.SendAsync(GrinfiRequest.Read("/leads/api/companies/list", body), CallContext.None) is { } r ? JsonPages.Parse(r.Body) : null,
                "a page", j => new GrinfiCompany(j));
            if (page.Items.Count == 0)
            {
                break;
            }
            foreach (var company in page.Items)
            {
                seen.Add(company.Uuid);
                await _connection.Api.DeleteCompanyAsync(company.Uuid, CallContext.None);
            }
        }

        Assert.True(seen.Count < 50, $"offset paging saw {seen.Count} of 50");
    }

    [Fact]
    public async Task Stops_when_the_server_ignores_the_list_filter_and_passes_nothing_on()
    {
        var list = (await _connection.Api.GetListsAsync(CallContext.None)).Single(l => l.Name == "Customers");
        await _sandbox.AddFaultsAsync(new { path = "/leads/api/companies/list", kind = "ignore-filter", count = 10 });
        var pager = new CompanyPager(_connection.Api, new JsonObject { ["lists"] = list.Uuid }, "created_at", false, 100, 1000, null);

        var error = await Assert.ThrowsAsync<GrinfiException>(() => pager.NextAsync(CallContext.None));

        Assert.Equal("GrinfiFilterIgnored", error.ErrorId);
        Assert.Contains("company ", error.Message);
        Assert.Contains("its lists", error.Message);
    }

    [Fact]
    public async Task Refuses_contacts_listed_under_a_company_they_do_not_belong_to()
    {
        var lead = "{\"uuid\":\"22222222-2222-4222-8222-222222222222\",\"company_uuid\":\"33333333-3333-4333-8333-333333333333\"}";
        await using var server = RawHttpServer.Answering(200, "{\"11111111-1111-4111-8111-111111111111\":[" + lead + "]}");
        using var wrong = new GrinfiConnection(new GrinfiClientOptions(_sandbox.Server.ApiKey, server.BaseUri) { UserAgent = "GrinfiPS.Tests" }, "test");

        var error = await Assert.ThrowsAsync<GrinfiException>(() => wrong.Api.GetCompanyLeadsAsync(new[] { "11111111-1111-4111-8111-111111111111" }, CallContext.None));

        Assert.Equal("GrinfiFilterIgnored", error.ErrorId);
        Assert.Contains("belongs to company 33333333", error.Message);
    }
}
