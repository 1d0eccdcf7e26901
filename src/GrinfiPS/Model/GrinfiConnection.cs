using System;
using GrinfiPS.Client;

namespace GrinfiPS.Model;

/// <summary>
/// A connection to one Grinfi team: the address, the key (never shown), the limits, and the
/// names cached for it. Pass it to -Connection to work with two teams in one script.
/// </summary>
public sealed class GrinfiConnection : IDisposable
{
    private readonly GrinfiClient _client;
    private bool _disposed;

    internal GrinfiConnection(GrinfiClientOptions options, string source)
    {
        _client = new GrinfiClient(options);
        Api = new GrinfiApi(this);
        Cache = new ConnectionCache(Api);
        Source = source;
        TimeoutSec = (int)options.Timeout.TotalSeconds;
        MaximumRetryCount = options.Retry.MaximumRetryCount;
        Proxy = (options.Proxy as System.Net.WebProxy)?.Address;
        MaximumResponseSizeMB = (int)(options.MaximumResponseSize / (1024 * 1024));
    }

    /// <summary>The API address.</summary>
    public Uri BaseUri => _client.BaseUri;

    /// <summary>The team the key belongs to (the key's specific_team_id claim).</summary>
    public long? TeamId => _client.Key.TeamId;

    /// <summary>The key's user, when the connection was checked with Connect-Grinfi.</summary>
    public GrinfiUser? User { get; internal set; }

    /// <summary>When the key expires (the key's exp claim), local time.</summary>
    public DateTime? KeyExpiresOn => _client.Key.ExpiresAt?.LocalDateTime;

    /// <summary>A short, one-way fingerprint of the key: tells keys apart without revealing them.</summary>
    public string KeyFingerprint => _client.Key.Fingerprint;

    /// <summary>Requests per minute this process allows the key (shared by every connection with it).</summary>
    public int RequestsPerMinute => _client.Limiter.Limit;

    /// <summary>Seconds to wait for each answer.</summary>
    public int TimeoutSec { get; }

    /// <summary>How many times a failed request is retried.</summary>
    public int MaximumRetryCount { get; }

    /// <summary>The largest answer, in MB, this connection accepts; a larger one is the error GrinfiResponseTooLarge.</summary>
    public int MaximumResponseSizeMB { get; }

    /// <summary>The proxy, when one is set.</summary>
    public Uri? Proxy { get; }

    /// <summary>Connect-Grinfi, or the environment ($env:GRINFI_API_KEY).</summary>
    public string Source { get; }

    /// <summary>False after Disconnect-Grinfi or Remove-Module.</summary>
    public bool IsOpen => !_disposed;

    internal GrinfiApi Api { get; }

    /// <summary>True once the user was given the object; such a connection is not closed when another replaces it as the default.</summary>
    internal bool HandedOut { get; set; }

    internal ConnectionCache Cache { get; }

    internal GrinfiClient Client => !_disposed
        ? _client
        : throw new GrinfiException(GrinfiErrorKind.NotConnected, "GrinfiConnectionClosed",
            "This Grinfi connection was closed by Disconnect-Grinfi or Remove-Module.")
        {
            RecommendedAction = "Run Connect-Grinfi again, or use $env:GRINFI_API_KEY.",
        };

    /// <summary>Closes the connection's HTTP client.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _client.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var who = User?.ToString() ?? "(unchecked key)";
        var team = TeamId is long t ? $" team {t}" : "";
        return $"{who}{team} at {BaseUri}";
    }
}
