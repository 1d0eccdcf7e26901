using System;
using System.Globalization;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Runtime;

/// <summary>
/// The default connection of each runspace: the one Connect-Grinfi made, or else one made
/// from $env:GRINFI_API_KEY so a scheduled script needs no set-up step. Runspaces do not
/// share defaults (pass -Connection for that); entries go when their runspace is collected.
/// </summary>
internal static class ConnectionStore
{
    public const string ApiKeyVariable = "GRINFI_API_KEY";
    public const string BaseUriVariable = "GRINFI_BASE_URI";
    public const string RequestsPerMinuteVariable = "GRINFI_REQUESTS_PER_MINUTE";

    private static readonly ConditionalWeakTable<Runspace, Slot> s_slots = new();

    /// <summary>The connection Connect-Grinfi made in a runspace, if any.</summary>
    public static GrinfiConnection? Connected(Runspace? runspace) => SlotOf(runspace)?.Connected;

    /// <summary>Makes <paramref name="connection"/> the runspace's default, closing the previous one unless the user holds it.</summary>
    public static void SetConnected(Runspace? runspace, GrinfiConnection connection)
    {
        var slot = SlotOf(runspace) ?? throw new InvalidOperationException("No runspace on this thread.");
        GrinfiConnection? previous;
        lock (slot)
        {
            previous = slot.Connected;
            slot.Connected = connection;
        }
        // A connection the user holds (-PassThru, Get-GrinfiConnection) stays open: a script
        // may be working with two teams.
        if (previous is not null && !ReferenceEquals(previous, connection) && !previous.HandedOut)
        {
            previous.Dispose();
        }
    }

    /// <summary>Closes and forgets a runspace's connections (Disconnect-Grinfi, Remove-Module).</summary>
    public static void DisposeAll(Runspace? runspace)
    {
        var slot = SlotOf(runspace);
        if (slot is null)
        {
            return;
        }
        lock (slot)
        {
            slot.Connected?.Dispose();
            slot.FromEnvironment?.Dispose();
            slot.Connected = null;
            slot.FromEnvironment = null;
            slot.EnvironmentSignature = null;
        }
    }

    /// <summary>The connection to use when a cmdlet was not given -Connection.</summary>
    public static GrinfiConnection Resolve(Runspace? runspace)
    {
        var slot = SlotOf(runspace);
        if (slot?.Connected is { IsOpen: true } connected)
        {
            return connected;
        }
        var key = Environment.GetEnvironmentVariable(ApiKeyVariable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new GrinfiException(GrinfiErrorKind.NotConnected, "GrinfiNotConnected",
                "Not connected to Grinfi: run Connect-Grinfi, or set $env:GRINFI_API_KEY to an API key (Grinfi → Settings → API Keys).")
            {
                RecommendedAction = "Connect-Grinfi -ApiKey (Read-Host -AsSecureString 'API key'), or $env:GRINFI_API_KEY = '<key>' in a scheduled script.",
            };
        }
        var options = OptionsFromEnvironment(key!, null, null);
        if (slot is null)
        {
            return new GrinfiConnection(options, "Environment");
        }
        var signature = $"{options.ApiKey.Fingerprint}|{options.BaseUri}|{options.RequestsPerMinute}";
        lock (slot)
        {
            if (slot.FromEnvironment is null || slot.EnvironmentSignature != signature)
            {
                slot.FromEnvironment?.Dispose();
                slot.FromEnvironment = new GrinfiConnection(options, "Environment");
                slot.EnvironmentSignature = signature;
            }
            return slot.FromEnvironment;
        }
    }

    /// <summary>
    /// Client options from parameters, falling back to $env:GRINFI_BASE_URI and
    /// $env:GRINFI_REQUESTS_PER_MINUTE, then to the defaults.
    /// </summary>
    public static GrinfiClientOptions OptionsFromEnvironment(string key, Uri? baseUri, int? requestsPerMinute,
        TimeSpan? timeout = null, int? maximumRetryCount = null, System.Net.IWebProxy? proxy = null, int? maximumResponseSizeMB = null)
    {
        Uri uri;
        if (baseUri is not null)
        {
            uri = GrinfiClientOptions.ValidateBaseUri(baseUri, "-BaseUri");
        }
        else if (Environment.GetEnvironmentVariable(BaseUriVariable) is { Length: > 0 } fromEnv)
        {
            if (!Uri.TryCreate(fromEnv, UriKind.Absolute, out var parsed))
            {
                throw GrinfiException.InvalidInput("GrinfiInvalidBaseUri",
                    $"$env:{BaseUriVariable} '{fromEnv}' is not an absolute address.", fromEnv,
                    $"Set it to the API address, such as {GrinfiClientOptions.DefaultBaseUri}, or remove it.");
            }
            uri = GrinfiClientOptions.ValidateBaseUri(parsed, $"$env:{BaseUriVariable}");
        }
        else
        {
            uri = GrinfiClientOptions.DefaultBaseUri;
        }

        var rpm = requestsPerMinute;
        if (rpm is null && Environment.GetEnvironmentVariable(RequestsPerMinuteVariable) is { Length: > 0 } rpmText)
        {
            if (!int.TryParse(rpmText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                throw GrinfiException.InvalidInput("GrinfiInvalidRequestsPerMinute",
                    $"$env:{RequestsPerMinuteVariable} '{rpmText}' is not a whole number of at least 1.", rpmText,
                    "Set it to the requests per minute the key may use (the API allows 300), or remove it.");
            }
            rpm = parsed;
        }

        var options = new GrinfiClientOptions(key, uri)
        {
            RequestsPerMinute = rpm,
            Timeout = timeout ?? TimeSpan.FromSeconds(100),
            Retry = new RetryPolicy { MaximumRetryCount = maximumRetryCount ?? RetryPolicy.DefaultMaximumRetryCount },
            Proxy = proxy,
            MaximumResponseSize = (maximumResponseSizeMB ?? GrinfiClientOptions.DefaultMaximumResponseSizeMB) * 1024L * 1024L,
            UserAgent = ModuleInfo.UserAgent,
        };
        // Clocks drift: a key is refused only five minutes past its expiry, and then before any
        // request, with its date, rather than as a 401 the user has to puzzle out.
        if (options.ApiKey.ExpiresAt is DateTimeOffset expired && expired < DateTimeOffset.UtcNow - TimeSpan.FromMinutes(5))
        {
            throw new GrinfiException(GrinfiErrorKind.Authentication, "GrinfiApiKeyExpired",
                $"The API key expired on {expired.UtcDateTime:yyyy-MM-dd HH:mm} UTC, so the API would refuse it.")
            {
                RecommendedAction = "Make a new key in Grinfi → Settings → API Keys, then run Connect-Grinfi with it or update $env:GRINFI_API_KEY.",
            };
        }
        return options;
    }

    private static Slot? SlotOf(Runspace? runspace) =>
        runspace is null ? null : s_slots.GetValue(runspace, _ => new Slot());

    private sealed class Slot
    {
        public GrinfiConnection? Connected { get; set; }

        public GrinfiConnection? FromEnvironment { get; set; }

        public string? EnvironmentSignature { get; set; }
    }
}
