using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Tags;

/// <summary>New-GrinfiTag: creates a tag.</summary>
[Cmdlet(VerbsCommon.New, "GrinfiTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(GrinfiTag))]
public sealed class NewGrinfiTagCommand : GrinfiConnectedCmdlet
{
    /// <summary>The tag's name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Color as #rrggbb.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidatePattern("^#[0-9A-Fa-f]{6}$")]
    public string? Color { get; set; }

    /// <summary>Allow a name another tag already has (lookups by that name then become ambiguous).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    /// <summary>Create without asking, even under -Confirm.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void Process() => Guard(() =>
    {
        CheckNameFree(Names.Tags, Name!, null, AllowDuplicateName);
        if (!Approve(Name!, "Create tag", Force))
        {
            return;
        }
        var tag = Run(ctx => Api.CreateTagAsync(Name!, Color, ctx));
        Names.Tags.Upsert(tag);
        WriteObject(Output.Wrap(tag));
    }, Name);
}
