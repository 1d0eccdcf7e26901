using System;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Lists;

/// <summary>New-GrinfiList: creates a list.</summary>
[Cmdlet(VerbsCommon.New, "GrinfiList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(GrinfiList))]
public sealed class NewGrinfiListCommand : GrinfiConnectedCmdlet
{
    /// <summary>The new list's name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 255)]
    public string[]? Name { get; set; }

    /// <summary>Allow a name another list already has (lookups by that name then become ambiguous).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    /// <summary>Create without asking, even under -Confirm.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        foreach (var name in Name!)
        {
            Guard(() =>
            {
                CheckNameFree(Names.Lists, name, null, AllowDuplicateName);
                if (!Approve(name, "Create list", Force))
                {
                    return;
                }
                var list = Run(ctx => Api.CreateListAsync(name, ctx));
                list.LeadCount = 0;
                Names.Lists.Upsert(list);
                WriteObject(Output.Wrap(list));
            }, name);
        }
    }
}
