using System;
using System.Management.Automation;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// A note as given: a GrinfiNote (Get-GrinfiNote), a UUID, or an object with a Uuid or NoteUuid
/// property. A contact or company object is refused: its UUID is not a note's.
/// </summary>
public sealed class NotePipeBind
{
    private static readonly string[] s_uuidProperties = { "NoteUuid", "note_uuid", "Uuid" };

    /// <summary>A UUID.</summary>
    public NotePipeBind(string uuid)
    {
        Uuid = uuid.Trim();
        InputObject = uuid;
    }

    /// <summary>A GrinfiNote, a GUID, or an object with a Uuid property.</summary>
    public NotePipeBind(object value)
    {
        InputObject = value;
        var inner = value is PSObject ps ? ps.BaseObject : value;
        switch (inner)
        {
            case GrinfiNote note:
                Note = note;
                Uuid = note.Uuid;
                break;
            case string s:
                Uuid = s.Trim();
                break;
            case Guid g:
                Uuid = g.ToString("D");
                break;
            case GrinfiObject other:
                Uuid = "";
                Problem = $"A {other.GetType().Name} ('{other}') is not a note. For the notes on it, use Get-GrinfiNote.";
                break;
            default:
                Uuid = PipeInput.FirstValue(value, s_uuidProperties) ?? "";
                if (Uuid.Length == 0)
                {
                    Problem = $"The {inner.GetType().Name} has no Uuid property, so it does not name a note.";
                }
                break;
        }
    }

    /// <summary>Why the input is not a note, or null.</summary>
    public string? Problem { get; }

    /// <summary>The note's UUID as given (check <see cref="IsValid"/>).</summary>
    public string Uuid { get; }

    /// <summary>The note, when a GrinfiNote was given.</summary>
    public GrinfiNote? Note { get; }

    /// <summary>What the user passed, for error records.</summary>
    public object InputObject { get; }

    /// <summary>Whether <see cref="Uuid"/> is a well-formed UUID.</summary>
    public bool IsValid => Problem is null && Guid.TryParseExact(Uuid, "D", out _);

    /// <summary>"'Follow up after the demo…' on Ada Lovelace", or "note 0f8f…" for a bare UUID: for prompts.</summary>
    internal string Label => Note is { } note
        ? note.Excerpt + (note.ObjectName is { Length: > 0 } on ? $" on {on}" : "")
        : "note " + Uuid;

    /// <summary>The error for an input that is not a usable note UUID.</summary>
    internal Client.GrinfiException Invalid() => Problem is not null
        ? Client.GrinfiException.InvalidInput("GrinfiNotANote", Problem, InputObject,
            "Pipe notes from Get-GrinfiNote, note UUIDs, or rows with a Uuid column.")
        : Client.GrinfiException.InvalidInput("GrinfiInvalidUuid", $"'{Uuid}' is not a note UUID.", InputObject,
            "Give a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e; Get-GrinfiNote -Lead ... shows the notes of a contact with theirs.");

    /// <inheritdoc />
    public override string ToString() => Uuid;
}
