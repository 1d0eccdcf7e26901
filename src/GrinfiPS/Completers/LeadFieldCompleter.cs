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

/// <summary>Completes lead field names: sortable ones for -SortBy, the ones the API lets be emptied for -Clear.</summary>
public sealed class LeadFieldCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var fields = parameterName.Equals("Clear", StringComparison.OrdinalIgnoreCase)
            ? LeadFields.All.Where(f => f.NullableOnUpdate).Select(f => f.Name)
            : LeadFields.SortableNames;
        return NameCompleter.Complete(fields.Select(f => (f, $"{f} ({LeadFields.KindOf(f)})")), wordToComplete);
    }
}
