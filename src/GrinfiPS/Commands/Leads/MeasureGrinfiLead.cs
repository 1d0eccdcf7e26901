using GrinfiPS.Client;
using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Filters;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Leads;

/// <summary>Measure-GrinfiLead: counts matching contacts with one request to the count endpoint, without reading them.</summary>
[Cmdlet(VerbsDiagnostic.Measure, "GrinfiLead")]
[OutputType(typeof(GrinfiLeadCount))]
public sealed class MeasureGrinfiLeadCommand : GrinfiConnectedCmdlet
{
    /// <summary>Field conditions, ANDed, as for Get-GrinfiLead -Filter.</summary>
    [Parameter]
    [ValidateNotNull]
    public LeadFilter? Filter { get; set; }

    /// <summary>Only contacts in these lists.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind[]? List { get; set; }

    /// <summary>Only contacts in these pipeline stages.</summary>
    [Parameter]
    [Alias("Stage")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public PipelineStagePipeBind[]? PipelineStage { get; set; }

    /// <summary>Only contacts with one of these tags.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? Tag { get; set; }

    /// <summary>Allow -Filter fields GrinfiPS does not know.</summary>
    [Parameter]
    public SwitchParameter AllowUnknownField { get; set; }

    private LeadSelection Selection => new() { Filter = Filter, Lists = List, Stages = PipelineStage, Tags = Tag, AllowUnknownField = AllowUnknownField };

    /// <inheritdoc />
    protected override void Begin() => Selection.ConvertFilter();

    /// <inheritdoc />
    protected override void End()
    {
        var selection = Selection;
        var filter = Run(ctx => selection.ToFilterAsync(ActiveConnection, ctx));
        var count = Run(ctx => Api.CountLeadsAsync(filter, ctx));
        WriteObject(new GrinfiLeadCount(count, JsonFormat.Text(filter)));
    }
}
