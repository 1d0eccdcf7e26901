using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>The team's enrichment usage: jobs queued or processed in the current calendar month, as the server counts them.</summary>
public sealed class GrinfiEnrichmentMetric
{
    internal GrinfiEnrichmentMetric(JsonObject json) => ThisMonthCount = JsonRead.Int64(json, "this_month_count");

    /// <summary>Enrichment jobs this calendar month; null when the answer does not say.</summary>
    public long? ThisMonthCount { get; }

    /// <inheritdoc />
    public override string ToString() => ThisMonthCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
