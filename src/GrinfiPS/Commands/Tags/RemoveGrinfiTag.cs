using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Tags;

/// <summary>Remove-GrinfiTag: deletes a tag and takes it off every contact; the prompt says how many carry it.</summary>
[Cmdlet(VerbsCommon.Remove, "GrinfiTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGrinfiTagCommand : GrinfiConnectedCmdlet
{
    /// <summary>The tags: names, UUIDs or GrinfiTag objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Identity", "Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? Tag { get; set; }

    /// <summary>Delete without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        foreach (var bind in Tag!)
        {
            Guard(() =>
            {
                var tag = Run(ctx => bind.ResolveAsync(Names.Tags, "Tag", ctx));
                var carrying = Run(ctx => Api.CountLeadsAsync(ContactSelection.Where("tags", tag.Uuid), ctx));
                if (!Approve($"Tag '{tag.Name}' ({tag.Uuid})", $"Delete the tag and take it off the {Output.Count(carrying, "contact")} that carry it", Force))
                {
                    return;
                }
                Run(ctx => Api.DeleteTagAsync(tag.Uuid, ctx));
                Names.Tags.Remove(tag.Uuid);
            }, bind.InputObject);
        }
    }
}
