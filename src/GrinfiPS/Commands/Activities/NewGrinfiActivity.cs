using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Activities;

/// <summary>New-GrinfiActivity: records an activity on each contact or company given, one request each.</summary>
[Cmdlet(VerbsCommon.New, "GrinfiActivity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = LeadSet)]
[OutputType(typeof(GrinfiActivity))]
public sealed class NewGrinfiActivityCommand : QueuedWriteCmdlet
{
    private const string LeadSet = "Lead";
    private const string CompanySet = "Company";

    private string _type = "";
    private JsonObject? _payload;

    /// <summary>What happened: email_sent, linkedin_message_sent, ... (lower-case words joined by underscores).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ActivityTypeCompleter))]
    public string? Type { get; set; }

    /// <summary>The contacts: GrinfiLead objects, UUIDs, or rows with a Uuid column (companies piped in are taken as companies).</summary>
    [Parameter(ParameterSetName = LeadSet, Mandatory = true, ValueFromPipeline = true)]
    [Alias("LeadUuid")]
    [ValidateNotNullOrEmpty]
    public LeadPipeBind[]? Lead { get; set; }

    /// <summary>The companies: GrinfiCompany objects or UUIDs.</summary>
    [Parameter(ParameterSetName = CompanySet, Mandatory = true)]
    [Alias("CompanyUuid")]
    [ValidateNotNullOrEmpty]
    public CompanyPipeBind[]? Company { get; set; }

    /// <summary>The activity's own data: a hashtable or object, sent as a JSON object.</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Payload { get; set; }

    private protected override string Action => $"Record activity {_type}";

    private protected override string Noun => "activity";

    private protected override string Nouns => "activities";

    /// <inheritdoc />
    protected override void Begin()
    {
        _type = ActivityTypes.Check(Type);
        if (!ActivityTypes.IsKnown(_type))
        {
            WriteWarning($"'{_type}' is not one of the activity types the API documents ({string.Join(", ", ActivityTypes.Known)}); it is recorded as given.");
        }
        if (Payload is not null)
        {
            _payload = JsonInput.From(Payload, "Payload") as JsonObject
                ?? throw GrinfiException.InvalidInput("GrinfiInvalidPayload", "-Payload must be a hashtable or an object: the API takes the payload as a JSON object.", Payload,
                    "Give it as @{ flow_uuid = '...'; note = '...' }.");
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var team = ActiveConnection.TeamId;
        var subjects = (Lead ?? Array.Empty<LeadPipeBind>()).Select(b => (b.InputObject, Make: (Func<Subject>)(() => Subject.From(b, team, "-Lead"))))
            .Concat((Company ?? Array.Empty<CompanyPipeBind>()).Select(b => (b.InputObject, Make: (Func<Subject>)(() => Subject.From(b, team, "-Company")))));
        foreach (var (input, make) in subjects)
        {
            Guard(() =>
            {
                var subject = make();
                var payload = (JsonObject?)_payload?.DeepClone();
                Queue(subject.Label, input, async ctx =>
                {
                    var activity = await Api.CreateActivityAsync(subject.ApiObject, subject.Uuid, _type, payload, ctx).ConfigureAwait(false);
                    activity.ObjectName = subject.Name;
                    return activity;
                });
            }, input);
        }
    }

    /// <inheritdoc />
    protected override void End() => FinishWrites();

    /// <summary>"3 activities on Ada Lovelace, Alan Turing, company Acme".</summary>
    private protected override string Target(IReadOnlyList<PendingWrite> batch) =>
        $"{Counted(batch.Count)} on {string.Join(", ", batch.Take(3).Select(i => i.Label))}" + (batch.Count > 3 ? $" and {batch.Count - 3:N0} more" : "");
}
