using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using GrinfiPS.Client;

namespace GrinfiPS.Completers;

/// <summary>Completes company field names that can be sorted by (Get-GrinfiCompany -SortBy).</summary>
public sealed class CompanyFieldCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        NameCompleter.Complete(CompanyFields.SortableNames.Select(f => (f, $"{f} ({CompanyFields.KindOf(f)})")), wordToComplete);
}
