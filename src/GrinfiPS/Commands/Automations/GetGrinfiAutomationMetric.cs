using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Automations;

/// <summary>
/// Get-GrinfiAutomationMetric: how automations stand now: their contacts by status and the
/// tasks still waiting to run (queue depth, not volume sent).
/// </summary>
[Cmdlet(VerbsCommon.Get, "GrinfiAutomationMetric")]
[OutputType(typeof(GrinfiAutomationMetric))]
public sealed class GetGrinfiAutomationMetricCommand : GrinfiConnectedCmdlet
{
    private readonly List<GrinfiAutomation> _automations = new();

    /// <summary>The automations (names, UUIDs or GrinfiAutomation objects); default: every automation.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AutomationNameCompleter))]
    public AutomationPipeBind[]? Automation { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        if (Automation is null)
        {
            return;
        }
        var cache = Names.Automations;
        foreach (var bind in Automation)
        {
            Guard(() =>
            {
                var automation = Run(ctx => bind.ResolveAsync(cache, "Automation", ctx));
                if (!_automations.Any(a => a.Uuid == automation.Uuid))
                {
                    _automations.Add(automation);
                }
            }, bind.InputObject);
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (Automation is null && !MyInvocation.ExpectingInput)
        {
            _automations.AddRange(Run(ctx => Names.Automations.GetAllAsync(ctx, refresh: true)));
        }
        if (_automations.Count == 0)
        {
            return;
        }
        var metrics = Run(ctx => Api.GetAutomationMetricsAsync(_automations.Select(a => a.Uuid).ToList(), ctx));
        foreach (var automation in _automations)
        {
            if (metrics.TryGetValue(automation.Uuid, out var entry))
            {
                WriteObject(new GrinfiAutomationMetric(automation, entry));
            }
            else
            {
                WriteWarning($"The server sent no metrics for automation '{automation.Name}' ({automation.Uuid}).");
            }
        }
    }
}
