using System.Text.Json;

namespace GrinfiPS.Sandbox;

/// <summary>One API request as the sandbox saw it.</summary>
/// <param name="Seq">Sequence number; keeps counting when the log is cleared.</param>
/// <param name="Time">When the request was received (UTC).</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path, without the query string.</param>
/// <param name="Query">Raw query string as sent, without the leading '?'; empty when none.</param>
/// <param name="Body">Request body as UTF-8 text; null when there was none.</param>
/// <param name="Status">Status answered; 0 when the connection was dropped.</param>
/// <param name="TeamId">Team of the API key; null when the key was not valid.</param>
/// <param name="DurationMs">Milliseconds from receipt until the answer was ready.</param>
/// <param name="Fault">The injected fault, or null.</param>
public sealed record RequestLogEntry(
    long Seq,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    string? Body,
    int Status,
    int? TeamId,
    double DurationMs,
    string? Fault,
    string? UserAgent)
{
    /// <summary>What the contract check found: the request's violations and, in the minimal reading, the sandbox's own.</summary>
    public IReadOnlyList<GrinfiPS.Sandbox.Contract.ContractViolation> Violations { get; init; } = [];
}

/// <summary>
/// The request log tests read to count requests, check bodies and measure pacing.
/// Thread-safe; sequence numbers are handed out at receipt, entries are added when the
/// answer is ready (before it is sent), so readers see them ordered by <c>Seq</c>.
/// </summary>
public sealed class RequestLog
{
    private readonly List<RequestLogEntry> _entries = [];
    private readonly Lock _gate = new();
    private long _nextSeq;

    /// <summary>Number of entries currently held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Entries with a sequence number of at least <paramref name="since"/>, in sequence order.</summary>
    public IReadOnlyList<RequestLogEntry> Since(long since = 0)
    {
        List<RequestLogEntry> result;
        lock (_gate)
        {
            result = _entries.Where(e => e.Seq >= since).ToList();
        }
        // Entries are appended as answers complete, so concurrent requests may finish out of
        // order; sort so readers always see receipt order.
        result.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return result;
    }

    /// <summary>All entries, in sequence order.</summary>
    public IReadOnlyList<RequestLogEntry> All() => Since(0);

    /// <summary>Forgets every entry; sequence numbers keep counting.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>The sequence number the next request will get.</summary>
    public long NextSeq => Interlocked.Read(ref _nextSeq) + 1;

    internal long TakeSeq() => Interlocked.Increment(ref _nextSeq);

    internal void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    internal static void Write(Utf8JsonWriter w, RequestLogEntry e)
    {
        w.WriteStartObject();
        w.WriteNumber("seq", e.Seq);
        w.WriteString("time", e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("method", e.Method);
        w.WriteString("path", e.Path);
        w.WriteString("query", e.Query);
        if (e.Body is null) w.WriteNull("body"); else w.WriteString("body", e.Body);
        w.WriteNumber("status", e.Status);
        if (e.TeamId is { } team) w.WriteNumber("teamId", team); else w.WriteNull("teamId");
        w.WriteNumber("durationMs", Math.Round(e.DurationMs, 3));
        if (e.Fault is null) w.WriteNull("fault"); else w.WriteString("fault", e.Fault);
        if (e.UserAgent is null) w.WriteNull("userAgent"); else w.WriteString("userAgent", e.UserAgent);
        w.WriteStartArray("violations");
        foreach (var v in e.Violations) v.WriteTo(w);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
