using System.Linq;
using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Tags;

/// <summary>Get-GrinfiTag: the team's tags, with how many contacts (and, where the server says, companies) carry each.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiTag", DefaultParameterSetName = NameSet)]
[OutputType(typeof(GrinfiTag))]
public sealed class GetGrinfiTagCommand : GrinfiConnectedCmdlet
{
    private const string NameSet = "Name";

    /// <summary>Names or UUIDs; wildcards work. Default: every tag.</summary>
    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Tags piped from another command, read again; one of another team is refused.</summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    public GrinfiTag[]? InputObject { get; set; }

    /// <summary>Skip the counts (one request fewer, or one per tag where the metrics say nothing).</summary>
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
        var tags = Run(ctx => Names.Tags.GetAllAsync(ctx, refresh: true));
        var selected = names is null ? tags : tags.Where(t => names.Any(n =>
            new WildcardPattern(n, WildcardOptions.IgnoreCase).IsMatch(t.Name) || string.Equals(n, t.Uuid, System.StringComparison.OrdinalIgnoreCase))).ToList();
        if (!NoLeadCount && selected.Count > 0)
        {
            var counts = Run(ctx => Api.GetTagCountsAsync(selected.Select(t => t.Uuid).ToList(), ctx));
            foreach (var tag in selected)
            {
                (tag.LeadCount, tag.CompanyCount) = counts.TryGetValue(tag.Uuid, out var n) ? n : (null, null);
            }
        }
        // All tags, so a name that matches nothing gets suggestions; only the selected carry counts.
        WriteMatching(tags, names, Names.Tags);
    }
}
