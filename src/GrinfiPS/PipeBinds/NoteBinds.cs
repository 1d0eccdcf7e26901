using System;
using System.Threading.Tasks;
using GrinfiPS.Client;

namespace GrinfiPS.PipeBinds;

/// <summary>What Set- and Remove-GrinfiNote check of a note given, and how they report one that is gone.</summary>
internal static class NoteBinds
{
    /// <summary>The note's UUID, after checking its form and, for a GrinfiNote, its team.</summary>
    /// <exception cref="GrinfiException">Not a note, or a note of another team.</exception>
    public static string Check(NotePipeBind bind, long? team)
    {
        if (bind.Note is { } note && TeamCheck.Refusal(note, team, "the pipeline") is { } otherTeam)
        {
            throw otherTeam;
        }
        return bind.IsValid ? bind.Uuid : throw bind.Invalid();
    }

    /// <summary>Runs a request on a note; a 404 becomes GrinfiNoteNotFound, naming the note.</summary>
    public static async Task<T> NotFoundAsNote<T>(string uuid, Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound)
        {
            throw new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiNoteNotFound", $"No note has the UUID '{uuid}'.", ex)
            {
                RecommendedAction = "Check the UUID; the note may have been deleted. Get-GrinfiNote -Lead ... lists the notes of a contact.",
            };
        }
    }
}
