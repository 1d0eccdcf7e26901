using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Leads;

/// <summary>Measure-GrinfiLead: counts matching contacts with one request, without reading them.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "GrinfiLead")]
[OutputType(typeof(GrinfiLeadCount))]
public sealed class MeasureGrinfiLeadCommand : LeadSearchCmdlet
{
    /// <inheritdoc />
    protected override void Begin() => Selection.ConvertFilter();

    /// <inheritdoc />
    protected override void End()
    {
        var selection = Selection;
        var filter = Run(ctx => selection.ToFilterAsync(ActiveConnection, ctx));
        var count = Run(ctx => Api.CountLeadsAsync(ContactSelection.OfSearch(filter), ctx));
        WriteObject(new GrinfiLeadCount(count, DescribeLeads(filter), JsonFormat.Text(filter)));
    }
}
