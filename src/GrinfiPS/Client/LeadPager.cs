using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Reads every contact matching a filter (POST /leads/api/leads/search) with keyset paging:
/// see <see cref="KeysetPager{T}"/> for how, and why it stays exact under change.
/// </summary>
internal sealed class LeadPager : KeysetPager<GrinfiLead>
{
    private readonly GrinfiApi _api;

    public LeadPager(GrinfiApi api, JsonObject filter, string sortField, bool descending, int firstPageSize, int pageSize, long? wanted, string what = "the contacts")
        : base(FieldSet.Leads, filter, sortField, descending, firstPageSize, pageSize, wanted, what) => _api = api;

    /// <summary>Ask the server to skip the enrichment data it aggregates into each contact (lighter answers).</summary>
    public bool DisableAggregation { get; init; }

    private protected override Task<ApiPage<GrinfiLead>> SearchPageAsync(JsonObject filter, int limit, string orderField, bool descending, CallContext ctx) =>
        _api.SearchLeadsAsync(new LeadQuery(filter, limit) { OrderField = orderField, Descending = descending, DisableAggregation = DisableAggregation }, ctx);
}
