using System;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;

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

    /// <summary>Create the list even when one with the same name exists (names would then be ambiguous).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    // Read fresh once per command: a duplicate made in the web app since the cache loaded must be seen.
    private bool _refreshed;

    /// <inheritdoc />
    protected override void Process()
    {
        foreach (var name in Name!)
        {
            Guard(() =>
            {
                var existing = Run(ctx => Names.Lists.GetAllAsync(ctx, refresh: !_refreshed)).FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
                _refreshed = true;
                if (existing is not null && !Force)
                {
                    throw new GrinfiException(GrinfiErrorKind.InvalidInput, "GrinfiListExists",
                        $"A list named '{existing.Name}' already exists ({existing.Uuid}).")
                    {
                        RecommendedAction = "Use the existing list, pick another name, or add -Force to create a second list with this name.",
                    };
                }
                if (!ShouldProcess(name, "Create list"))
                {
                    return;
                }
                var list = Run(ctx => Api.CreateListAsync(name, ctx));
                Names.Lists.Upsert(list);
                WriteObject(Output.Wrap(list));
            }, name);
        }
    }
}
