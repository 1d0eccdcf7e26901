using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GrinfiPS.Tests;

/// <summary>One request as the raw server read it.</summary>
internal sealed record RawRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A deliberately misbehaving HTTP/1.1 server on 127.0.0.1, one per test: every request is
/// answered by a script that writes raw bytes, so it can claim a length it never sends, send
/// without end, or redirect anywhere. It counts the requests it reads; a second instance
/// stands for "another host" (another port is another origin).
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    /// <summary>No endless answer goes on past this, whatever the client does.</summary>
    public const long EndlessBound = 4L * 1024 * 1024 * 1024;

    private readonly TcpListener _listener;
    private readonly Func<RawRequest, Stream, CancellationToken, Task> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RawRequest> _requests = new();
    private readonly ConcurrentBag<Task> _connections = new();
    private readonly Task _accepting;

    private RawHttpServer(Func<RawRequest, Stream, CancellationToken, Task> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<RawRequest> Requests => _requests.ToArray();

    /// <summary>Bytes of endless bodies written before the client stopped reading.</summary>
    public long EndlessBytesWritten => Interlocked.Read(ref _endlessBytes);

    /// <summary>True when an endless body ended because the client closed the connection.</summary>
    public bool EndlessStoppedByClient { get; private set; }

    private long _endlessBytes;

    /// <summary>Starts a server that answers every request with <paramref name="respond"/>.</summary>
    public static RawHttpServer Start(Func<RawRequest, Stream, CancellationToken, Task> respond) => new(respond);

    /// <summary>Starts a server that answers every request with the same text.</summary>
    public static RawHttpServer Answering(int status, string body, string contentType = "application/json") =>
        Start((_, stream, token) => WriteAsync(stream, status, body, contentType, token));

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The listener stopping ends the accept loop with an exception.
        }
        await Task.WhenAll(_connections.ToArray()).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _stop.Dispose();
    }

    // ---- answers a script can write ----

    public static Task WriteAsync(Stream stream, int status, string body, string contentType, CancellationToken token, params (string Name, string Value)[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return WriteHeadAsync(stream, status, headers.Append(("Content-Type", contentType)).Append(("Content-Length", bytes.Length.ToString())), bytes, token);
    }

    /// <summary>A chunked answer of <paramref name="body"/>, in chunks of 4 KB.</summary>
    public static async Task WriteChunkedAsync(Stream stream, int status, byte[] body, CancellationToken token)
    {
        await WriteHeadAsync(stream, status, [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], [], token);
        for (var at = 0; at < body.Length; at += 4096)
        {
            var n = Math.Min(4096, body.Length - at);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{n:x}\r\n"), token);
            await stream.WriteAsync(body.AsMemory(at, n), token);
            await stream.WriteAsync("\r\n"u8.ToArray(), token);
        }
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), token);
        await stream.FlushAsync(token);
    }

    /// <summary>A 200 that claims <paramref name="claimed"/> bytes, sends ten, then waits for the client to give up.</summary>
    public static async Task ClaimAsync(Stream stream, long claimed, CancellationToken token)
    {
        await WriteHeadAsync(stream, 200, [("Content-Type", "application/json"), ("Content-Length", claimed.ToString())], "[{\"a\":1},"u8.ToArray(), token);
        // Hold the connection open: a client that tried to read the claim would wait here.
        var buffer = new byte[1];
        try
        {
            await stream.ReadAsync(buffer, token).AsTask().WaitAsync(TimeSpan.FromSeconds(60), token);
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or OperationCanceledException)
        {
        }
    }

    /// <summary>A 200 with a chunked body that never ends, until the client closes or <see cref="EndlessBound"/>.</summary>
    public async Task EndlessAsync(Stream stream, CancellationToken token)
    {
        await WriteHeadAsync(stream, 200, [("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")], [], token);
        var chunk = Encoding.ASCII.GetBytes("10000\r\n" + new string(' ', 0x10000) + "\r\n");
        try
        {
            for (long sent = 0; sent < EndlessBound; sent += 0x10000)
            {
                await stream.WriteAsync(chunk, token);
                Interlocked.Add(ref _endlessBytes, 0x10000);
            }
        }
        catch (IOException)
        {
            EndlessStoppedByClient = true;
        }
    }

    /// <summary>A redirect to <paramref name="location"/>, with an empty body.</summary>
    public static Task RedirectAsync(Stream stream, int status, string location, CancellationToken token) =>
        WriteHeadAsync(stream, status, [("Location", location), ("Content-Length", "0")], [], token);

    private static async Task WriteHeadAsync(Stream stream, int status, IEnumerable<(string Name, string Value)> headers, byte[] body, CancellationToken token)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {Reason(status)}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), token);
        await stream.WriteAsync(body, token);
        await stream.FlushAsync(token);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        503 => "Service Unavailable",
        _ => "Status",
    };

    // ---- the server ----

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            _connections.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    /// <summary>Requests on one connection, one after another, until either side closes it.</summary>
    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var token = _stop.Token;
        try
        {
            // Bounded: a keep-alive connection serves at most this many requests.
            for (var served = 0; served < 100; served++)
            {
                var request = await ReadRequestAsync(stream, token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }
                _requests.Enqueue(request);
                await _respond(request, stream, token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The client closed the connection, or the test ended.
        }
    }

    private static async Task<RawRequest?> ReadRequestAsync(Stream stream, CancellationToken token)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, token).ConfigureAwait(false) == 0)
            {
                return null;
            }
            head.Add(one[0]);
            if (head.Count > 64 * 1024)
            {
                throw new IOException("A request head over 64 KB.");
            }
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var start = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var body = headers.TryGetValue("Content-Length", out var length) ? new byte[int.Parse(length)] : [];
        await stream.ReadExactlyAsync(body, token).ConfigureAwait(false);
        return new RawRequest(start[0], start[1], headers, body);
    }
}
