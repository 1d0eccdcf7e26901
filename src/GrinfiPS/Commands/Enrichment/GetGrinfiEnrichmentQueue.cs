using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Enrichment;

/// <summary>Get-GrinfiEnrichmentQueue: the entries of the enrichment queue, streamed page by page.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiEnrichmentQueue")]
[OutputType(typeof(GrinfiEnrichmentQueueEntry))]
public sealed class GetGrinfiEnrichmentQueueCommand : GrinfiConnectedCmdlet
{
    /// <summary>Newest entries first (by default the oldest come first, as the API orders them).</summary>
    [Parameter]
    public SwitchParameter Newest { get; set; }

    /// <summary>Entries per request (1 to 1000).</summary>
    [Parameter]
    [ValidateRange(1, GrinfiApi.CollectionPageSize)]
    public int PageSize { get; set; } = GrinfiApi.CollectionPageSize;

    /// <inheritdoc />
    protected override void End()
    {
        var pager = Api.EnrichmentQueuePager(Newest, PageSize);
        while (true)
        {
            var page = Run(pager.NextAsync);
            if (page.Count == 0)
            {
                return;
            }
            foreach (var entry in page)
            {
                WriteObject(Output.Wrap(entry));
            }
        }
    }
}
