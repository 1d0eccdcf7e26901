using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GrinfiPS.Client;

namespace GrinfiPS.Completers;

/// <summary>Completes the activity types the vendor documents (email_sent, pipeline_stage_changed, ...).</summary>
public sealed class ActivityTypeCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        NameCompleter.Complete(ActivityTypes.Known.Select(t => (t, t)), wordToComplete);
}
