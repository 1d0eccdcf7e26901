using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Companies: search, count, get, look up, create, update, delete, their contacts, exports.</summary>
internal sealed partial class GrinfiApi
{
    private const string CompanyRoot = "/leads/api/companies";

    /// <summary>One page of a company search (POST /leads/api/companies/list).</summary>
    public async Task<ApiPage<GrinfiCompany>> SearchCompaniesAsync(CompanyQuery query, CallContext ctx) =>
        ApiPage<GrinfiCompany>.From(await Http.SendJsonAsync(GrinfiRequest.Read(CompanyRoot + "/list", query.Body()), ctx).ConfigureAwait(false),
            "a company search", Company);

    /// <summary>
    /// How many companies a search filter matches (every company for an empty one): the total
    /// of a one-company search, there being no count endpoint for companies. The company that
    /// comes with it tells whether the filter was applied, as for contacts.
    /// </summary>
    public async Task<long> CountCompaniesAsync(JsonObject filter, CallContext ctx)
    {
        var page = await SearchCompaniesAsync(new CompanyQuery(filter, 1), ctx).ConfigureAwait(false);
        if (page.Items.FirstOrDefault() is { } sample && FilterAlgebra.ViolatedField(filter, sample.Json, FieldSet.Companies) is string field)
        {
            throw PageGuard.FilterIgnored("the count of the companies a filter selects", $"company {sample.Uuid}",
                $"its {field} is {JsonRead.AsString(sample.Json[field]!) ?? sample.Json[field]?.ToJsonString() ?? "empty"}, which the filter does not allow");
        }
        return page.Total ?? throw new GrinfiApiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiCountUnavailable",
            "The company search answer states no total, so the companies a filter selects cannot be counted.");
    }

    public async Task<GrinfiCompany> GetCompanyAsync(string uuid, CallContext ctx) =>
        Company(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Get(ApiPath.Of(CompanyRoot, uuid)), ctx).ConfigureAwait(false), "a company"));

    /// <summary>The companies the lookup returns for one criterion (none is an empty list); how it matches is the server's.</summary>
    public async Task<IReadOnlyList<GrinfiCompany>> LookupCompaniesAsync(IEnumerable<CompanyLookup> lookups, CallContext ctx)
    {
        var body = new JsonObject { ["lookups"] = new JsonArray(lookups.Select(l => (JsonNode?)l.Item()).ToArray()) };
        var json = await Http.SendJsonAsync(GrinfiRequest.Read(CompanyRoot + "/lookup", body), ctx).ConfigureAwait(false);
        return ApiJson.Items(json, "a company lookup").Select(Company).ToList();
    }

    /// <summary>
    /// Creates companies in one request, in the given lists (a company can be in several). A
    /// create: never sent twice. The answer is the created companies; the document says nothing
    /// of their order.
    /// </summary>
    public async Task<IReadOnlyList<GrinfiCompany>> CreateCompaniesAsync(IReadOnlyList<CompanyWrite> companies, IReadOnlyList<string> listUuids,
        string? dataSourceUuid, CallContext ctx)
    {
        var body = new JsonObject { ["companies"] = new JsonArray(companies.Select(c => (JsonNode?)c.Body()).ToArray()) };
        if (listUuids.Count > 0)
        {
            body["list_uuids"] = JsonFormat.Array(listUuids);
        }
        if (dataSourceUuid is not null)
        {
            body["data_source_uuid"] = dataSourceUuid;
        }
        var json = await Http.SendJsonAsync(GrinfiRequest.Create(CompanyRoot, body), ctx).ConfigureAwait(false);
        return ApiJson.Items(json, "the created companies").Select(Company).ToList();
    }

    public async Task<GrinfiCompany> UpdateCompanyAsync(string uuid, CompanyWrite update, CallContext ctx) =>
        Company(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(CompanyRoot, uuid), update.Body()), ctx).ConfigureAwait(false), "a company update"));

    public Task DeleteCompanyAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(CompanyRoot, uuid)), ctx);

    /// <summary>
    /// The contacts of each company (POST /leads/api/companies/leads), by company UUID; a company
    /// the answer leaves out has none. The answer is not paged. A contact under a company it
    /// says it does not belong to, or a company not asked about, means the server ignored the
    /// request: nothing of it is passed on.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<GrinfiLead>>> GetCompanyLeadsAsync(IReadOnlyCollection<string> companyUuids, CallContext ctx)
    {
        var body = new JsonObject { ["uuids"] = JsonFormat.Array(companyUuids) };
        var json = await Http.SendJsonAsync(GrinfiRequest.Read(CompanyRoot + "/leads", body), ctx).ConfigureAwait(false);
        if (json is not JsonObject map)
        {
            throw ApiJson.Unexpected("the contacts of companies", json);
        }
        var asked = new HashSet<string>(companyUuids, StringComparer.OrdinalIgnoreCase);
        var result = new Dictionary<string, IReadOnlyList<GrinfiLead>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in map)
        {
            if (pair.Value is not JsonArray)
            {
                throw ApiJson.Unexpected("the contacts of companies", json);
            }
            var leads = ApiJson.Items(pair.Value, "the contacts of a company").Select(Lead).ToList();
            foreach (var lead in leads)
            {
                if (!asked.Contains(pair.Key))
                {
                    throw PageGuard.FilterIgnored("the contacts of companies", $"contact {lead.Uuid}", $"it is listed under company {pair.Key}, which was not asked about");
                }
                if (lead.CompanyUuid is string company && !string.Equals(company, pair.Key, StringComparison.OrdinalIgnoreCase))
                {
                    throw PageGuard.FilterIgnored("the contacts of companies", $"contact {lead.Uuid}", $"it is listed under company {pair.Key} but belongs to company {company}");
                }
            }
            result[pair.Key] = leads;
        }
        return result;
    }

    /// <summary>Queues an export of the companies a search filter matches (every company for an empty one).</summary>
    public async Task<GrinfiFileExport> QueueCompanyExportAsync(JsonObject filter, CallContext ctx)
    {
        var body = new JsonObject { ["filter"] = filter.Count == 0 ? new JsonObject { ["all"] = true } : filter.DeepClone() };
        var json = await Http.SendJsonAsync(GrinfiRequest.Create("/leads/api/file-exports/companies", body), ctx).ConfigureAwait(false);
        return new GrinfiFileExport(ApiJson.Single(json, "a company export"));
    }

    private GrinfiCompany Company(JsonObject json) => Attach(new GrinfiCompany(json));
}
