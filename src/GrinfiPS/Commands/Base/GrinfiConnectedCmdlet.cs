using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Base;

/// <summary>Base of every cmdlet that talks to the API: adds -Connection and resolves the default one.</summary>
public abstract class GrinfiConnectedCmdlet : GrinfiCmdlet
{
    private GrinfiConnection? _active;
    private bool _leadNamesLoaded;

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
    /// Writes a contact. Before the first, the names its properties show (list, stage, tags,
    /// custom fields) are loaded, once, on the pipeline thread where Ctrl+C stops them: format
    /// views and Export-Csv then read them from the cache and never wait on the network. A
    /// failure to load them only leaves the names empty.
    /// </summary>
    internal void WriteLead(GrinfiLead lead)
    {
        if (!_leadNamesLoaded)
        {
            _leadNamesLoaded = true;
            var cache = Names;
            try
            {
                Run(async ctx =>
                {
                    await cache.Lists.GetAllAsync(ctx).ConfigureAwait(false);
                    await cache.LeadStages.GetAllAsync(ctx).ConfigureAwait(false);
                    await cache.Tags.GetAllAsync(ctx).ConfigureAwait(false);
                    await cache.LeadCustomFields.GetAllAsync(ctx).ConfigureAwait(false);
                    return true;
                });
            }
            catch (GrinfiException ex) when (!ex.EndsCommand)
            {
                WriteVerbose($"List, stage, tag and custom field names could not be loaded, so they stay empty: {ex.Message}");
            }
        }
        WriteObject(Output.Wrap(lead));
    }

    /// <summary>
    /// The contacts a filter selects, in words with names ("in list 'Cold outreach' and with tag
    /// 'Hot'"), for prompts, -WhatIf and Measure-GrinfiLead. The names a filter needs are loaded
    /// first, on the pipeline thread; if they cannot be, the description shows UUIDs.
    /// </summary>
    internal string DescribeLeads(System.Text.Json.Nodes.JsonObject filter)
    {
        LoadSelectionNames(filter);
        return Filters.LeadSelection.Describe(filter, Names);
    }

    /// <summary>The companies a filter selects, in words with names, as <see cref="DescribeLeads"/>.</summary>
    internal string DescribeCompanies(System.Text.Json.Nodes.JsonObject filter)
    {
        LoadSelectionNames(filter);
        return Filters.CompanySelection.Describe(filter, Names);
    }

    private void LoadSelectionNames(System.Text.Json.Nodes.JsonObject filter)
    {
        var cache = Names;
        try
        {
            Run(ctx => Filters.LeadSelection.LoadNamesAsync(filter, cache, ctx));
        }
        catch (GrinfiException ex) when (!ex.EndsCommand)
        {
            WriteVerbose($"List, stage and tag names could not be loaded, so the selection is described by UUIDs: {ex.Message}");
        }
    }

    /// <summary>
    /// The shape of every Set- cmdlet for a named object: resolve it, ask ShouldProcess with
    /// <paramref name="action"/>, send the change, keep the name cache current, and write the
    /// changed object with -PassThru. Errors are reported against what the user passed.
    /// </summary>
    internal void SaveChanges<T>(NamedPipeBind<T> bind, NameCache<T> cache, string parameterName, string action,
        Func<string, CallContext, Task<T>> send, bool passThru, string? newName = null, bool allowDuplicateName = false)
        where T : GrinfiNamedObject => Guard(() =>
    {
        var item = Run(ctx => bind.ResolveAsync(cache, parameterName, ctx));
        if (newName is not null)
        {
            CheckNameFree(cache, newName, item.Uuid, allowDuplicateName);
        }
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
    /// Refuses a name another object of the kind already has, compared as lookups compare names
    /// (case-insensitively): a second "Prospects" would make every -List Prospects in every
    /// script ambiguous. The names are read fresh once per command, so one made in the web app
    /// a minute ago counts. -AllowDuplicateName lets it through.
    /// </summary>
    internal void CheckNameFree<T>(NameCache<T> cache, string name, string? renaming, bool allowDuplicateName)
        where T : GrinfiNamedObject
    {
        var taken = Run(ctx => cache.GetAllAsync(ctx, refresh: cache.LoadedAt < Started))
            .FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase) && !string.Equals(i.Uuid, renaming, StringComparison.OrdinalIgnoreCase));
        if (taken is not null && !allowDuplicateName)
        {
            var noun = cache.Noun.ToLowerInvariant();
            throw new GrinfiException(GrinfiErrorKind.InvalidInput, $"Grinfi{cache.TypeName}Exists",
                $"A {noun} named '{taken.Name}' already exists ({taken.Uuid}); a second one would make the name ambiguous wherever it is used.")
            {
                TargetObject = name,
                RecommendedAction = $"Use the existing {noun}, pick another name, or add -AllowDuplicateName to have two {noun}s of that name.",
            };
        }
    }

    /// <summary>
    /// What a Get- of named objects looks for: -Name, or the UUIDs of the objects piped in (read
    /// again, fresh). A piped object of another team is refused (GrinfiOtherTeam), never matched
    /// by its name here, which would be another team's object. An empty result: nothing is left.
    /// </summary>
    internal string[]? NamesOrPiped(string[]? names, IEnumerable<GrinfiNamedObject>? piped)
    {
        if (piped is null)
        {
            return names;
        }
        var uuids = new List<string>();
        foreach (var item in piped)
        {
            if (TeamCheck.Refusal(item, ActiveConnection.TeamId, "the pipeline") is { } refusal)
            {
                WriteFailure(refusal, item);
            }
            else
            {
                uuids.Add(item.Uuid);
            }
        }
        return uuids.ToArray();
    }

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
