using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>One page of a contact search: POST /leads/api/leads/search.</summary>
internal sealed class LeadQuery
{
    public LeadQuery(JsonObject filter, int limit)
    {
        Filter = filter;
        Limit = limit;
    }

    public JsonObject Filter { get; }

    public int Limit { get; }

    /// <summary>Contacts to skip. Paging by offset skips and repeats contacts when they change under it; the pager never uses it.</summary>
    public int Offset { get; init; }

    public string OrderField { get; init; } = "created_at";

    public bool Descending { get; init; }

    /// <summary>Skip the enrichment data the server aggregates into each contact (a lighter answer).</summary>
    public bool DisableAggregation { get; init; }

    internal JsonObject Body()
    {
        var body = new JsonObject
        {
            ["filter"] = Filter.DeepClone(),
            ["limit"] = Limit,
            ["offset"] = Offset,
            ["order_field"] = OrderField,
            ["order_type"] = Descending ? "desc" : "asc",
        };
        if (DisableAggregation)
        {
            body["disable_aggregation"] = true;
        }
        return body;
    }
}
