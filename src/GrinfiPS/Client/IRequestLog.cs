using System.Threading;

namespace GrinfiPS.Client;

/// <summary>Where a request's verbose and debug lines go. Implementations must be thread-safe.</summary>
internal interface IRequestLog
{
    bool VerboseEnabled { get; }

    bool DebugEnabled { get; }

    void Verbose(string message);

    void Debug(string message);
}
