using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.DoNotContact;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.DoNotContact;

/// <summary>
/// Add-GrinfiCompanyDoNotContact: puts companies on the team's do-not-contact list by domain.
/// Domains already on the list are left alone (the list is read once first).
/// </summary>
[Cmdlet(VerbsCommon.Add, "GrinfiCompanyDoNotContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputSet)]
[OutputType(typeof(GrinfiCompanyDoNotContact))]
public sealed class AddGrinfiCompanyDoNotContactCommand : QueuedWriteCmdlet
{
    private const string InputSet = "Input";
    private const string DomainSet = "Domain";

    private readonly CompaniesGiven _given = new();

    /// <summary>Which companies to block: GrinfiCompany objects (their domain, else their website's host), domains or website addresses, or rows with a Domain or Website column.</summary>
    [Parameter(ParameterSetName = InputSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Company")]
    [ValidateNotNullOrEmpty]
    public CompanyDoNotContactPipeBind[]? InputObject { get; set; }

    /// <summary>Domains (or website addresses) to block.</summary>
    [Parameter(ParameterSetName = DomainSet, Mandatory = true)]
    public string[]? Domain { get; set; }

    /// <summary>Return the entries added.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string Action => "Add to the company do-not-contact list";

    private protected override string Noun => "entry";

    private protected override string Nouns => "entries";

    /// <inheritdoc />
    protected override void Process()
    {
        var team = ActiveConnection.TeamId;
        foreach (var bind in InputObject ?? Array.Empty<CompanyDoNotContactPipeBind>())
        {
            Guard(() =>
            {
                if (bind.Entry is not null)
                {
                    WriteVerbose($"'{bind.Entry}' is an entry of the list already.");
                    return;
                }
                _given.Add(bind, team);
            }, bind.InputObject);
        }
        foreach (var domain in Domain ?? Array.Empty<string>())
        {
            Guard(() => _given.AddDomain(domain), domain);
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (_given.Domains.Count == 0)
        {
            return;
        }
        var listed = new HashSet<BlockedValue>();
        var pager = Api.CompanyDoNotContactPages();
        while (!pager.Done)
        {
            foreach (var entry in Run(pager.NextAsync))
            {
                listed.UnionWith(_given.Domains.Where(d => EntryMatch.Matches(entry, d.Domain)).Select(d => d.Domain));
            }
        }
        WriteVerbose($"Read the company do-not-contact list ({pager.Read:N0} entries in {Output.Count(pager.Requests, "request")}): {listed.Count:N0} of the domains given are on it.");
        var already = 0;
        var queued = new HashSet<BlockedValue>();
        foreach (var (domain, input, label) in _given.Domains)
        {
            if (listed.Contains(domain))
            {
                already++;
                WriteVerbose($"{domain.Label} is on the company do-not-contact list already.");
                continue;
            }
            if (!queued.Add(domain))
            {
                continue;
            }
            Queue(label, input, async ctx =>
            {
                var entry = await Api.AddCompanyDoNotContactAsync(domain, ctx).ConfigureAwait(false);
                return PassThru ? entry : null;
            });
        }
        FinishWrites(already > 0 ? $"{already:N0} already on the list" : null);
    }
}
