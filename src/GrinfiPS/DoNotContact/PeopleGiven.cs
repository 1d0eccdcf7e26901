using System;
using System.Collections.Generic;
using System.Linq;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.DoNotContact;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.DoNotContact;

/// <summary>
/// The people given to Get-, Add- and Remove-GrinfiDoNotContact, as identifiers: values are
/// checked as they arrive (an error per bad one), contacts given by UUID are fetched together
/// at the end ("uuid IN (...)" searches, not one request each).
/// </summary>
internal sealed class PeopleGiven
{
    private readonly bool _forSearch;
    private readonly List<DoNotContactPipeBind> _pendingLeads = new();

    /// <param name="forSearch">Member ids are allowed (they find entries, but cannot be added).</param>
    public PeopleGiven(bool forSearch) => _forSearch = forSearch;

    /// <summary>The people given, in order.</summary>
    public List<Person> People { get; } = new();

    /// <summary>Entries of the list given as such.</summary>
    public List<GrinfiDoNotContact> Entries { get; } = new();

    public bool Any => People.Count > 0 || Entries.Count > 0 || _pendingLeads.Count > 0;

    /// <summary>Takes one piped item.</summary>
    /// <exception cref="GrinfiException">It names no person, a value has the wrong shape, or an object is of another team.</exception>
    public void Add(DoNotContactPipeBind bind, long? team)
    {
        if (bind.IsBlank)
        {
            return;
        }
        if (bind.Problem is not null)
        {
            throw bind.Invalid();
        }
        var item = (GrinfiObject?)bind.Entry ?? bind.Lead;
        if (item is not null && TeamCheck.Refusal(item, team, "the pipeline") is { } otherTeam)
        {
            throw otherTeam;
        }
        if (bind.Entry is { } entry)
        {
            Entries.Add(entry);
        }
        else if (bind.LeadUuid is not null)
        {
            _pendingLeads.Add(bind);
        }
        else
        {
            People.Add(new Person(bind.Identifiers(_forSearch), bind.InputObject, bind.Lead?.Name));
        }
    }

    /// <summary>Takes one -Email value (a blank one, such as a blank line of a file, is skipped).</summary>
    public void AddEmail(string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            People.Add(new Person(new PersonIdentifiers(new[] { BlockedValues.Email(text, text) }), text, null));
        }
    }

    /// <summary>Takes one -LinkedInId value (a blank one is skipped).</summary>
    public void AddLinkedIn(string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            People.Add(new Person(new PersonIdentifiers(new[] { BlockedValues.LinkedIn(text, text, _forSearch) }), text, null));
        }
    }

    /// <summary>Fetches the contacts given by UUID; one that does not exist is an error against its input.</summary>
    public void FetchPending(GrinfiConnectedCmdlet cmdlet)
    {
        if (_pendingLeads.Count == 0)
        {
            return;
        }
        var pending = _pendingLeads.ToList();
        _pendingLeads.Clear();
        var found = cmdlet.Run(ctx => cmdlet.Api.GetLeadsAsync(pending.Select(p => p.LeadUuid!), ctx));
        foreach (var bind in pending)
        {
            if (found.TryGetValue(bind.LeadUuid!, out var lead))
            {
                People.Add(new Person(PersonIdentifiers.Of(lead), bind.InputObject, lead.Name));
            }
            else
            {
                cmdlet.WriteFailure(new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiLeadNotFound", $"No contact has the UUID '{bind.LeadUuid}'.")
                {
                    RecommendedAction = "Check the UUID; the contact may have been deleted. To block an address, give it to -Email.",
                }, bind.InputObject);
            }
        }
    }

    /// <summary>One person given: what identifies them, what the user passed, and their name when a contact was given.</summary>
    internal sealed class Person
    {
        public Person(PersonIdentifiers identifiers, object input, string? contactName)
        {
            Identifiers = identifiers;
            Input = input;
            ContactName = contactName;
        }

        public PersonIdentifiers Identifiers { get; }

        public object Input { get; }

        public string? ContactName { get; }

        /// <summary>"Ada Lovelace" for a contact, else its value: "email jane@acme.com".</summary>
        public string Label => ContactName is { Length: > 0 } name ? name : string.Join(", ", Identifiers.Values.Select(v => v.Label));
    }
}
