using System;

namespace GrinfiPS.Client;

/// <summary>An answer over the cap; the client turns it into GrinfiResponseTooLarge.</summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException(long bytes, long cap, bool claimed)
        : base(claimed ? $"The answer claims {bytes} bytes, over the cap of {cap}." : $"The answer grew past the cap of {cap} bytes.")
    {
        Bytes = bytes;
        Cap = cap;
        Claimed = claimed;
    }

    /// <summary>The claimed length, or how much had arrived when reading stopped.</summary>
    public long Bytes { get; }

    public long Cap { get; }

    /// <summary>True when the Content-Length was over the cap and nothing was read.</summary>
    public bool Claimed { get; }
}
