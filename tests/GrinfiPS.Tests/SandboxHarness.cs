using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox;

namespace GrinfiPS.Tests;

/// <summary>
/// A sandbox of its own for the tests of the sandbox itself, talked to with a plain
/// HttpClient as any client would. Its contract report goes to a private folder: the
/// violations these tests provoke on purpose are never mixed into the run's report.
/// </summary>
public sealed class SandboxHarness : IAsyncLifetime
{
    public SandboxServer Server { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public string ReportFolder { get; } = Path.Combine(Path.GetTempPath(), "grinfips-contract-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync()
    {
        Server = await SandboxServer.StartAsync(new SandboxOptions { Contacts = 40, ContractReport = ReportFolder, ImportDelayMs = 0, ExportDelayMs = 0 });
        Http.BaseAddress = Server.BaseUri;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.ApiKey);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(ReportFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public void Reset(SandboxReading reading = SandboxReading.Minimal)
    {
        Server.Reset();
        Server.Options.Reading = reading;
        Server.Options.MaxPageSize = 1000;
    }

    public async Task<(int Status, string Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body, response);
    }

    public Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(int Status, string Body, HttpResponseMessage Response)> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<(int Status, string Body, HttpResponseMessage Response)> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    /// <summary>The request log's entry for the last request to a path.</summary>
    public RequestLogEntry Last(string path) => Server.Requests.All().Last(e => e.Path == path);

    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    public string FirstListUuid() => Server.Data.Team(1).GetLists()[0]["uuid"]!.GetValue<string>();

    public string FirstContactUuid() => Server.Data.Team(1).ContactUuids()[0];
}
