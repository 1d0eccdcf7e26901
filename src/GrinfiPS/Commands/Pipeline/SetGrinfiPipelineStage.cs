using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Pipeline;

/// <summary>Set-GrinfiPipelineStage: renames, recategorizes or reorders a stage.</summary>
[Cmdlet(VerbsCommon.Set, "GrinfiPipelineStage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiPipelineStage))]
public sealed class SetGrinfiPipelineStageCommand : GrinfiConnectedCmdlet
{
    /// <summary>The stage: name, UUID or GrinfiPipelineStage.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Identity", "Stage", "Name")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public PipelineStagePipeBind? PipelineStage { get; set; }

    /// <summary>The new name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NewName { get; set; }

    /// <summary>cold, engaging, positive or negative.</summary>
    [Parameter]
    [ValidateSet("cold", "engaging", "positive", "negative", IgnoreCase = true)]
    public string? Category { get; set; }

    /// <summary>Position in the pipeline.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Order { get; set; }

    /// <summary>Lead (the default) or Company: where a stage name is looked up.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <summary>Allow a name another stage already has (lookups by that name then become ambiguous).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    /// <summary>Return the changed stage.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        if (NewName is null && Category is null && Order is null)
        {
            throw GrinfiException.InvalidInput("GrinfiNothingToChange", "Set-GrinfiPipelineStage was given nothing to change.", null,
                "Add -NewName, -Category or -Order.");
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var category = Category?.ToLowerInvariant();
        var changes = string.Join(", ", new[] { ("name", NewName), ("category", category), ("order", Order?.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(c => c.Item2 is not null).Select(c => $"{c.Item1} = {c.Item2}"));
        SaveChanges(PipelineStage!, Names.Stages(Object.ToString()), "PipelineStage", $"Set {changes}",
            (uuid, ctx) => Api.UpdatePipelineStageAsync(uuid, NewName, category, Order, ctx), PassThru, NewName, AllowDuplicateName);
    }
}
