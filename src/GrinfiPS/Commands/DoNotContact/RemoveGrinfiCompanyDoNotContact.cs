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
/// Remove-GrinfiCompanyDoNotContact: takes companies off the team's do-not-contact list.
/// Entries piped from Get-GrinfiCompanyDoNotContact are deleted by UUID; for domains and
/// companies the list is read once and every entry for the domain is deleted.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "GrinfiCompanyDoNotContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputSet)]
[OutputType(typeof(void))]
public sealed class RemoveGrinfiCompanyDoNotContactCommand : QueuedWriteCmdlet
{
    private const string InputSet = "Input";
    private const string DomainSet = "Domain";

    private readonly CompaniesGiven _given = new();
    private readonly HashSet<string> _queued = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What to take off: entries (Get-GrinfiCompanyDoNotContact), GrinfiCompany objects, domains or website addresses, or rows with a Domain or Website column.</summary>
    [Parameter(ParameterSetName = InputSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Company", "Entry")]
    [ValidateNotNullOrEmpty]
    public CompanyDoNotContactPipeBind[]? InputObject { get; set; }

    /// <summary>Domains (or website addresses) to take off the list.</summary>
    [Parameter(ParameterSetName = DomainSet, Mandatory = true)]
    public string[]? Domain { get; set; }

    private protected override string Action => "Remove from the company do-not-contact list";

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
                _given.Add(bind, team);
                if (bind.Entry is { } entry)
                {
                    Delete(entry, bind.InputObject);
                }
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
        if (_given.Domains.Count > 0)
        {
            // The API deletes by entry UUID only: find the entries by reading the list once.
            var matched = _given.Domains.Select(_ => new List<GrinfiCompanyDoNotContact>()).ToList();
            var pager = Api.CompanyDoNotContactPages();
            while (!pager.Done)
            {
                foreach (var entry in Run(pager.NextAsync))
                {
                    for (var i = 0; i < _given.Domains.Count; i++)
                    {
                        if (EntryMatch.Matches(entry, _given.Domains[i].Domain))
                        {
                            matched[i].Add(entry);
                        }
                    }
                }
            }
            WriteVerbose($"Read the company do-not-contact list: {pager.Read:N0} entries in {Output.Count(pager.Requests, "request")}.");
            for (var i = 0; i < _given.Domains.Count; i++)
            {
                var (domain, input, label) = _given.Domains[i];
                if (matched[i].Count == 0)
                {
                    WriteFailure(new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiCompanyDoNotContactNotFound",
                        $"No company do-not-contact entry is for {label}.")
                    {
                        RecommendedAction = "Get-GrinfiCompanyDoNotContact lists the entries; the domain may never have been on the list.",
                    }, input);
                }
                foreach (var entry in matched[i])
                {
                    Delete(entry, input);
                }
            }
        }
        FinishWrites();
    }

    private void Delete(GrinfiCompanyDoNotContact entry, object input)
    {
        if (!_queued.Add(entry.Uuid))
        {
            return;
        }
        var uuid = entry.Uuid;
        Queue(entry.ToString(), input, async ctx =>
        {
            try
            {
                await Api.DeleteCompanyDoNotContactAsync(uuid, ctx).ConfigureAwait(false);
            }
            catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound)
            {
                throw new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiCompanyDoNotContactNotFound", $"The company do-not-contact entry '{entry}' ({uuid}) is gone already.", ex)
                {
                    RecommendedAction = "Someone removed it meanwhile; nothing is left to do.",
                };
            }
            return null;
        });
    }
}
