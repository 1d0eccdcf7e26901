using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>One recorded violation with the request it belongs to, as the report and the control endpoint show it.</summary>
internal sealed record ViolationRecord(long Seq, DateTimeOffset Time, string Method, string Path, string Query, int Status, string? Body, ContractViolation Violation)
{
    public const int BodyExcerptLength = 400;

    public void WriteTo(Utf8JsonWriter w, string instance)
    {
        w.WriteStartObject();
        w.WriteString("instance", instance);
        w.WriteNumber("seq", Seq);
        w.WriteString("time", Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        w.WriteString("method", Method);
        w.WriteString("path", Path);
        w.WriteString("query", Query);
        w.WriteNumber("status", Status);
        w.WriteString("source", Violation.Source);
        w.WriteString("rule", Violation.Rule);
        w.WriteString("field", Violation.Field);
        w.WriteString("detail", Violation.Detail);
        w.WriteBoolean("rejected", Violation.Rejects);
        w.WriteBoolean("expected", Violation.Expected);
        if (Body is null) w.WriteNull("body");
        else w.WriteString("body", Body.Length <= BodyExcerptLength ? Body : Body[..BodyExcerptLength] + "...");
        w.WriteEndObject();
    }
}

/// <summary>
/// The report of one sandbox instance in a folder: <c>violations-&lt;instance&gt;.jsonl</c>, one
/// JSON line per violation, appended and flushed as it happens (a killed sandbox still leaves
/// them on disk), and <c>checked-&lt;instance&gt;.json</c>, the running counts, rewritten in place
/// after every request. Also keeps the violations in memory for <c>GET /_sandbox/violations</c>.
/// </summary>
internal sealed class ContractReport : IDisposable
{
    private const int MaxKept = 10_000;
    private const int CountWidth = 12;
    private static int _instances;
    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _gate = new();
    private readonly List<ViolationRecord> _kept = [];
    private readonly FileStream? _violations;
    private readonly FileStream? _checked;
    private long _requests;
    private long _violationCount;
    private long _expectedCount;
    private bool _disposed;

    public ContractReport(string? folder)
    {
        Instance = $"{Environment.ProcessId}-{Interlocked.Increment(ref _instances)}-{DateTime.UtcNow:HHmmssfff}";
        if (string.IsNullOrWhiteSpace(folder)) return;
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
        _violations = new FileStream(Path.Combine(Folder, $"violations-{Instance}.jsonl"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        _checked = new FileStream(Path.Combine(Folder, $"checked-{Instance}.json"), FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        WriteChecked();
    }

    /// <summary>Names this sandbox's files in the report folder.</summary>
    public string Instance { get; }

    /// <summary>The report folder; null when no report is written.</summary>
    public string? Folder { get; }

    public long Requests => Interlocked.Read(ref _requests);

    public long ViolationCount => Interlocked.Read(ref _violationCount);

    public long ExpectedCount => Interlocked.Read(ref _expectedCount);

    /// <summary>Counts one validated request and records its violations, all before the answer goes out.</summary>
    public void Record(IReadOnlyList<ViolationRecord> records)
    {
        lock (_gate)
        {
            if (_disposed) return;
            _requests++;
            foreach (var r in records)
            {
                if (r.Violation.Expected) _expectedCount++;
                else _violationCount++;
                if (_kept.Count < MaxKept) _kept.Add(r);
                if (_violations is not null)
                {
                    var buffer = new ArrayBufferWriter<byte>(512);
                    using (var w = new Utf8JsonWriter(buffer, _writerOptions)) r.WriteTo(w, Instance);
                    _violations.Write(buffer.WrittenSpan);
                    _violations.WriteByte((byte)'\n');
                    _violations.Flush();
                }
            }
            WriteChecked();
        }
    }

    public IReadOnlyList<ViolationRecord> All()
    {
        lock (_gate)
        {
            return _kept.ToList();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            WriteChecked(final: true);
            _disposed = true;
            _violations?.Dispose();
            _checked?.Dispose();
        }
    }

    /// <summary>The counts, in a record of fixed length rewritten at offset 0, so a reader never sees a half of two versions.</summary>
    private void WriteChecked(bool final = false)
    {
        if (_checked is null) return;
        static string Pad(long n) => n.ToString(CultureInfo.InvariantCulture).PadRight(CountWidth);
        var text = $"{{\"instance\":\"{Instance}\",\"pid\":{Pad(Environment.ProcessId)},\"requests\":{Pad(_requests)},\"violations\":{Pad(_violationCount)},\"expected\":{Pad(_expectedCount)},\"final\":{(final ? "true " : "false")}}}\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        _checked.Seek(0, SeekOrigin.Begin);
        _checked.Write(bytes);
        _checked.Flush();
    }
}
