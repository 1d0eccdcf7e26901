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
/// Add-GrinfiDoNotContact: puts people on the team's do-not-contact list, one entry per email
/// and per LinkedIn handle. Values already on the list are left alone (the list is read once
/// first), so a nightly opt-out script can be run again and again.
/// </summary>
[Cmdlet(VerbsCommon.Add, "GrinfiDoNotContact", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputSet)]
[OutputType(typeof(GrinfiDoNotContact))]
public sealed class AddGrinfiDoNotContactCommand : QueuedWriteCmdlet
{
    private const string InputSet = "Input";
    private const string ValueSet = "Value";

    private readonly PeopleGiven _given = new(forSearch: false);

    /// <summary>Whom to block: contacts (GrinfiLead or UUID), email addresses, linkedin.com profile addresses, or rows with Email and LinkedIn columns.</summary>
    [Parameter(ParameterSetName = InputSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Lead")]
    [ValidateNotNullOrEmpty]
    public DoNotContactPipeBind[]? InputObject { get; set; }

    /// <summary>Email addresses to block.</summary>
    [Parameter(ParameterSetName = ValueSet)]
    public string[]? Email { get; set; }

    /// <summary>LinkedIn profiles to block: profile addresses or public handles.</summary>
    [Parameter(ParameterSetName = ValueSet)]
    [Alias("LinkedIn")]
    public string[]? LinkedInId { get; set; }

    /// <summary>Return the entries added.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string Action => "Add to the do-not-contact list";

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
                if (bind.Entry is not null)
                {
                    WriteVerbose($"'{bind.Entry}' is an entry of the list already.");
                    return;
                }
                _given.Add(bind, team);
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
        var wanted = new List<(BlockedValue Value, PeopleGiven.Person Person)>();
        foreach (var person in _given.People)
        {
            var values = person.Identifiers.Values.Where(v => v.CanAdd).ToList();
            if (values.Count == 0)
            {
                WriteFailure(new GrinfiException(GrinfiErrorKind.InvalidInput, "GrinfiNothingToBlock",
                    $"The contact '{person.Label}' has no email or LinkedIn handle to put on the do-not-contact list.")
                {
                    RecommendedAction = "Block the person's address with -Email, or their profile address with -LinkedInId.",
                }, person.Input);
                continue;
            }
            wanted.AddRange(values.Select(v => (v, person)));
        }
        if (wanted.Count == 0)
        {
            return;
        }
        var listed = ReadListed(wanted.Select(w => w.Value).ToList());
        var already = 0;
        var queued = new HashSet<BlockedValue>();
        foreach (var (value, person) in wanted)
        {
            if (listed.Contains(value))
            {
                already++;
                WriteVerbose($"{value.Label} is on the do-not-contact list already.");
                continue;
            }
            if (!queued.Add(value))
            {
                continue;
            }
            Queue(value.Label + (person.ContactName is { Length: > 0 } name ? $" ({name})" : ""), person.Input, async ctx =>
            {
                var entry = await Api.AddDoNotContactAsync(value, ctx).ConfigureAwait(false);
                return PassThru ? entry : null;
            });
        }
        FinishWrites(already > 0 ? $"{already:N0} already on the list" : null);
    }

    /// <summary>The values of <paramref name="wanted"/> the list holds already (one read of the whole list).</summary>
    private HashSet<BlockedValue> ReadListed(IReadOnlyList<BlockedValue> wanted)
    {
        var listed = new HashSet<BlockedValue>();
        var pager = Api.DoNotContactPages();
        while (!pager.Done)
        {
            foreach (var entry in Run(pager.NextAsync))
            {
                foreach (var value in wanted.Where(v => EntryMatch.Matches(entry, v)))
                {
                    listed.Add(value);
                }
            }
        }
        WriteVerbose($"Read the do-not-contact list ({pager.Read:N0} entries in {Output.Count(pager.Requests, "request")}): {listed.Count:N0} of the values given are on it.");
        return listed;
    }
}
