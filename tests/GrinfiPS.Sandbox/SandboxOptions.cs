namespace GrinfiPS.Sandbox;

/// <summary>How a 429 answer states when the client may try again.</summary>
public enum RetryAfterMode
{
    /// <summary><c>Retry-After: &lt;whole seconds&gt;</c>.</summary>
    Seconds,

    /// <summary><c>Retry-After: &lt;HTTP date&gt;</c>.</summary>
    Date,

    /// <summary>No <c>Retry-After</c> header at all (the contract does not promise one).</summary>
    None,
}

/// <summary>How the sandbox reads the vendor's document where it answers.</summary>
public enum SandboxReading
{
    /// <summary>Exactly the document: its status codes and shapes, and where it is silent, the least.</summary>
    Minimal,

    /// <summary>The document's status codes, plus extras a real server might send (totals, has_more, custom fields on leads, ...).</summary>
    Generous,
}

/// <summary>
/// Settings of a sandbox. Everything except <see cref="Port"/>, <see cref="Contacts"/> and
/// <see cref="Seed"/> may be changed while the server runs; requests read the current values.
/// </summary>
public sealed class SandboxOptions
{
    // Backing fields are volatile because request threads read them while a test or a
    // control request changes them; a stale read for one request would be harmless, but
    // "I set it and the very next request ignored it" makes flaky tests.
    private volatile int _requestsPerMinute;
    private volatile RetryAfterMode _retryAfterMode = RetryAfterMode.Seconds;
    private volatile int _latencyMs;
    private long _faultRateBits;
    private volatile int _maxPageSize = 1000;
    private volatile int _maxMassActionIds = 1000;
    private volatile int _deleteDelayMs;
    private volatile int _importDelayMs = 500;
    private volatile int _exportDelayMs = 300;
    private volatile SandboxReading _reading = DefaultReading;

    /// <summary>
    /// The reading a sandbox starts with: minimal, unless the environment variable
    /// <c>GRINFIPS_SANDBOX_READING</c> says generous (to run a whole suite under the other reading).
    /// </summary>
    public static SandboxReading DefaultReading { get; } =
        TryParseReading(Environment.GetEnvironmentVariable("GRINFIPS_SANDBOX_READING"), out var r) ? r : SandboxReading.Minimal;

    /// <summary>Port to bind on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Contacts seeded for team 1 (team 2 always gets 20).</summary>
    public int Contacts { get; set; } = 200;

    /// <summary>Seeds every random choice: same seed, same data.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Requests each API key may start in any 60-second window; 0 means no limit.</summary>
    public int RequestsPerMinute { get => _requestsPerMinute; set => _requestsPerMinute = value; }

    /// <summary>How a 429 states <c>Retry-After</c>.</summary>
    public RetryAfterMode RetryAfterMode { get => _retryAfterMode; set => _retryAfterMode = value; }

    /// <summary>Milliseconds added to every API request before it is handled.</summary>
    public int LatencyMs { get => _latencyMs; set => _latencyMs = value; }

    /// <summary>Fraction (0..1) of API requests that fail at random.</summary>
    public double FaultRate
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _faultRateBits));
        set => Interlocked.Exchange(ref _faultRateBits, BitConverter.DoubleToInt64Bits(value));
    }

    /// <summary>Larger page <c>limit</c>s are clamped to this.</summary>
    public int MaxPageSize { get => _maxPageSize; set => _maxPageSize = value; }

    /// <summary>More <c>ids</c> than this in one mass action is a 422.</summary>
    public int MaxMassActionIds { get => _maxMassActionIds; set => _maxMassActionIds = value; }

    /// <summary>Deletes run as background jobs after this many milliseconds (0: at once).</summary>
    public int DeleteDelayMs { get => _deleteDelayMs; set => _deleteDelayMs = value; }

    /// <summary>File imports apply their rows after this many milliseconds.</summary>
    public int ImportDelayMs { get => _importDelayMs; set => _importDelayMs = value; }

    /// <summary>A queued file export can be downloaded after this many milliseconds (a 404 before).</summary>
    public int ExportDelayMs { get => _exportDelayMs; set => _exportDelayMs = value; }

    /// <summary>Minimal (the document, exactly) or generous (the document plus extras); live-changeable.</summary>
    public SandboxReading Reading { get => _reading; set => _reading = value; }

    /// <summary>
    /// Folder for the contract report (violations as JSON lines, and the count of requests
    /// validated); defaults to the environment variable <c>GRINFIPS_CONTRACT_REPORT</c>. Null: no report.
    /// </summary>
    public string? ContractReport { get; set; } = Environment.GetEnvironmentVariable("GRINFIPS_CONTRACT_REPORT") is { Length: > 0 } folder ? folder : null;

    /// <summary>The process runner exits when this process exits (command line only).</summary>
    public int? ParentPid { get; set; }

    /// <summary>The process runner exits when standard input reaches end of file.</summary>
    public bool ExitOnStdinClose { get; set; }

    /// <summary>Throws when a value is out of range, so a typo fails loudly at start.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0..65535.");
        if (Contacts < 0) throw new ArgumentOutOfRangeException(nameof(Contacts), Contacts, "Contacts must be >= 0.");
        if (RequestsPerMinute < 0) throw new ArgumentOutOfRangeException(nameof(RequestsPerMinute), RequestsPerMinute, "Must be >= 0.");
        if (LatencyMs < 0) throw new ArgumentOutOfRangeException(nameof(LatencyMs), LatencyMs, "Must be >= 0.");
        if (FaultRate is < 0 or > 1 || double.IsNaN(FaultRate)) throw new ArgumentOutOfRangeException(nameof(FaultRate), FaultRate, "Must be 0..1.");
        if (MaxPageSize < 1) throw new ArgumentOutOfRangeException(nameof(MaxPageSize), MaxPageSize, "Must be >= 1.");
        if (MaxMassActionIds < 1) throw new ArgumentOutOfRangeException(nameof(MaxMassActionIds), MaxMassActionIds, "Must be >= 1.");
        if (DeleteDelayMs < 0) throw new ArgumentOutOfRangeException(nameof(DeleteDelayMs), DeleteDelayMs, "Must be >= 0.");
        if (ImportDelayMs < 0) throw new ArgumentOutOfRangeException(nameof(ImportDelayMs), ImportDelayMs, "Must be >= 0.");
        if (ExportDelayMs < 0) throw new ArgumentOutOfRangeException(nameof(ExportDelayMs), ExportDelayMs, "Must be >= 0.");
    }

    internal static string ModeName(RetryAfterMode mode) => mode switch
    {
        RetryAfterMode.Date => "date",
        RetryAfterMode.None => "none",
        _ => "seconds",
    };

    internal static string ReadingName(SandboxReading reading) => reading == SandboxReading.Generous ? "generous" : "minimal";

    internal static bool TryParseReading(string? text, out SandboxReading reading)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "minimal": reading = SandboxReading.Minimal; return true;
            case "generous": reading = SandboxReading.Generous; return true;
            default: reading = SandboxReading.Minimal; return false;
        }
    }

    internal static bool TryParseMode(string? text, out RetryAfterMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "seconds": mode = RetryAfterMode.Seconds; return true;
            case "date": mode = RetryAfterMode.Date; return true;
            case "none": mode = RetryAfterMode.None; return true;
            default: mode = RetryAfterMode.Seconds; return false;
        }
    }
}
