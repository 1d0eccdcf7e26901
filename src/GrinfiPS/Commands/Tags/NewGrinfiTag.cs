using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;

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

    /// <summary>Create the tag even when one with the same name exists.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    // Read fresh once per command: a duplicate made in the web app since the cache loaded must be seen.
    private bool _refreshed;

    /// <inheritdoc />
    protected override void Process() => Guard(() =>
    {
        var existing = Run(ctx => Names.Tags.GetAllAsync(ctx, refresh: !_refreshed)).FirstOrDefault(t => string.Equals(t.Name, Name, StringComparison.OrdinalIgnoreCase));
        _refreshed = true;
        if (existing is not null && !Force)
        {
            throw new GrinfiException(GrinfiErrorKind.InvalidInput, "GrinfiTagExists", $"A tag named '{existing.Name}' already exists ({existing.Uuid}).")
            {
                RecommendedAction = "Use the existing tag, pick another name, or add -Force to create a second tag with this name.",
            };
        }
        if (!ShouldProcess(Name!, "Create tag"))
        {
            return;
        }
        var tag = Run(ctx => Api.CreateTagAsync(Name!, Color, ctx));
        Names.Tags.Upsert(tag);
        WriteObject(Output.Wrap(tag));
    }, Name);
}
