using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Filters;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Base of the cmdlets that select contacts as Get-GrinfiLead does (Get-, Measure-,
/// Export-GrinfiLead): -Filter AND -List AND -PipelineStage AND -Tag, checked before any
/// request. (Invoke-GrinfiMassAction names them -FromList ..., since its -List is a target.)
/// </summary>
public abstract class LeadSearchCmdlet : GrinfiConnectedCmdlet
{
    /// <summary>The parameter set these parameters belong to.</summary>
    private protected const string SearchSet = "Search";

    /// <summary>Field conditions, ANDed: @{ company_name = 'Acme'; created_at = @{ '>=' = (Get-Date).AddDays(-7) } }.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNull]
    public LeadFilter? Filter { get; set; }

    /// <summary>Only contacts in these lists (name, UUID or GrinfiList; several match any).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind[]? List { get; set; }

    /// <summary>Only contacts in these pipeline stages (name, UUID or GrinfiPipelineStage; several match any).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [Alias("Stage")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public PipelineStagePipeBind[]? PipelineStage { get; set; }

    /// <summary>Only contacts with one of these tags (name, UUID or GrinfiTag).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? Tag { get; set; }

    /// <summary>Allow -Filter fields that GrinfiPS does not know, for fields the API added later.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    public SwitchParameter AllowUnknownField { get; set; }

    /// <summary>The selection the parameters describe.</summary>
    internal LeadSelection Selection => new()
    {
        Filter = Filter,
        Lists = List,
        Stages = PipelineStage,
        Tags = Tag,
        AllowUnknownField = AllowUnknownField,
    };
}
