using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Pipeline;

/// <summary>New-GrinfiPipelineStage: adds a custom stage to the pipeline.</summary>
[Cmdlet(VerbsCommon.New, "GrinfiPipelineStage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(GrinfiPipelineStage))]
public sealed class NewGrinfiPipelineStageCommand : GrinfiConnectedCmdlet
{
    /// <summary>The stage's name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>cold, engaging, positive or negative.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("cold", "engaging", "positive", "negative", IgnoreCase = true)]
    public string? Category { get; set; }

    /// <summary>Position in the pipeline; default: after the last stage.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int? Order { get; set; }

    /// <summary>Allow a name another stage already has (lookups by that name then become ambiguous).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    /// <summary>Lead (the default) or Company.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <inheritdoc />
    protected override void Process() => Guard(() =>
    {
        var objectType = Object.ToString().ToLowerInvariant();
        var cache = Names.Stages(objectType);
        CheckNameFree(cache, Name!, null, AllowDuplicateName);
        var order = Order ?? (Run(ctx => cache.GetAllAsync(ctx)).Select(s => s.Order ?? 0).DefaultIfEmpty(0).Max() + 1);
        if (!ShouldProcess(Name!, $"Create {objectType} pipeline stage ({Category}, order {order})"))
        {
            return;
        }
        var stage = Run(ctx => Api.CreatePipelineStageAsync(Name!, objectType, Category!.ToLowerInvariant(), order, ctx));
        cache.Upsert(stage);
        WriteObject(Output.Wrap(stage));
    }, Name);
}
