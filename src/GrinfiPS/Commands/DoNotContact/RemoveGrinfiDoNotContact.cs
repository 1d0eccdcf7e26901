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
/// Remove-GrinfiDoNotContact: takes people off the team's do-not-contact list. Entries piped
/// from Get-GrinfiDoNotContact are deleted by UUID; for contacts and values the list is read
/// once and every entry about them is deleted (the API deletes by the entry's UUID only).
/// </summary>
[Cmdlet(VerbsCommon.Remove, "GrinfiDoNotContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = InputSet)]
[OutputType(typeof(void))]
public sealed class RemoveGrinfiDoNotContactCommand : QueuedWriteCmdlet
{
    private const string InputSet = "Input";
    private const string ValueSet = "Value";

    private readonly PeopleGiven _given = new(forSearch: true);
    private readonly HashSet<string> _queued = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What to take off: entries (Get-GrinfiDoNotContact), contacts (GrinfiLead or UUID), email addresses, linkedin.com profile addresses, or rows with Email and LinkedIn columns.</summary>
    [Parameter(ParameterSetName = InputSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Lead", "Entry")]
    [ValidateNotNullOrEmpty]
    public DoNotContactPipeBind[]? InputObject { get; set; }

    /// <summary>Email addresses to take off the list.</summary>
    [Parameter(ParameterSetName = ValueSet)]
    public string[]? Email { get; set; }

    /// <summary>LinkedIn profiles to take off the list (address, handle or member id).</summary>
    [Parameter(ParameterSetName = ValueSet)]
    [Alias("LinkedIn")]
    public string[]? LinkedInId { get; set; }

    private protected override string Action => "Remove from the do-not-contact list";

    private protected override string Noun => "entry";

    private protected override string Nouns => "entries";

    /// <inheritdoc />
    protected override void Begin()
    {
        if (ParameterSetName == ValueSet && Email is null && LinkedInId is null)
        {
            throw GrinfiException.InvalidInput("GrinfiNothingGiven", "Give -Email, -LinkedInId, or people from the pipeline.");
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var team = ActiveConnection.TeamId;
        foreach (var bind in InputObject ?? Array.Empty<DoNotContactPipeBind>())
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
        _given.FetchPending(this);
        if (_given.People.Count > 0)
        {
            // The API deletes by entry UUID only: find the entries by reading the list once.
            var matched = _given.People.ToDictionary(p => p, _ => new List<GrinfiDoNotContact>());
            var pager = Api.DoNotContactPages();
            while (!pager.Done)
            {
                foreach (var entry in Run(pager.NextAsync))
                {
                    foreach (var person in _given.People.Where(p => p.Identifiers.Matches(entry)))
                    {
                        matched[person].Add(entry);
                    }
                }
            }
            WriteVerbose($"Read the do-not-contact list: {pager.Read:N0} entries in {Output.Count(pager.Requests, "request")}.");
            foreach (var person in _given.People)
            {
                if (matched[person].Count == 0)
                {
                    WriteFailure(new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiDoNotContactNotFound",
                        $"No do-not-contact entry is about {person.Label}.")
                    {
                        RecommendedAction = "Get-GrinfiDoNotContact lists the entries; the person may never have been on the list.",
                    }, person.Input);
                }
                foreach (var entry in matched[person])
                {
                    Delete(entry, person.Input);
                }
            }
        }
        FinishWrites();
    }

    private void Delete(GrinfiDoNotContact entry, object input)
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
                await Api.DeleteDoNotContactAsync(uuid, ctx).ConfigureAwait(false);
            }
            catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound)
            {
                throw new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiDoNotContactNotFound", $"The do-not-contact entry '{entry}' ({uuid}) is gone already.", ex)
                {
                    RecommendedAction = "Someone removed it meanwhile; nothing is left to do.",
                };
            }
            return null;
        });
    }
}
