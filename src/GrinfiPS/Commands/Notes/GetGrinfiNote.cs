using System;
using System.Collections.Generic;
using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Notes;

/// <summary>
/// Get-GrinfiNote: the notes on contacts or companies. The API has no filter on notes, so this
/// reads every note of the team once (one request per 1,000) and writes those on the contacts
/// and companies given, as the pages arrive.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GrinfiNote", DefaultParameterSetName = LeadSet)]
[OutputType(typeof(GrinfiNote))]
public sealed class GetGrinfiNoteCommand : GrinfiConnectedCmdlet
{
    private const string LeadSet = "Lead";
    private const string CompanySet = "Company";
    private const string AllSet = "All";

    private readonly Dictionary<string, Subject> _subjects = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The contacts: GrinfiLead objects, UUIDs, or rows with a Uuid column (companies piped in are taken as companies).</summary>
    [Parameter(ParameterSetName = LeadSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("LeadUuid")]
    [ValidateNotNullOrEmpty]
    public LeadPipeBind[]? Lead { get; set; }

    /// <summary>The companies: GrinfiCompany objects or UUIDs.</summary>
    [Parameter(ParameterSetName = CompanySet, Mandatory = true)]
    [Alias("CompanyUuid")]
    [ValidateNotNullOrEmpty]
    public CompanyPipeBind[]? Company { get; set; }

    /// <summary>Every note of the team.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        var team = ActiveConnection.TeamId;
        foreach (var bind in Lead ?? Array.Empty<LeadPipeBind>())
        {
            Guard(() => Add(Subject.From(bind, team, "-Lead")), bind.InputObject);
        }
        foreach (var bind in Company ?? Array.Empty<CompanyPipeBind>())
        {
            Guard(() => Add(Subject.From(bind, team, "-Company")), bind.InputObject);
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (!All && _subjects.Count == 0)
        {
            return;
        }
        const int progressId = 0x6E6F7465;
        var pager = Api.NotePages();
        var found = 0L;
        try
        {
            while (!pager.Done)
            {
                foreach (var note in Run(pager.NextAsync))
                {
                    if (All)
                    {
                        WriteObject(Output.Wrap(note));
                        found++;
                    }
                    else if (_subjects.TryGetValue(Key(note.Object, note.ObjectUuid), out var subject))
                    {
                        note.ObjectName = subject.Name;
                        WriteObject(Output.Wrap(note));
                        found++;
                    }
                }
                if (!pager.Done && !All)
                {
                    WriteProgress(new ProgressRecord(progressId, "Get-GrinfiNote", $"Read {pager.Read:N0} notes, {found:N0} on the {_subjects.Count:N0} contacts and companies given"));
                }
            }
        }
        finally
        {
            if (pager.Requests > 1 && !All)
            {
                WriteProgress(new ProgressRecord(progressId, "Get-GrinfiNote", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
        WriteVerbose($"Read {pager.Read:N0} notes in {Output.Count(pager.Requests, "request")}" + (All ? "." : $"; {found:N0} on the {_subjects.Count:N0} contacts and companies given."));
    }

    private void Add(Subject subject) => _subjects[Key(subject.ApiObject, subject.Uuid)] = subject;

    private static string Key(string? apiObject, string? uuid) => $"{apiObject}/{uuid}";
}
