using System.Net;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Endpoints;
using GrinfiPS.Sandbox.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GrinfiPS.Sandbox;

/// <summary>
/// A running sandbox: an in-memory emulator of the Grinfi API on 127.0.0.1. Tests start one
/// in process with <see cref="StartAsync"/>; the command-line runner wraps the same class.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxContext _context;
    private int _stopped;

    private SandboxServer(WebApplication app, SandboxContext context, Uri baseUri)
    {
        _app = app;
        _context = context;
        BaseUri = baseUri;
        ApiKey = context.MintKey(1, SandboxContext.DefaultKeyLifetime);
        SecondApiKey = context.MintKey(2, SandboxContext.DefaultKeyLifetime);
    }

    /// <summary>Where the sandbox listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>An API key for team 1.</summary>
    public string ApiKey { get; }

    /// <summary>An API key for team 2.</summary>
    public string SecondApiKey { get; }

    /// <summary>Team of <see cref="ApiKey"/>.</summary>
    public int TeamId => 1;

    /// <summary>Team of <see cref="SecondApiKey"/>.</summary>
    public int SecondTeamId => 2;

    /// <summary>The live options: changes apply to the next request.</summary>
    public SandboxOptions Options => _context.Options;

    /// <summary>Every API request received (control requests are not logged).</summary>
    public RequestLog Requests => _context.Log;

    /// <summary>The teams' data stores.</summary>
    public SandboxData Data => _context.Data;

    /// <summary>The reading the sandbox started with; resets of the options go back to it.</summary>
    public SandboxReading DefaultReading => _context.StartReading;

    /// <summary>What the contract check recorded: counts, the report folder, the violations.</summary>
    internal Contract.ContractReport ContractReport => _context.Report;

    /// <summary>Starts a sandbox and returns once it is listening.</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var context = new SandboxContext(options, TimeProvider.System);

        var api = new Router();
        UserEndpoints.Map(api);
        LeadEndpoints.Map(api);
        MassActionEndpoints.Map(api);
        ListEndpoints.Map(api);
        StageEndpoints.Map(api);
        TagEndpoints.Map(api);
        CustomFieldEndpoints.Map(api);
        FlowEndpoints.Map(api);
        FileEndpoints.Map(api);
        CompanyEndpoints.Map(api);
        FlowLeadEndpoints.Map(api);
        EnrichmentEndpoints.Map(api);
        DataSourceEndpoints.Map(api);
        EngagementEndpoints.Map(api);
        NoteEndpoints.Map(api);
        ActivityEndpoints.Map(api);
        BlacklistEndpoints.Map(api);
        var control = new Router();
        ControlEndpoints.Map(control);
        var pipeline = new RequestPipeline(context, api, control);

        // The empty builder brings no configuration files, file watchers or log providers:
        // nothing but the ready line may reach standard output, and start-up stays fast.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(SandboxServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            // Bulk CSV uploads may be large; the default 30 MB cap would cut them off.
            kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
        });
        // No console lifetime: an in-process sandbox must not take over the test host's
        // Ctrl+C, and the process runner decides itself when to stop.
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        var app = builder.Build();
        app.Run(pipeline.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new SandboxServer(app, context, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Mints another key; a negative lifetime gives an expired one.</summary>
    public string MintKey(int teamId, TimeSpan validFor)
    {
        if (teamId is not (1 or 2)) throw new ArgumentOutOfRangeException(nameof(teamId), teamId, "Teams 1 and 2 exist.");
        return _context.MintKey(teamId, validFor);
    }

    /// <summary>Same as <c>POST /_sandbox/reset</c>: reseeds all data, clears scripted faults, the log and rate windows.</summary>
    public void Reset(int? contacts = null, int? seed = null) => _context.Reset(contacts, seed);

    /// <summary>Stops listening and cancels background jobs still waiting.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            // After the server: no request is left that could schedule another job.
            _context.Jobs.Dispose();
            _context.Report.Dispose();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
