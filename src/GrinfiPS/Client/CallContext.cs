using System.Threading;

namespace GrinfiPS.Client;

/// <summary>What every call into the client carries: the cancellation of the command and its log.</summary>
internal sealed class CallContext
{
    public static readonly CallContext None = new(CancellationToken.None, null);

    public CallContext(CancellationToken cancellationToken, IRequestLog? log)
    {
        CancellationToken = cancellationToken;
        Log = log ?? NullLog.Instance;
    }

    public CancellationToken CancellationToken { get; }

    public IRequestLog Log { get; }

    private sealed class NullLog : IRequestLog
    {
        public static readonly NullLog Instance = new();

        public bool VerboseEnabled => false;

        public bool DebugEnabled => false;

        public void Verbose(string message) { }

        public void Debug(string message) { }
    }
}
