using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Pipeline;

/// <summary>Get-GrinfiPipelineStage: the pipeline stages for contacts (or companies), in order.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiPipelineStage")]
[OutputType(typeof(GrinfiPipelineStage))]
public sealed class GetGrinfiPipelineStageCommand : GrinfiConnectedCmdlet
{
    /// <summary>Names or UUIDs; wildcards work. Default: every stage.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Stages for Lead (contacts, the default) or Company.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <inheritdoc />
    protected override void Process()
    {
        var cache = Names.Stages(Object.ToString());
        WriteMatching(Run(ctx => cache.GetAllAsync(ctx, refresh: true)), Name, cache);
    }
}
