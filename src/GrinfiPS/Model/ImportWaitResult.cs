namespace GrinfiPS.Model;

/// <summary>How Import-GrinfiLead -Wait ended. No status call is documented, so the list's count is the only witness.</summary>
public enum ImportWaitResult
{
    /// <summary>-Wait was not given.</summary>
    NotWaited,

    /// <summary>Every row arrived in the list, or the count grew and then held.</summary>
    Finished,

    /// <summary>-TimeoutSec passed while the count still changed; the job goes on in the background.</summary>
    TimedOut,

    /// <summary>The count never moved: the rows may have updated contacts in other lists, or the job has not started.</summary>
    Unknown,
}
