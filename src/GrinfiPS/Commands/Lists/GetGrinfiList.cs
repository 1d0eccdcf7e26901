using System.Linq;
using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Lists;

/// <summary>Get-GrinfiList: lists, with how many contacts each holds.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiList")]
[OutputType(typeof(GrinfiList))]
public sealed class GetGrinfiListCommand : GrinfiConnectedCmdlet
{
    /// <summary>Names or UUIDs; wildcards work ('Webinar*'). Default: every list.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Skip the contact counts (one request fewer, or one per list where the metrics say nothing).</summary>
    [Parameter]
    public SwitchParameter NoLeadCount { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        // Asked for explicitly: read fresh, which also refreshes the connection's name cache.
        var lists = Run(ctx => Names.Lists.GetAllAsync(ctx, refresh: true));
        var selected = Name is null ? lists : lists.Where(l => Name.Any(n =>
            new WildcardPattern(n, WildcardOptions.IgnoreCase).IsMatch(l.Name) || string.Equals(n, l.Uuid, System.StringComparison.OrdinalIgnoreCase))).ToList();
        if (!NoLeadCount && selected.Count > 0)
        {
            var counts = Run(ctx => Api.GetListLeadCountsAsync(selected.Select(l => l.Uuid).ToList(), ctx));
            foreach (var list in selected)
            {
                list.LeadCount = counts.TryGetValue(list.Uuid, out var n) ? n : null;
            }
        }
        // All lists, so a name that matches nothing gets suggestions; only the selected carry counts.
        WriteMatching(lists, Name, Names.Lists);
    }
}
