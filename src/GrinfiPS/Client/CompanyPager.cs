using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Reads every company matching a filter (POST /leads/api/companies/list) with the keyset
/// paging, checks and guard of <see cref="KeysetPager{T}"/>. The document says the search
/// takes the same filters as the company list; that it honours the paging conditions
/// (created_at &gt;= x, uuid &gt; y) is checked on every page, not assumed.
/// </summary>
internal sealed class CompanyPager : KeysetPager<GrinfiCompany>
{
    private readonly GrinfiApi _api;

    public CompanyPager(GrinfiApi api, JsonObject filter, string sortField, bool descending, int firstPageSize, int pageSize, long? wanted, string what = "the companies")
        : base(FieldSet.Companies, filter, sortField, descending, firstPageSize, pageSize, wanted, what) => _api = api;

    private protected override Task<ApiPage<GrinfiCompany>> SearchPageAsync(JsonObject filter, int limit, string orderField, bool descending, CallContext ctx) =>
        _api.SearchCompaniesAsync(new CompanyQuery(filter, limit) { OrderField = orderField, Descending = descending }, ctx);
}
