using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Pipeline;

/// <summary>Remove-GrinfiPipelineStage: deletes a custom stage; its contacts are left without a stage.</summary>
[Cmdlet(VerbsCommon.Remove, "GrinfiPipelineStage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGrinfiPipelineStageCommand : GrinfiConnectedCmdlet
{
    /// <summary>The stages: names, UUIDs or GrinfiPipelineStage objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Identity", "Stage", "Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public PipelineStagePipeBind[]? PipelineStage { get; set; }

    /// <summary>Lead (the default) or Company: where a stage name is looked up.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <summary>Delete without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        var cache = Names.Stages(Object.ToString());
        foreach (var bind in PipelineStage!)
        {
            Guard(() =>
            {
                var stage = Run(ctx => bind.ResolveAsync(cache, "PipelineStage", ctx));
                var affected = Object == GrinfiObjectType.Lead
                    ? $"; the {Output.Count(Run(ctx => Api.CountLeadsAsync(ContactSelection.Where("pipeline_stage_uuid", stage.Uuid), ctx)), "contact")} in it will have no stage"
                    : "";
                if (!Approve($"Pipeline stage '{stage.Name}' ({stage.Uuid})", $"Delete the stage{affected}", Force))
                {
                    return;
                }
                Run(ctx => Api.DeletePipelineStageAsync(stage.Uuid, ctx));
                cache.Remove(stage.Uuid);
            }, bind.InputObject);
        }
    }
}
