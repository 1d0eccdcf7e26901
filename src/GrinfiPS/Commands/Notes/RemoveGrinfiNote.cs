using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Notes;

/// <summary>Remove-GrinfiNote: deletes notes, one request each; the prompt counts them.</summary>
[Cmdlet(VerbsCommon.Remove, "GrinfiNote", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGrinfiNoteCommand : QueuedWriteCmdlet
{
    /// <summary>The notes: GrinfiNote objects (Get-GrinfiNote), UUIDs, or rows with a Uuid column.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Uuid")]
    [ValidateNotNullOrEmpty]
    public NotePipeBind[]? Note { get; set; }

    private protected override string Action => "Delete";

    private protected override string Noun => "note";

    /// <inheritdoc />
    protected override void Process()
    {
        foreach (var bind in Note!)
        {
            Guard(() =>
            {
                var uuid = NoteBinds.Check(bind, ActiveConnection.TeamId);
                Queue(bind.Label, bind.InputObject, async ctx =>
                {
                    await NoteBinds.NotFoundAsNote(uuid, async () =>
                    {
                        await Api.DeleteNoteAsync(uuid, ctx).ConfigureAwait(false);
                        return true;
                    }).ConfigureAwait(false);
                    return null;
                });
            }, bind.InputObject);
        }
    }

    /// <inheritdoc />
    protected override void End() => FinishWrites();
}
