using System.Net.Http.Json;
using System.Text.Json;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.Sandbox;

namespace GrinfiPS.Tests;

/// <summary>A sandbox on loopback for one test class, driven through its control endpoints.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    private readonly HttpClient _control = new();

    public SandboxServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(new SandboxOptions { Contacts = 120 });
        _control.BaseAddress = Server.BaseUri;
    }

    public async Task DisposeAsync()
    {
        _control.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Reseeds data and clears faults, expected violations, the log and rate windows; options (the reading included) are restored too.</summary>
    public async Task ResetAsync(int contacts = 120)
    {
        Server.Options.Reading = Server.DefaultReading;
        Server.Options.RequestsPerMinute = 0;
        Server.Options.RetryAfterMode = RetryAfterMode.Seconds;
        Server.Options.FaultRate = 0;
        Server.Options.LatencyMs = 0;
        Server.Options.MaxPageSize = 1000;
        Server.Options.DeleteDelayMs = 0;
        await PostAsync("reset", new { contacts });
        // The sandbox forgot its rate windows; a Retry-After a test provoked must not hold the next test.
        foreach (var key in new[] { Server.ApiKey, Server.SecondApiKey })
        {
            RateLimiter.ForKey(new ApiKey(key).Fingerprint, null).ClearPause();
        }
    }

    /// <summary>Scripts faults for the next matching requests.</summary>
    public Task AddFaultsAsync(params object[] faults) => PostAsync("faults", faults);

    /// <summary>
    /// Declares contract violations a test provokes on purpose: the violations of the next
    /// <paramref name="count"/> requests matching the method and path are recorded as expected.
    /// </summary>
    public Task ExpectViolationsAsync(string method, string path, int count = 1) =>
        PostAsync("expected-violations", new[] { new { method, path, count } });

    /// <summary>Inserts contacts directly; with <paramref name="createdAt"/> they all share it (a tie).</summary>
    public async Task<IReadOnlyList<string>> InsertContactsAsync(int count, string? createdAt = null, string? listUuid = null)
    {
        var answer = await PostAsync("contacts", new { count, createdAt, listUuid });
        return answer.GetProperty("uuids").EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <summary>A connection with test-friendly retries: short backoff, so tests stay quick.</summary>
    public GrinfiConnection Connect(int maxRetries = 3, TimeSpan? timeout = null, int? requestsPerMinute = null, string? apiKey = null, TimeSpan? baseDelay = null)
    {
        var options = new GrinfiClientOptions(apiKey ?? Server.ApiKey, Server.BaseUri)
        {
            Retry = new RetryPolicy { MaximumRetryCount = maxRetries, BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(20) },
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            RequestsPerMinute = requestsPerMinute ?? 100_000,
            UserAgent = "GrinfiPS.Tests",
        };
        return new GrinfiConnection(options, "test");
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await _control.PostAsJsonAsync("_sandbox/" + path, body);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}

/// <summary>Collects what the client logs, as the cmdlets' streams would.</summary>
internal sealed class RecordingLog : IRequestLog
{
    public List<string> VerboseLines { get; } = new();

    public List<string> DebugLines { get; } = new();

    public bool VerboseEnabled => true;

    public bool DebugEnabled => true;

    public void Verbose(string message)
    {
        lock (VerboseLines)
        {
            VerboseLines.Add(message);
        }
    }

    public void Debug(string message)
    {
        lock (DebugLines)
        {
            DebugLines.Add(message);
        }
    }
}
