using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Enrichment;

/// <summary>Get-GrinfiEnrichmentMetric: the team's enrichment usage this calendar month.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiEnrichmentMetric")]
[OutputType(typeof(GrinfiEnrichmentMetric))]
public sealed class GetGrinfiEnrichmentMetricCommand : GrinfiConnectedCmdlet
{
    /// <inheritdoc />
    protected override void End() => WriteObject(Run(ctx => Api.GetEnrichmentMetricsAsync(ctx)));
}
