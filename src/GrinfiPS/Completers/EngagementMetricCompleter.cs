using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using GrinfiPS.Client;

namespace GrinfiPS.Completers;

/// <summary>Completes the engagement metrics POST /leads/api/leads/metrics documents.</summary>
public sealed class EngagementMetricCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        NameCompleter.Complete(EngagementMetrics.All.Select(m => (m.Api, $"{m.Api} ({m.Property})")), wordToComplete);
}
