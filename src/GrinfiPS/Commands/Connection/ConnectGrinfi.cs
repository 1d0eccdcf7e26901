using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Net;
using System.Security;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Connection;

/// <summary>Connect-Grinfi: checks an API key and makes it this session's default connection.</summary>
[Cmdlet(VerbsCommunications.Connect, "Grinfi")]
[OutputType(typeof(GrinfiConnection))]
public sealed class ConnectGrinfiCommand : GrinfiCmdlet
{
    private static readonly TimeSpan s_expiryWarning = TimeSpan.FromDays(30);

    /// <summary>The API key from Grinfi → Settings → API Keys. Default: $env:GRINFI_API_KEY, else a prompt in an interactive session.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNull]
    [Runtime.SecureKeyTransformation]
    public SecureString? ApiKey { get; set; }

    /// <summary>The API address. Default: $env:GRINFI_BASE_URI, else https://leadgen.grinfi.io.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    /// <summary>Requests per minute this process allows the key. Default: $env:GRINFI_REQUESTS_PER_MINUTE, else 300.</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int? RequestsPerMinute { get; set; }

    /// <summary>Seconds to wait for each answer.</summary>
    [Parameter]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 100;

    /// <summary>How many times a failed request is retried (429, 5xx, timeouts, dropped connections).</summary>
    [Parameter]
    [ValidateRange(0, 20)]
    public int MaximumRetryCount { get; set; } = RetryPolicy.DefaultMaximumRetryCount;

    /// <summary>
    /// The largest answer, in MB, GrinfiPS accepts (default 256). A larger one is refused before
    /// reading, or cut off while read, with the error GrinfiResponseTooLarge.
    /// </summary>
    [Parameter]
    [ValidateRange(1, GrinfiClientOptions.MaximumResponseSizeLimitMB)]
    public int MaximumResponseSizeMB { get; set; } = GrinfiClientOptions.DefaultMaximumResponseSizeMB;

    /// <summary>A proxy for every request.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>Credentials for the proxy.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Use the current user's credentials for the proxy.</summary>
    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>Return the connection, for -Connection.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void End()
    {
        var key = ReadKey();
        var options = ConnectionStore.OptionsFromEnvironment(key, BaseUri, RequestsPerMinute,
            TimeSpan.FromSeconds(TimeoutSec), MaximumRetryCount, MakeProxy(), MaximumResponseSizeMB);
        var connection = new GrinfiConnection(options, "Connect-Grinfi");
        try
        {
            connection.User = Run(ctx => connection.Api.GetCurrentUserAsync(ctx));
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        if (connection.KeyExpiresOn is DateTime expires && expires - DateTime.Now < s_expiryWarning)
        {
            var days = Math.Max(0, (int)Math.Ceiling((expires - DateTime.Now).TotalDays));
            WriteWarning($"The API key expires on {expires:yyyy-MM-dd} ({days} day{(days == 1 ? "" : "s")} from now). " +
                "Make a new one in Grinfi → Settings → API Keys before then, or scheduled scripts will stop.");
        }

        connection.HandedOut = PassThru;
        ConnectionStore.SetConnected(Runspace, connection);
        var team = connection.TeamId is long t ? $" (team {t})" : "";
        WriteSummary($"Connected to Grinfi as {connection.User}{team} at {connection.BaseUri}");
        if (PassThru)
        {
            WriteObject(connection);
        }
    }

    private string ReadKey()
    {
        if (ApiKey is not null)
        {
            var plain = new NetworkCredential(string.Empty, ApiKey).Password;
            if (string.IsNullOrWhiteSpace(plain))
            {
                throw GrinfiException.InvalidInput("GrinfiEmptyApiKey", "-ApiKey is empty.", null,
                    "Pass the key from Grinfi → Settings → API Keys.");
            }
            return plain;
        }
        if (Environment.GetEnvironmentVariable(ConnectionStore.ApiKeyVariable) is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }
        if (!CanPrompt(Host))
        {
            throw new GrinfiException(GrinfiErrorKind.NotConnected, "GrinfiApiKeyMissing",
                "No API key: pass -ApiKey or set $env:GRINFI_API_KEY (this session is not interactive, so GrinfiPS does not prompt).")
            {
                RecommendedAction = "Make a key in Grinfi → Settings → API Keys and pass it with -ApiKey, or set $env:GRINFI_API_KEY.",
            };
        }
        Host.UI.Write("Grinfi API key (Settings → API Keys): ");
        var typed = new NetworkCredential(string.Empty, Host.UI.ReadLineAsSecureString()).Password;
        return string.IsNullOrWhiteSpace(typed)
            ? throw GrinfiException.InvalidInput("GrinfiEmptyApiKey", "No API key was typed.", null, "Run Connect-Grinfi again and paste the key.")
            : typed;
    }

    private IWebProxy? MakeProxy()
    {
        if (Proxy is null)
        {
            return null;
        }
        return new WebProxy(Proxy)
        {
            UseDefaultCredentials = ProxyUseDefaultCredentials,
            Credentials = ProxyCredential?.GetNetworkCredential(),
        };
    }

    /// <summary>
    /// Whether a prompt can be answered: never in -NonInteractive sessions, services, hosts
    /// without a UI, or when standard input is redirected (a scheduled job).
    /// </summary>
    internal static bool CanPrompt(PSHost host)
    {
        if (!Environment.UserInteractive || host.UI is null || host.Name == "Default Host")
        {
            return false;
        }
        if (Environment.GetCommandLineArgs().Skip(1).Any(a =>
                a.StartsWith("-noni", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/noni", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        try
        {
            return !Console.IsInputRedirected;
        }
        catch (System.IO.IOException)
        {
            return false;
        }
    }
}
