using System.Linq;
using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Tags;

/// <summary>Get-GrinfiTag: the team's tags, with how many contacts (and, where the server says, companies) carry each.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiTag")]
[OutputType(typeof(GrinfiTag))]
public sealed class GetGrinfiTagCommand : GrinfiConnectedCmdlet
{
    /// <summary>Names or UUIDs; wildcards work. Default: every tag.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Skip the counts (one request fewer, or one per tag where the metrics say nothing).</summary>
    [Parameter]
    public SwitchParameter NoLeadCount { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        // Asked for explicitly: read fresh, which also refreshes the connection's name cache.
        var tags = Run(ctx => Names.Tags.GetAllAsync(ctx, refresh: true));
        var selected = Name is null ? tags : tags.Where(t => Name.Any(n =>
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
        WriteMatching(tags, Name, Names.Tags);
    }
}
