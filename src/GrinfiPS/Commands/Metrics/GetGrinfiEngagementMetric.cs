using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Metrics;

/// <summary>
/// Get-GrinfiEngagementMetric: the team's outreach over a period (connection requests, messages,
/// e-mails sent, opened, answered), team-wide: the API counts for the whole team whatever is asked.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GrinfiEngagementMetric")]
[OutputType(typeof(GrinfiEngagementMetric))]
public sealed class GetGrinfiEngagementMetricCommand : GrinfiConnectedCmdlet
{
    private List<string> _metrics = new();

    /// <summary>Start of the period (inclusive); a date without a time is its midnight, local time.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public DateTime From { get; set; }

    /// <summary>End of the period (inclusive); default: now.</summary>
    [Parameter(Position = 1)]
    public DateTime? To { get; set; }

    /// <summary>The metrics to ask for (API or property names); default: every metric the API documents.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EngagementMetricCompleter))]
    public string[]? Metric { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        var to = To ?? DateTime.Now;
        if (to < From)
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidPeriod", $"The period ends ({to:yyyy-MM-dd HH:mm}) before it starts ({From:yyyy-MM-dd HH:mm}).", To,
                "Give -From before -To.");
        }
        if (Metric is null)
        {
            _metrics = EngagementMetrics.Names.ToList();
            return;
        }
        foreach (var name in Metric)
        {
            var api = EngagementMetrics.Resolve(name);
            if (api is null)
            {
                var close = EngagementMetrics.Suggest(name);
                throw GrinfiException.InvalidInput("GrinfiUnknownMetric",
                    $"'{name}' is not an engagement metric." + (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : ""), name,
                    $"Use one of: {string.Join(", ", EngagementMetrics.Names)}.");
            }
            if (!_metrics.Contains(api))
            {
                _metrics.Add(api);
            }
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        var to = To ?? DateTime.Now;
        var counts = Run(ctx => Api.GetEngagementMetricsAsync(ToUtc(From), ToUtc(to), _metrics, ctx));
        var missing = _metrics.Where(m => !counts.ContainsKey(m)).ToList();
        if (missing.Count > 0)
        {
            WriteWarning($"The server sent no count for {string.Join(", ", missing)}; those properties stay empty.");
        }
        WriteObject(new GrinfiEngagementMetric(Local(From), Local(to), counts));
    }

    private static DateTime ToUtc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();

    private static DateTime Local(DateTime value) => value.Kind == DateTimeKind.Utc ? value.ToLocalTime() : value;
}
