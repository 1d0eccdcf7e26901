using System.Linq;
using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Lists;

/// <summary>Get-GrinfiList: lists, with how many contacts each holds.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiList", DefaultParameterSetName = NameSet)]
[OutputType(typeof(GrinfiList))]
public sealed class GetGrinfiListCommand : GrinfiConnectedCmdlet
{
    private const string NameSet = "Name";

    /// <summary>Names or UUIDs; wildcards work ('Webinar*'). Default: every list.</summary>
    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Lists piped from another command, read again; one of another team is refused.</summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    public GrinfiList[]? InputObject { get; set; }

    /// <summary>Skip the contact counts (one request fewer, or one per list where the metrics say nothing).</summary>
    [Parameter]
    public SwitchParameter NoLeadCount { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        var names = NamesOrPiped(Name, InputObject);
        if (names is { Length: 0 })
        {
            return;
        }
        // Asked for explicitly: read fresh, which also refreshes the connection's name cache.
        var lists = Run(ctx => Names.Lists.GetAllAsync(ctx, refresh: true));
        var selected = names is null ? lists : lists.Where(l => names.Any(n =>
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
        WriteMatching(lists, names, Names.Lists);
    }
}
