using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>One page of a company search: POST /leads/api/companies/list.</summary>
internal sealed class CompanyQuery
{
    public CompanyQuery(JsonObject filter, int limit)
    {
        Filter = filter;
        Limit = limit;
    }

    public JsonObject Filter { get; }

    public int Limit { get; }

    public string OrderField { get; init; } = "created_at";

    public bool Descending { get; init; }

    internal JsonObject Body() => new()
    {
        ["filter"] = Filter.DeepClone(),
        ["limit"] = Limit,
        ["offset"] = 0,
        ["order_field"] = OrderField,
        ["order_type"] = Descending ? "desc" : "asc",
    };
}
