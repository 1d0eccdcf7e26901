using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;

namespace GrinfiPS.Completers;

/// <summary>
/// Completes the automation statuses of contacts the document implies (the metrics count
/// in_progress, finished and failed contacts; continue-automation resumes paused ones; cancel
/// cancels). The server's own list is not documented, so any other value is accepted too.
/// </summary>
public sealed class AutomationLeadStatusCompleter : IArgumentCompleter
{
    private static readonly string[] s_statuses = { "in_progress", "paused", "finished", "failed", "canceled" };

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        NameCompleter.Complete(s_statuses.Select(s => (s, s)), wordToComplete);
}
