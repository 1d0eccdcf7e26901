using System.Management.Automation;
using GrinfiPS.Completers;
using GrinfiPS.Filters;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Companies;

/// <summary>
/// Base of the cmdlets that select companies by a search (Get-, Export-GrinfiCompany): -Filter
/// AND -List AND -PipelineStage AND -Tag AND -Search, checked before any request, in the filter
/// language of Get-GrinfiLead.
/// </summary>
public abstract class CompanySearchCmdlet : CompanyCmdlet
{
    /// <summary>The parameter set these parameters belong to.</summary>
    private protected const string SearchSet = "Search";

    /// <summary>Company field conditions, ANDed: @{ industry = 'SaaS'; created_at = @{ '>=' = (Get-Date).AddDays(-7) } }.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNull]
    public CompanyFilter? Filter { get; set; }

    /// <summary>Only companies in any of these lists (name, UUID or GrinfiList).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind[]? List { get; set; }

    /// <summary>Only companies in these company pipeline stages (name, UUID or GrinfiPipelineStage).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [Alias("Stage")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CompanyPipelineStageNameCompleter))]
    public PipelineStagePipeBind[]? PipelineStage { get; set; }

    /// <summary>Only companies with one of these tags (name, UUID or GrinfiTag).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? Tag { get; set; }

    /// <summary>Free text for the API's own company search (its filter's q).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNullOrEmpty]
    public string? Search { get; set; }

    /// <summary>Allow -Filter fields that GrinfiPS does not know, for fields the API added later.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    public SwitchParameter AllowUnknownField { get; set; }

    /// <summary>The selection the parameters describe.</summary>
    internal CompanySelection Selection => new()
    {
        Filter = Filter,
        Lists = List,
        Stages = PipelineStage,
        Tags = Tag,
        Search = Search,
        AllowUnknownField = AllowUnknownField,
    };
}
