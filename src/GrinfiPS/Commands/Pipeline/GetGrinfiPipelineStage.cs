using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Pipeline;

/// <summary>Get-GrinfiPipelineStage: the pipeline stages for contacts (or companies), in order.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiPipelineStage", DefaultParameterSetName = NameSet)]
[OutputType(typeof(GrinfiPipelineStage))]
public sealed class GetGrinfiPipelineStageCommand : GrinfiConnectedCmdlet
{
    private const string NameSet = "Name";

    /// <summary>Names or UUIDs; wildcards work. Default: every stage.</summary>
    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Pipeline stages piped from another command, read again; one of another team is refused.</summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    public GrinfiPipelineStage[]? InputObject { get; set; }

    /// <summary>Stages for Lead (contacts, the default) or Company.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <inheritdoc />
    protected override void Process()
    {
        var names = NamesOrPiped(Name, InputObject);
        if (names is { Length: 0 })
        {
            return;
        }
        var cache = Names.Stages(Object.ToString());
        WriteMatching(Run(ctx => cache.GetAllAsync(ctx, refresh: true)), names, cache);
    }
}
