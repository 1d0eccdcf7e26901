using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;

namespace GrinfiPS.Client;

/// <summary>
/// What Windows PowerShell 5.1 (.NET Framework) needs before it can talk to the API the way
/// PowerShell 7 does out of the box.
/// </summary>
internal static class PlatformSetup
{
    /// <summary>Requests in flight per host that -ThrottleLimit may use.</summary>
    public const int ConnectionsPerHost = 64;

    public static bool IsNetFramework { get; } =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// On .NET Framework: enable TLS 1.2 (its default set may lack it) and lift the
    /// per-host connection limit (2 outside ASP.NET), which would otherwise cap -ThrottleLimit.
    /// </summary>
    public static void ForBaseUri(Uri baseUri)
    {
        if (!IsNetFramework)
        {
            return;
        }
        ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        var point = ServicePointManager.FindServicePoint(baseUri);
        if (point.ConnectionLimit < ConnectionsPerHost)
        {
            point.ConnectionLimit = ConnectionsPerHost;
        }
    }

    /// <summary>On .NET (Core) the handler's own limit is what counts.</summary>
    public static void RaiseConnectionLimit(HttpClientHandler handler)
    {
        if (!IsNetFramework)
        {
            handler.MaxConnectionsPerServer = ConnectionsPerHost;
        }
    }
}
