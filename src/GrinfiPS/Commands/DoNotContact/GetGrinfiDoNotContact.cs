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
/// Get-GrinfiDoNotContact: the team's do-not-contact list of people, or the entries about the
/// people given. The API has no search on the list, so a search reads the whole list once and
/// compares (emails ignoring case, LinkedIn values as profiles).
/// </summary>
[Cmdlet(VerbsCommon.Get, "GrinfiDoNotContact", DefaultParameterSetName = InputSet)]
[OutputType(typeof(GrinfiDoNotContact))]
public sealed class GetGrinfiDoNotContactCommand : GrinfiConnectedCmdlet
{
    private const string InputSet = "Input";
    private const string ValueSet = "Value";

    private readonly PeopleGiven _given = new(forSearch: true);

    /// <summary>Whom to look for: contacts (GrinfiLead or UUID), email addresses, linkedin.com profile addresses, or rows with Email and LinkedIn columns.</summary>
    [Parameter(ParameterSetName = InputSet, Position = 0, ValueFromPipeline = true)]
    [Alias("Lead")]
    [ValidateNotNullOrEmpty]
    public DoNotContactPipeBind[]? InputObject { get; set; }

    /// <summary>Entries for these email addresses.</summary>
    [Parameter(ParameterSetName = ValueSet)]
    public string[]? Email { get; set; }

    /// <summary>Entries for these LinkedIn profiles (address, handle or member id).</summary>
    [Parameter(ParameterSetName = ValueSet)]
    [Alias("LinkedIn")]
    public string[]? LinkedInId { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        if (ParameterSetName == ValueSet && Email is null && LinkedInId is null)
        {
            throw GrinfiException.InvalidInput("GrinfiNothingToFind", "Give -Email or -LinkedInId, or neither for the whole list.");
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var team = ActiveConnection.TeamId;
        foreach (var bind in InputObject ?? Array.Empty<DoNotContactPipeBind>())
        {
            Guard(() => _given.Add(bind, team), bind.InputObject);
        }
        foreach (var email in Email ?? Array.Empty<string>())
        {
            Guard(() => _given.AddEmail(email), email);
        }
        foreach (var linkedIn in LinkedInId ?? Array.Empty<string>())
        {
            Guard(() => _given.AddLinkedIn(linkedIn), linkedIn);
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        // Nothing given and nothing piped: the whole list. Something piped that was all bad
        // (or an empty pipeline) must not turn into the whole list.
        var searching = _given.Any || MyInvocation.ExpectingInput || ParameterSetName == ValueSet || InputObject is not null;
        _given.FetchPending(this);
        if (searching && _given.People.Count == 0 && _given.Entries.Count == 0)
        {
            return;
        }
        var pager = Api.DoNotContactPages();
        var wantedEntries = new HashSet<string>(_given.Entries.Select(e => e.Uuid), StringComparer.OrdinalIgnoreCase);
        var found = 0;
        while (!pager.Done)
        {
            foreach (var entry in Run(pager.NextAsync))
            {
                if (!searching || wantedEntries.Contains(entry.Uuid) || _given.People.Any(p => p.Identifiers.Matches(entry)))
                {
                    found++;
                    WriteObject(Output.Wrap(entry));
                }
            }
        }
        WriteVerbose($"Read {pager.Read:N0} do-not-contact entries in {Output.Count(pager.Requests, "request")}" + (searching ? $"; {found:N0} match." : "."));
    }
}
