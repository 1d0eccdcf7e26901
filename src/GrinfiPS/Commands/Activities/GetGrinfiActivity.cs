using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Activities;

/// <summary>
/// Get-GrinfiActivity: the timeline of contacts or companies (or of the whole team), filtered
/// by the server by contact or company, type and date, and streamed page by page.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GrinfiActivity", DefaultParameterSetName = LeadSet)]
[OutputType(typeof(GrinfiActivity))]
public sealed class GetGrinfiActivityCommand : GrinfiConnectedCmdlet
{
    private const string LeadSet = "Lead";
    private const string CompanySet = "Company";

    private readonly PageSizes _sizes = new();
    private string[] _types = Array.Empty<string>();

    /// <summary>The contacts: GrinfiLead objects, UUIDs, or rows with a Uuid column (companies piped in are taken as companies). Without it, the whole team's activities.</summary>
    [Parameter(ParameterSetName = LeadSet, Position = 0, ValueFromPipeline = true)]
    [Alias("LeadUuid")]
    [ValidateNotNullOrEmpty]
    public LeadPipeBind[]? Lead { get; set; }

    /// <summary>The companies: GrinfiCompany objects or UUIDs.</summary>
    [Parameter(ParameterSetName = CompanySet, Mandatory = true)]
    [Alias("CompanyUuid")]
    [ValidateNotNullOrEmpty]
    public CompanyPipeBind[]? Company { get; set; }

    /// <summary>Only activities of these types (email_sent, linkedin_message_replied, ...).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ActivityTypeCompleter))]
    public string[]? Type { get; set; }

    /// <summary>Only activities created after this time.</summary>
    [Parameter]
    public DateTime? After { get; set; }

    /// <summary>Only activities created before this time.</summary>
    [Parameter]
    public DateTime? Before { get; set; }

    /// <summary>Newest first (the default is oldest first).</summary>
    [Parameter]
    public SwitchParameter Descending { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        _types = (Type ?? Array.Empty<string>()).Select(ActivityTypes.Check).Distinct(StringComparer.Ordinal).ToArray();
        if (After is DateTime a && Before is DateTime b && a.ToUniversalTime() >= b.ToUniversalTime())
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidDateRange", $"-After ({a:u}) is not before -Before ({b:u}), so no activity can match.", null,
                "Give an -After earlier than -Before.");
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        if (Lead is null && Company is null)
        {
            // No contact or company: the team's activities; but only when nothing is piped in
            // (an empty pipeline must not turn into the whole team's history).
            if (!MyInvocation.ExpectingInput)
            {
                Read(null);
            }
            return;
        }
        var team = ActiveConnection.TeamId;
        foreach (var bind in Lead ?? Array.Empty<LeadPipeBind>())
        {
            Guard(() => Read(Subject.From(bind, team, "-Lead")), bind.InputObject);
        }
        foreach (var bind in Company ?? Array.Empty<CompanyPipeBind>())
        {
            Guard(() => Read(Subject.From(bind, team, "-Company")), bind.InputObject);
        }
    }

    /// <summary>Streams the activities of one subject (or of the team): one read per type asked for.</summary>
    private void Read(Subject? subject)
    {
        foreach (var type in _types.Length == 0 ? new string?[] { null } : _types)
        {
            var query = new ActivityQuery(subject?.ApiObject, subject?.Uuid, type, After, Before);
            var pager = Api.ActivityPages(query, Descending, _sizes);
            while (!pager.Done)
            {
                foreach (var activity in Run(pager.NextAsync))
                {
                    activity.ObjectName = subject?.Name;
                    WriteObject(Output.Wrap(activity));
                }
            }
            WriteVerbose($"Read {pager.Read:N0} activities" + (subject is null ? "" : $" of {subject.Label}") + (type is null ? "" : $" of type {type}") + $" in {Output.Count(pager.Requests, "request")}.");
        }
    }
}
