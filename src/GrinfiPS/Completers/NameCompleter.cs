using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Completers;

/// <summary>
/// Completes names of lists, stages, tags, custom fields and automations from the connection's
/// name cache (loaded once per connection when empty). Completion never fails: no connection
/// or no answer within a few seconds means no suggestions.
/// </summary>
public abstract class NameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        IReadOnlyList<GrinfiNamedObject> items;
        try
        {
            var connection = fakeBoundParameters["Connection"] is var c && (c is PSObject ps ? ps.BaseObject : c) is GrinfiConnection given
                ? given
                : ConnectionStore.Resolve(Runspace.DefaultRunspace);
            using var cts = new CancellationTokenSource(s_timeout);
            items = System.Threading.Tasks.Task.Run(() => LoadAsync(connection.Cache, fakeBoundParameters, new CallContext(cts.Token, null)))
                .GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is GrinfiException or OperationCanceledException)
        {
            return Array.Empty<CompletionResult>();
        }
        return Complete(items.Select(i => (i.Name, $"{i.Name} ({i.Uuid})")), wordToComplete);
    }

    /// <summary>The named objects to offer.</summary>
    private protected abstract System.Threading.Tasks.Task<IReadOnlyList<GrinfiNamedObject>> LoadAsync(ConnectionCache cache, IDictionary bound, CallContext ctx);

    /// <summary>Values starting with the word first, then those containing it; quoted when needed.</summary>
    internal static IEnumerable<CompletionResult> Complete(IEnumerable<(string Value, string Tip)> values, string wordToComplete)
    {
        var word = wordToComplete.Trim('\'', '"');
        var all = values.Where(v => v.Value.Length > 0).GroupBy(v => v.Value, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
        return all.Where(v => v.Value.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Concat(all.Where(v => !v.Value.StartsWith(word, StringComparison.OrdinalIgnoreCase) && v.Value.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0))
            .Select(v => new CompletionResult(Quote(v.Value), v.Value, CompletionResultType.ParameterValue, v.Tip));
    }

    private static string Quote(string value) =>
        value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '@', '#', '&', '|', '<', '>' }) < 0
            ? value
            : "'" + value.Replace("'", "''") + "'";

    private protected static string ObjectType(IDictionary bound) =>
        bound["Object"] is var o && o is not null && string.Equals(o.ToString(), "Company", StringComparison.OrdinalIgnoreCase) ? "company" : "lead";

    private protected static async System.Threading.Tasks.Task<IReadOnlyList<GrinfiNamedObject>> From<T>(NameCache<T> cache, CallContext ctx)
        where T : GrinfiNamedObject =>
        (await cache.GetAllAsync(ctx).ConfigureAwait(false)).Cast<GrinfiNamedObject>().ToList();
}
