using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Notes;

/// <summary>New-GrinfiNote: adds a note to each contact or company given, one request each.</summary>
[Cmdlet(VerbsCommon.New, "GrinfiNote", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = LeadSet)]
[OutputType(typeof(GrinfiNote))]
public sealed class NewGrinfiNoteCommand : QueuedWriteCmdlet
{
    private const string LeadSet = "Lead";
    private const string CompanySet = "Company";

    /// <summary>The note's text.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Note")]
    [ValidateNotNullOrEmpty]
    public string? Text { get; set; }

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

    private protected override string Action => "Add note";

    private protected override string Noun => "note";

    /// <inheritdoc />
    protected override void Process()
    {
        var team = ActiveConnection.TeamId;
        var text = Text!;
        var subjects = (Lead ?? Array.Empty<LeadPipeBind>()).Select(b => (b.InputObject, Make: (Func<Subject>)(() => Subject.From(b, team, "-Lead"))))
            .Concat((Company ?? Array.Empty<CompanyPipeBind>()).Select(b => (b.InputObject, Make: (Func<Subject>)(() => Subject.From(b, team, "-Company")))));
        foreach (var (input, make) in subjects)
        {
            Guard(() =>
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw GrinfiException.InvalidInput("GrinfiEmptyNote", "The note's text is empty.", input, "Give the note some text with -Text.");
                }
                var subject = make();
                Queue(subject.Label, input, async ctx =>
                {
                    var note = await Api.CreateNoteAsync(subject.ApiObject, subject.Uuid, text, ctx).ConfigureAwait(false);
                    note.ObjectName = subject.Name;
                    return note;
                });
            }, input);
        }
    }

    /// <inheritdoc />
    protected override void End() => FinishWrites();

    /// <summary>"3 notes on Ada Lovelace, Alan Turing, company Acme".</summary>
    private protected override string Target(IReadOnlyList<PendingWrite> batch) =>
        $"{Counted(batch.Count)} on {string.Join(", ", batch.Take(3).Select(i => i.Label))}" + (batch.Count > 3 ? $" and {batch.Count - 3:N0} more" : "");
}
