using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Base;

/// <summary>Base of every cmdlet that talks to the API: adds -Connection and resolves the default one.</summary>
public abstract class GrinfiConnectedCmdlet : GrinfiCmdlet
{
    private GrinfiConnection? _active;

    /// <summary>The connection to use; by default the one Connect-Grinfi made, or one from $env:GRINFI_API_KEY.</summary>
    [Parameter]
    [ValidateNotNull]
    public GrinfiConnection? Connection { get; set; }

    /// <summary>The connection this command uses (resolved once, on first use).</summary>
    internal GrinfiConnection ActiveConnection => _active ??= Connection ?? ConnectionStore.Resolve(Runspace);

    /// <summary>The API, through the active connection.</summary>
    internal GrinfiApi Api => ActiveConnection.Api;

    /// <summary>The name caches of the active connection.</summary>
    internal ConnectionCache Names => ActiveConnection.Cache;

    /// <summary>
    /// The shape of every Set- cmdlet for a named object: resolve it, ask ShouldProcess with
    /// <paramref name="action"/>, send the change, keep the name cache current, and write the
    /// changed object with -PassThru. Errors are reported against what the user passed.
    /// </summary>
    internal void SaveChanges<T>(NamedPipeBind<T> bind, NameCache<T> cache, string parameterName, string action,
        Func<string, CallContext, Task<T>> send, bool passThru)
        where T : GrinfiNamedObject => Guard(() =>
    {
        var item = Run(ctx => bind.ResolveAsync(cache, parameterName, ctx));
        if (!ShouldProcess($"{cache.Noun} '{item.Name}' ({item.Uuid})", action))
        {
            return;
        }
        var updated = Run(ctx => send(item.Uuid, ctx));
        cache.Upsert(updated);
        if (passThru)
        {
            WriteObject(Output.Wrap(updated));
        }
    }, bind.InputObject);

    /// <summary>
    /// Writes the items whose names match any of <paramref name="names"/> (wildcards allowed),
    /// or all when none are given. A literal name that matches nothing is an error, as with Get-Item.
    /// </summary>
    internal void WriteMatching<T>(IEnumerable<T> items, string[]? names, NameCache<T> kind, string qualifier = "")
        where T : GrinfiNamedObject
    {
        var all = items.ToList();
        if (names is null || names.Length == 0)
        {
            foreach (var item in all)
            {
                WriteObject(Output.Wrap(item));
            }
            return;
        }
        var patterns = names.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (var item in all.Where(i => patterns.Any(p => p.IsMatch(i.Name)) || names.Any(n => string.Equals(i.Uuid, n, StringComparison.OrdinalIgnoreCase))))
        {
            WriteObject(Output.Wrap(item));
        }
        foreach (var name in names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            if (!all.Any(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(i.Uuid, name, StringComparison.OrdinalIgnoreCase)))
            {
                var close = Fuzzy.Suggest(all.Select(i => i.Name), name);
                WriteFailure(new GrinfiException(GrinfiErrorKind.NameNotResolved, $"Grinfi{kind.TypeName}NotFound",
                    $"No {qualifier}{kind.Noun.ToLowerInvariant()} is named '{name}'." + (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : ""))
                {
                    RecommendedAction = "Check the name; wildcards such as 'Web*' work too.",
                }, name);
            }
        }
    }
}
