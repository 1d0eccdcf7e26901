using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Tags;

/// <summary>Set-GrinfiTag: renames or recolors a tag.</summary>
[Cmdlet(VerbsCommon.Set, "GrinfiTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiTag))]
public sealed class SetGrinfiTagCommand : GrinfiConnectedCmdlet
{
    /// <summary>The tag: name, UUID or GrinfiTag.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Identity", "Name")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind? Tag { get; set; }

    /// <summary>The new name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NewName { get; set; }

    /// <summary>The new color as #rrggbb.</summary>
    [Parameter]
    [ValidatePattern("^#[0-9A-Fa-f]{6}$")]
    public string? Color { get; set; }

    /// <summary>Allow a name another tag already has (lookups by that name then become ambiguous).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    /// <summary>Return the changed tag.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        if (NewName is null && Color is null)
        {
            throw GrinfiException.InvalidInput("GrinfiNothingToChange", "Set-GrinfiTag was given nothing to change.", null, "Add -NewName or -Color.");
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var action = NewName is null ? $"Set color {Color}" : $"Rename to '{NewName}'" + (Color is null ? "" : $", color {Color}");
        SaveChanges(Tag!, Names.Tags, "Tag", action, (uuid, ctx) => Api.UpdateTagAsync(uuid, NewName, Color, ctx), PassThru, NewName, AllowDuplicateName);
    }
}
