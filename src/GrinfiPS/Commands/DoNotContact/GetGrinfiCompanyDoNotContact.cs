using System;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.DoNotContact;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.DoNotContact;

/// <summary>
/// Get-GrinfiCompanyDoNotContact: the team's do-not-contact list of companies, or the entries
/// for the domains given. The API has no search on the list, so a search reads the whole list
/// once and compares hosts (www.acme.com is acme.com).
/// </summary>
[Cmdlet(VerbsCommon.Get, "GrinfiCompanyDoNotContact", DefaultParameterSetName = InputSet)]
[OutputType(typeof(GrinfiCompanyDoNotContact))]
public sealed class GetGrinfiCompanyDoNotContactCommand : GrinfiConnectedCmdlet
{
    private const string InputSet = "Input";
    private const string DomainSet = "Domain";

    private readonly CompaniesGiven _given = new();

    /// <summary>Which companies to look for: GrinfiCompany objects, domains or website addresses, or rows with a Domain or Website column.</summary>
    [Parameter(ParameterSetName = InputSet, Position = 0, ValueFromPipeline = true)]
    [Alias("Company")]
    [ValidateNotNullOrEmpty]
    public CompanyDoNotContactPipeBind[]? InputObject { get; set; }

    /// <summary>Entries for these domains (or websites).</summary>
    [Parameter(ParameterSetName = DomainSet, Mandatory = true)]
    public string[]? Domain { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        var team = ActiveConnection.TeamId;
        foreach (var bind in InputObject ?? Array.Empty<CompanyDoNotContactPipeBind>())
        {
            Guard(() => _given.Add(bind, team), bind.InputObject);
        }
        foreach (var domain in Domain ?? Array.Empty<string>())
        {
            Guard(() => _given.AddDomain(domain), domain);
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        var searching = _given.Any || MyInvocation.ExpectingInput || Domain is not null || InputObject is not null;
        if (searching && !_given.Any)
        {
            return;
        }
        var pager = Api.CompanyDoNotContactPages();
        var found = 0;
        while (!pager.Done)
        {
            foreach (var entry in Run(pager.NextAsync))
            {
                if (!searching || _given.Entries.Any(e => string.Equals(e.Uuid, entry.Uuid, StringComparison.OrdinalIgnoreCase))
                    || _given.Domains.Any(d => EntryMatch.Matches(entry, d.Domain)))
                {
                    found++;
                    WriteObject(Output.Wrap(entry));
                }
            }
        }
        WriteVerbose($"Read {pager.Read:N0} company do-not-contact entries in {Output.Count(pager.Requests, "request")}" + (searching ? $"; {found:N0} match." : "."));
    }
}
