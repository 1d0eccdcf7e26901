using System.Collections.Generic;
using System.Linq;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Companies;

/// <summary>Base of the company cmdlets: writes companies with their names loaded, names them in prompts.</summary>
public abstract class CompanyCmdlet : GrinfiConnectedCmdlet
{
    private bool _namesLoaded;

    /// <summary>
    /// Writes a company. Before the first, the names its properties show (lists, stage, tags)
    /// are loaded once, on the pipeline thread, as <see cref="GrinfiConnectedCmdlet.WriteLead"/>
    /// does for contacts; a failure to load them only leaves the names empty.
    /// </summary>
    internal void WriteCompany(GrinfiCompany company)
    {
        if (!_namesLoaded)
        {
            _namesLoaded = true;
            var cache = Names;
            try
            {
                Run(async ctx =>
                {
                    await cache.Lists.GetAllAsync(ctx).ConfigureAwait(false);
                    await cache.CompanyStages.GetAllAsync(ctx).ConfigureAwait(false);
                    await cache.Tags.GetAllAsync(ctx).ConfigureAwait(false);
                    return true;
                });
            }
            catch (GrinfiException ex) when (!ex.EndsCommand)
            {
                WriteVerbose($"List, stage and tag names could not be loaded, so they stay empty: {ex.Message}");
            }
        }
        WriteObject(Output.Wrap(company));
    }

    /// <summary>"3 companies: Acme Inc, Globex, Initech", "12 companies: A, B, C and 9 more": names where known, else UUIDs.</summary>
    internal static string Companies(IReadOnlyList<(string Uuid, object? Source)> items)
    {
        const int Shown = 3;
        var names = items.Take(Shown).Select(i => Name(i.Source) ?? i.Uuid).ToList();
        return $"{Count(items.Count)}: {string.Join(", ", names)}" + (items.Count > Shown ? $" and {items.Count - Shown:N0} more" : "");
    }

    /// <summary>"1 company", "1,200 companies".</summary>
    internal static string Count(long n) => n == 1 ? "1 company" : $"{n:N0} companies";

    private static string? Name(object? source) =>
        (source is System.Management.Automation.PSObject ps ? ps.BaseObject : source) switch
        {
            GrinfiCompany { Name: { Length: > 0 } name } => name,
            CompanyPipeBind { Company: { Name: { Length: > 0 } name } } => name,
            _ => null,
        };
}
