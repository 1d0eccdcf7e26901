using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace GrinfiPS.Client;

/// <summary>
/// Reads an answer's body without ever holding more than a cap: a Content-Length over the cap
/// is refused before a byte is read, and a body without one (chunked, or decompressed) is cut
/// off as soon as it grows past the cap. A server or proxy that claims 2 GB, or never stops
/// sending, then costs at most the cap instead of the process.
/// </summary>
internal static class BoundedBody
{
    private const int FirstChunk = 16 * 1024;
    private const int LargestChunk = 1024 * 1024;

    /// <exception cref="ResponseTooLargeException">The body is, or claims to be, larger than <paramref name="cap"/>.</exception>
    /// <exception cref="IOException">The connection closed before the claimed length arrived.</exception>
    public static async Task<byte[]> ReadAsync(HttpContent content, long cap, CancellationToken token)
    {
        var claimed = content.Headers.ContentLength;
        if (claimed > cap)
        {
            throw new ResponseTooLargeException(claimed.Value, cap, claimed: true);
        }
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        // With Content-Encoding the length counts encoded bytes, not what the stream gives.
        return claimed is long length && content.Headers.ContentEncoding.Count == 0
            ? await ReadExactlyAsync(stream, (int)length, token).ConfigureAwait(false)
            : await ReadUpToAsync(stream, cap, token).ConfigureAwait(false);
    }

    /// <summary>
    /// A body of a known length, straight into one array of that size: a page of contacts is
    /// large, and a growing buffer plus a copy would allocate it several times.
    /// </summary>
    private static async Task<byte[]> ReadExactlyAsync(Stream stream, int length, CancellationToken token)
    {
        var body = new byte[length];
        var read = 0;
        while (read < body.Length)
        {
            var n = await stream.ReadAsync(body, read, body.Length - read, token).ConfigureAwait(false);
            if (n == 0)
            {
                throw new IOException($"The connection closed after {read} of {length} bytes of the answer.");
            }
            read += n;
        }
        return body;
    }

    /// <summary>
    /// A body of unknown length, in chunks that grow to 1 MB, so what is held never exceeds the
    /// cap by more than one chunk and nothing is copied until the end is known.
    /// </summary>
    private static async Task<byte[]> ReadUpToAsync(Stream stream, long cap, CancellationToken token)
    {
        var chunks = new List<byte[]>();
        long total = 0;
        var size = FirstChunk;
        while (true)
        {
            var chunk = new byte[size];
            var filled = 0;
            while (filled < chunk.Length)
            {
                var n = await stream.ReadAsync(chunk, filled, chunk.Length - filled, token).ConfigureAwait(false);
                if (n == 0)
                {
                    return Join(chunks, chunk, filled, total);
                }
                filled += n;
                total += n;
                if (total > cap)
                {
                    throw new ResponseTooLargeException(total, cap, claimed: false);
                }
            }
            chunks.Add(chunk);
            size = Math.Min(size * 2, LargestChunk);
        }
    }

    private static byte[] Join(List<byte[]> full, byte[] last, int lastFilled, long total)
    {
        var body = new byte[total];
        var at = 0;
        foreach (var chunk in full)
        {
            Buffer.BlockCopy(chunk, 0, body, at, chunk.Length);
            at += chunk.Length;
        }
        Buffer.BlockCopy(last, 0, body, at, lastFilled);
        return body;
    }
}
