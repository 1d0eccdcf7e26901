using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Lists;

/// <summary>Remove-GrinfiList: deletes a list and the contacts in it; the prompt says how many.</summary>
[Cmdlet(VerbsCommon.Remove, "GrinfiList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGrinfiListCommand : GrinfiConnectedCmdlet
{
    /// <summary>The lists: names, UUIDs or GrinfiList objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Identity", "Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind[]? List { get; set; }

    /// <summary>Delete without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        foreach (var bind in List!)
        {
            Guard(() =>
            {
                var list = Run(ctx => bind.ResolveAsync(Names.Lists, "List", ctx));
                var counts = Run(ctx => Api.GetListLeadCountsAsync(new[] { list.Uuid }, ctx));
                var contacts = counts.TryGetValue(list.Uuid, out var n) ? $"the {Output.Count(n, "contact")} in it" : "every contact in it";
                if (!Approve($"List '{list.Name}' ({list.Uuid})", $"Delete the list and {contacts}", Force))
                {
                    return;
                }
                Run(ctx => Api.DeleteListAsync(list.Uuid, ctx));
                Names.Lists.Remove(list.Uuid);
            }, bind.InputObject);
        }
    }
}
