using System;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Notes;

/// <summary>Set-GrinfiNote: replaces the text of notes, one request each.</summary>
[Cmdlet(VerbsCommon.Set, "GrinfiNote", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiNote))]
public sealed class SetGrinfiNoteCommand : QueuedWriteCmdlet
{
    private int _unchanged;

    /// <summary>The notes: GrinfiNote objects (Get-GrinfiNote), UUIDs, or rows with a Uuid column.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Uuid")]
    [ValidateNotNullOrEmpty]
    public NotePipeBind[]? Note { get; set; }

    /// <summary>The new text.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Text { get; set; }

    /// <summary>Return the changed notes.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string Action => "Change the text";

    private protected override string Noun => "note";

    /// <inheritdoc />
    protected override void Process()
    {
        var text = Text!;
        foreach (var bind in Note!)
        {
            Guard(() =>
            {
                var uuid = NoteBinds.Check(bind, ActiveConnection.TeamId);
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw GrinfiException.InvalidInput("GrinfiEmptyNote", "The note's new text is empty.", bind.InputObject, "Give the text with -Text; to delete a note use Remove-GrinfiNote.");
                }
                if (bind.Note is { } current && string.Equals(current.Text, text, StringComparison.Ordinal))
                {
                    _unchanged++;
                    WriteVerbose($"Note {uuid} already has that text: nothing to send.");
                    return;
                }
                Queue(bind.Label, bind.InputObject, async ctx =>
                {
                    var note = await NoteBinds.NotFoundAsNote(uuid, () => Api.UpdateNoteAsync(uuid, text, ctx)).ConfigureAwait(false);
                    note.ObjectName = bind.Note?.ObjectName;
                    return PassThru ? note : null;
                });
            }, bind.InputObject);
        }
    }

    /// <inheritdoc />
    protected override void End() => FinishWrites(_unchanged > 0 ? $"{_unchanged:N0} already had that text" : null);
}
