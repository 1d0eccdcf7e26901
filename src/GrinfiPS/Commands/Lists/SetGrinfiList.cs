using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Lists;

/// <summary>Set-GrinfiList: renames a list.</summary>
[Cmdlet(VerbsCommon.Set, "GrinfiList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiList))]
public sealed class SetGrinfiListCommand : GrinfiConnectedCmdlet
{
    /// <summary>The list: name, UUID or GrinfiList.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Identity", "Name")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind? List { get; set; }

    /// <summary>The new name.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 255)]
    public string? NewName { get; set; }

    /// <summary>Allow a name another list already has (lookups by that name then become ambiguous).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    /// <summary>Return the renamed list.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void Process() =>
        SaveChanges(List!, Names.Lists, "List", $"Rename to '{NewName}'", (uuid, ctx) => Api.RenameListAsync(uuid, NewName!, ctx), PassThru,
            NewName, AllowDuplicateName);
}
