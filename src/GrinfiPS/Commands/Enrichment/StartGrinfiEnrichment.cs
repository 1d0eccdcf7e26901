using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Enrichment;

/// <summary>
/// Start-GrinfiEnrichment: queues advanced enrichment for piped contacts or companies. It
/// spends credits, so it asks first, once, with the count; then sends the UUIDs in batches.
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "GrinfiEnrichment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(GrinfiEnrichmentResult))]
public sealed class StartGrinfiEnrichmentCommand : GrinfiConnectedCmdlet
{
    private readonly Dictionary<GrinfiObjectType, List<(string Uuid, string Name)>> _queued = new()
    {
        [GrinfiObjectType.Lead] = new(),
        [GrinfiObjectType.Company] = new(),
    };
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private int _requests;

    /// <summary>Contacts or companies: GrinfiLead or GrinfiCompany objects, UUIDs, or rows with a Uuid, LeadUuid or CompanyUuid column.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Uuid")]
    [ValidateNotNullOrEmpty]
    public LeadOrCompanyPipeBind[]? InputObject { get; set; }

    /// <summary>What UUIDs (and rows' Uuid columns) are: Lead (the default) or Company. Piped contacts and companies say it themselves.</summary>
    [Parameter]
    public GrinfiObjectType? Object { get; set; }

    /// <summary>UUIDs per request.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Start without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        foreach (var item in InputObject!)
        {
            Guard(() =>
            {
                var kind = item.Resolve(Object);
                if (item.Object is { } given && TeamCheck.Refusal(given, ActiveConnection.TeamId, "the pipeline") is { } otherTeam)
                {
                    throw otherTeam;
                }
                if (_seen.Add(kind + "|" + item.Uuid))
                {
                    var name = item.Object is { } o && o.ToString() is { Length: > 0 } text && text != item.Uuid ? text : item.Uuid;
                    _queued[kind].Add((item.Uuid, name));
                }
            }, item.InputObject);
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        foreach (var pair in _queued.Where(p => p.Value.Count > 0))
        {
            var kind = pair.Key;
            var items = pair.Value;
            string Count(int n) => kind == GrinfiObjectType.Company ? (n == 1 ? "1 company" : $"{n:N0} companies") : Output.Count(n, "contact");
            var shown = string.Join(", ", items.Take(3).Select(i => i.Name)) + (items.Count > 3 ? $" and {items.Count - 3:N0} more" : "");
            var target = $"{Count(items.Count)}: {shown}";
            if (!Approve(target, "Start advanced enrichment, which spends credits", Force))
            {
                continue;
            }
            long? queued = 0;
            var sent = 0;
            foreach (var batch in items.Select((item, i) => (item, i)).GroupBy(x => x.i / BatchSize, x => x.item.Uuid).Select(g => g.ToList()))
            {
                try
                {
                    var count = Run(ctx => Api.EnrichAsync(kind == GrinfiObjectType.Company ? "company" : "lead", batch, ctx));
                    _requests++;
                    sent += batch.Count;
                    queued = queued is long q && count is long c ? q + c : null;
                    WriteObject(new GrinfiEnrichmentResult(kind.ToString(), _requests, batch.Count, count));
                }
                catch (GrinfiException ex)
                {
                    WriteFailure(ex, batch.ToArray());
                }
            }
            if (sent > 0)
            {
                var said = queued is long total ? $"; the server queued {total:N0}" : "";
                WriteSummary($"Advanced enrichment requested for {Count(sent)}{said}.");
            }
        }
    }
}
