using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace GrinfiPS.Client;

/// <summary>Everything a client needs to talk to one Grinfi API with one key.</summary>
internal sealed class GrinfiClientOptions
{
    public static readonly Uri DefaultBaseUri = new("https://leadgen.grinfi.io");

    public GrinfiClientOptions(string apiKey, Uri baseUri)
    {
        ApiKey = new ApiKey(apiKey);
        // A trailing slash makes relative paths resolve under any path prefix the address has.
        BaseUri = baseUri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
    }

    public ApiKey ApiKey { get; }

    public Uri BaseUri { get; }

    public int? RequestsPerMinute { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    public RetryPolicy Retry { get; init; } = new();

    public IWebProxy? Proxy { get; init; }

    public string UserAgent { get; init; } = "GrinfiPS";

    /// <summary>
    /// Throws when the address would send the key in clear text: http:// is only for loopback
    /// (the sandbox, a local proxy).
    /// </summary>
    public static Uri ValidateBaseUri(Uri uri, string source)
    {
        if (!uri.IsAbsoluteUri)
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidBaseUri",
                $"{source} '{uri}' is not an absolute address.", uri,
                $"Give the full address, such as {DefaultBaseUri}.");
        }
        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return uri;
        }
        if (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)
        {
            return uri;
        }
        throw GrinfiException.InvalidInput("GrinfiInsecureBaseUri",
            $"{source} '{uri}' is refused: the API key must not travel in clear text, so only https:// is allowed (http:// only for loopback addresses).",
            uri, $"Use https://{uri.Authority}{uri.AbsolutePath}.");
    }
}

/// <summary>
/// The one HTTP core every cmdlet uses: one HttpClient per connection, the key's shared rate
/// limiter, retries with backoff, and every failure mapped to a <see cref="GrinfiApiException"/>.
/// </summary>
internal sealed class GrinfiClient : IDisposable
{
    private const int DebugBodyLimit = 16 * 1024;
    private const int ExcerptLimit = 300;

    private readonly HttpClient _http;
    private readonly GrinfiClientOptions _options;

    public GrinfiClient(GrinfiClientOptions options)
    {
        _options = options;
        Limiter = RateLimiter.ForKey(options.ApiKey.Fingerprint, options.RequestsPerMinute);
        PlatformSetup.ForBaseUri(options.BaseUri);
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        };
        if (options.Proxy is not null)
        {
            handler.Proxy = options.Proxy;
            handler.UseProxy = true;
        }
        PlatformSetup.RaiseConnectionLimit(handler);
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = options.BaseUri,
            // Each try has its own timeout (see SendOnceAsync); the client's would also cut retries short.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey.Value);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", options.UserAgent);
    }

    public Uri BaseUri => _options.BaseUri;

    public ApiKey Key => _options.ApiKey;

    public RateLimiter Limiter { get; }

    public GrinfiClientOptions Options => _options;

    public void Dispose() => _http.Dispose();

    /// <summary>Sends a request, retrying what is safe to retry, and returns the parsed JSON answer.</summary>
    public async Task<JsonNode?> SendJsonAsync(GrinfiRequest request, CallContext context) =>
        (await SendAsync(request, context).ConfigureAwait(false)).Json;

    /// <summary>Sends a request, retrying what is safe to retry.</summary>
    /// <exception cref="GrinfiApiException">The request failed for good.</exception>
    /// <exception cref="OperationCanceledException">The command was stopped.</exception>
    public async Task<GrinfiResponse> SendAsync(GrinfiRequest request, CallContext context)
    {
        var token = context.CancellationToken;
        var log = context.Log;
        var body = request.Body is null ? null : Encoding.UTF8.GetBytes(JsonFormat.Text(request.Body));
        var total = Stopwatch.StartNew();
        var retries = 0;
        while (true)
        {
            Attempt attempt;
            using (await Limiter.AcquireAsync(token, log).ConfigureAwait(false))
            {
                if (log.DebugEnabled)
                {
                    log.Debug(Redact($"{request.Method} {BaseUri}{request.PathAndQuery.TrimStart('/')}" +
                        (body is null ? "" : "\n" + Truncate(Encoding.UTF8.GetString(body), DebugBodyLimit))));
                }
                attempt = await SendOnceAsync(request, body, token).ConfigureAwait(false);
            }

            if (attempt.Status is >= 200 and < 300)
            {
                if (log.DebugEnabled)
                {
                    log.Debug(Redact($"{attempt.Status} {attempt.Reason} ({attempt.Elapsed.TotalMilliseconds:0} ms)" +
                        (attempt.Body.Length == 0 ? "" : "\n" + Truncate(Encoding.UTF8.GetString(attempt.Body), DebugBodyLimit))));
                }
                var json = ParseSuccess(request, attempt);
                if (log.VerboseEnabled)
                {
                    log.Verbose(Describe(request, attempt.Status.ToString(), total.Elapsed, retries));
                }
                return new GrinfiResponse(attempt.Status, attempt.Body, attempt.ContentType, json);
            }

            var wait = RetryDelay(request, attempt, retries);
            if (wait is null)
            {
                var error = MapFailure(request, attempt, retries + 1);
                if (log.VerboseEnabled)
                {
                    log.Verbose(Describe(request, attempt.Status == 0 ? attempt.Failure?.GetType().Name ?? "failed" : attempt.Status.ToString(), total.Elapsed, retries));
                }
                throw error;
            }
            retries++;
            if (attempt.Status == 429)
            {
                // The key's window is full at the server: every request on it, in every process, waits.
                Limiter.Pause(wait.Value);
            }
            if (log.VerboseEnabled)
            {
                log.Verbose($"{request.Method} {request.Path}: {AttemptSummary(attempt)}; retry {retries} of {_options.Retry.MaximumRetryCount} in {wait.Value.TotalSeconds:0.0} s.");
            }
            await Task.Delay(wait.Value, token).ConfigureAwait(false);
        }
    }

    private static string Describe(GrinfiRequest request, string status, TimeSpan elapsed, int retries) =>
        $"{request.Method} {request.Path} {status} ({elapsed.TotalMilliseconds:0} ms" +
        (retries == 0 ? ")" : retries == 1 ? ", 1 retry)" : $", {retries} retries)");

    /// <summary>How long to wait before the next try, or null when the failure is final.</summary>
    private TimeSpan? RetryDelay(GrinfiRequest request, Attempt attempt, int retriesSoFar)
    {
        var policy = _options.Retry;
        if (retriesSoFar >= policy.MaximumRetryCount)
        {
            return null;
        }
        if (attempt.Status == 0)
        {
            // No answer. A request that never left is always safe to send again; one that may
            // have reached the server only when sending it twice does no harm.
            return attempt.NotSent || request.Idempotent ? policy.Backoff(retriesSoFar + 1) : null;
        }
        // A 429 was refused before it was carried out, so even a create may be sent again.
        if (attempt.Status == 429 || (request.Idempotent && RetryPolicy.IsTransient(attempt.Status)))
        {
            if (attempt.RetryAfter is TimeSpan retryAfter)
            {
                return retryAfter <= policy.MaximumRetryAfter ? retryAfter + TimeSpan.FromMilliseconds(50) : null;
            }
            return policy.Backoff(retriesSoFar + 1);
        }
        return null;
    }

    private async Task<Attempt> SendOnceAsync(GrinfiRequest request, byte[]? body, CancellationToken token)
    {
        using var message = new HttpRequestMessage(request.Method, request.PathAndQuery.TrimStart('/'));
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        else if (request.Content is not null)
        {
            message.Content = request.Content();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(_options.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var answer = await ReadBodyAsync(response.Content, timeout.Token).ConfigureAwait(false);
            return new Attempt
            {
                Status = (int)response.StatusCode,
                Reason = response.ReasonPhrase ?? "",
                Body = answer,
                ContentType = response.Content.Headers.ContentType?.MediaType,
                RetryAfter = RetryPolicy.ParseRetryAfter(response.Headers, DateTimeOffset.UtcNow),
                Elapsed = watch.Elapsed,
            };
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            return new Attempt { Failure = ex, TimedOut = true, Elapsed = watch.Elapsed };
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException or WebException)
        {
            return new Attempt { Failure = ex, NotSent = NeverLeft(ex), Elapsed = watch.Elapsed };
        }
    }

    /// <summary>
    /// The whole body. With a Content-Length it is read straight into one array of that size: a
    /// page of contacts is large, and a growing buffer plus a copy would allocate it three times.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken token)
    {
        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        if (content.Headers.ContentLength is long length && length <= int.MaxValue && content.Headers.ContentEncoding.Count == 0)
        {
            var body = new byte[length];
            var read = 0;
            while (read < body.Length)
            {
                var n = await stream.ReadAsync(body, read, body.Length - read, token).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new IOException($"The connection closed after {read} of {length} bytes of the answer.");
                }
                read += n;
            }
            return body;
        }
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, 81920, token).ConfigureAwait(false);
        return buffer.ToArray();
    }

    // Connection refused or the host not found: the request cannot have reached the server.
    private static bool NeverLeft(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket && socket.SocketErrorCode is SocketError.ConnectionRefused
                    or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable
                    or SocketError.TryAgain or SocketError.AddressNotAvailable or SocketError.NoData)
            {
                return true;
            }
            if (e is WebException web && web.Status is WebExceptionStatus.ConnectFailure
                    or WebExceptionStatus.NameResolutionFailure or WebExceptionStatus.ProxyNameResolutionFailure)
            {
                return true;
            }
        }
        return false;
    }

    private JsonNode? ParseSuccess(GrinfiRequest request, Attempt attempt)
    {
        if (!request.ExpectJson || attempt.Body.Length == 0)
        {
            return null;
        }
        try
        {
            return JsonPages.Parse(attempt.Body);
        }
        catch (JsonException ex)
        {
            throw new GrinfiApiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiUnexpectedResponse",
                $"{request.Method} {request.Path} answered {attempt.Status} with a body that is not JSON" +
                $" ({attempt.ContentType ?? "no content type"}): {Excerpt(attempt)}", ex)
            {
                StatusCode = attempt.Status,
                Method = request.Method.Method,
                Path = request.Path,
                ResponseExcerpt = Excerpt(attempt),
            };
        }
    }

    private GrinfiApiException MapFailure(GrinfiRequest request, Attempt attempt, int attempts)
    {
        var gaveUp = attempts > 1 ? $" (gave up after {attempts} tries)" : "";
        if (attempt.Status == 0)
        {
            var (kind, id, what) = attempt.TimedOut
                ? (GrinfiErrorKind.Timeout, "GrinfiTimeout", $"got no answer within {_options.Timeout.TotalSeconds:0} s")
                : (GrinfiErrorKind.Connection, "GrinfiConnectionFailed", "failed: " + Redact(InnermostMessage(attempt.Failure!)));
            var unsafeNote = !request.Idempotent && !attempt.NotSent
                ? " It was not sent again because it may have reached the server, and a second one could create a duplicate; check whether it took effect."
                : "";
            return new GrinfiApiException(kind, id, $"{request.Method} {request.Path} {what}{gaveUp}.{unsafeNote}", attempt.Failure)
            {
                Method = request.Method.Method,
                Path = request.Path,
                Attempts = attempts,
                RecommendedAction = attempt.TimedOut
                    ? "Try again later, or raise the timeout with Connect-Grinfi -TimeoutSec."
                    : $"Check the network and that {BaseUri} is reachable (and -Proxy, when one is needed).",
            };
        }

        var envelope = ErrorEnvelope.TryParse(attempt.Body);
        var (errorKind, errorId) = Classify(attempt.Status);
        var sb = new StringBuilder($"{request.Method} {request.Path} failed with {attempt.Status}");
        if (!string.IsNullOrEmpty(attempt.Reason))
        {
            sb.Append(' ').Append(attempt.Reason);
        }
        string? excerpt = null;
        if (envelope is not null)
        {
            sb.Append(": ").Append(envelope.Message);
            if (envelope.FieldErrors.Count > 0)
            {
                sb.Append(envelope.Message.EndsWith(".", StringComparison.Ordinal) ? " " : ". ")
                    .Append(string.Join("; ", envelope.FieldErrors.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}")));
            }
        }
        else
        {
            excerpt = Excerpt(attempt);
            sb.Append(excerpt.Length == 0
                ? " and an empty body"
                : $" and a body that is not the API's error format ({attempt.ContentType ?? "no content type"}): {excerpt}");
        }
        if (attempt.Status == 429 && attempt.RetryAfter is TimeSpan ra && ra > _options.Retry.MaximumRetryAfter)
        {
            sb.Append($" The server asked to wait {ra.TotalSeconds:0} s before retrying, longer than GrinfiPS waits.");
        }
        sb.Append(gaveUp);
        var text = sb.ToString();
        if (!text.EndsWith(".", StringComparison.Ordinal))
        {
            text += ".";
        }
        return new GrinfiApiException(errorKind, errorId, Redact(text))
        {
            StatusCode = attempt.Status,
            Reason = envelope?.Reason,
            ServerMessage = envelope?.Message,
            FieldErrors = envelope?.FieldErrors ?? new Dictionary<string, IReadOnlyList<string>>(),
            Method = request.Method.Method,
            Path = request.Path,
            Attempts = attempts,
            ResponseExcerpt = excerpt is null ? null : Redact(excerpt),
            RecommendedAction = Recommend(attempt.Status),
        };
    }

    private static (GrinfiErrorKind, string) Classify(int status) => status switch
    {
        400 => (GrinfiErrorKind.BadRequest, "GrinfiBadRequest"),
        401 => (GrinfiErrorKind.Authentication, "GrinfiAuthenticationFailed"),
        402 => (GrinfiErrorKind.PaymentRequired, "GrinfiPaymentRequired"),
        403 => (GrinfiErrorKind.PermissionDenied, "GrinfiAccessDenied"),
        404 => (GrinfiErrorKind.NotFound, "GrinfiNotFound"),
        422 => (GrinfiErrorKind.Validation, "GrinfiValidationError"),
        429 => (GrinfiErrorKind.RateLimited, "GrinfiRateLimited"),
        >= 500 => (GrinfiErrorKind.Server, "GrinfiServerError"),
        _ => (GrinfiErrorKind.UnexpectedResponse, "GrinfiRequestFailed"),
    };

    private static string? Recommend(int status) => status switch
    {
        401 => "Check the API key (Settings → API Keys in Grinfi), then run Connect-Grinfi again or update $env:GRINFI_API_KEY.",
        402 => "The team is out of credits: top up in Grinfi, then run the command again.",
        403 => "The key's user lacks access to this; use a key of a user who has it.",
        429 => "Other scripts may be using the same key: lower -RequestsPerMinute, or run them one after another.",
        >= 500 => "The Grinfi service failed; try again later.",
        _ => null,
    };

    private string Excerpt(Attempt attempt)
    {
        var text = Encoding.UTF8.GetString(attempt.Body);
        if (attempt.ContentType?.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0 || text.TrimStart().StartsWith("<", StringComparison.Ordinal))
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, "<(script|style)[^>]*>.*?</\\1>|<[^>]+>", " ",
                System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            text = WebUtility.HtmlDecode(text);
        }
        text = System.Text.RegularExpressions.Regex.Replace(text, "\\s+", " ").Trim();
        return Redact(Truncate(text, ExcerptLimit));
    }

    private static string AttemptSummary(Attempt attempt) => attempt.Status != 0
        ? $"{attempt.Status} {attempt.Reason}".TrimEnd() + (attempt.RetryAfter is TimeSpan ra ? $" (Retry-After {ra.TotalSeconds:0} s)" : "")
        : attempt.TimedOut ? "timed out" : "connection failed (" + InnermostMessage(attempt.Failure!) + ")";

    private static string InnermostMessage(Exception ex)
    {
        var e = ex;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e.Message;
    }

    private string Redact(string text) => _options.ApiKey.Redact(text);

    private static string Truncate(string text, int limit) =>
        text.Length <= limit ? text : text.Substring(0, limit) + $"… ({text.Length - limit} more characters)";

    private sealed class Attempt
    {
        public int Status { get; init; }

        public string Reason { get; init; } = "";

        public byte[] Body { get; init; } = Array.Empty<byte>();

        public string? ContentType { get; init; }

        public TimeSpan? RetryAfter { get; init; }

        public TimeSpan Elapsed { get; init; }

        public Exception? Failure { get; init; }

        public bool TimedOut { get; init; }

        public bool NotSent { get; init; }
    }
}

/// <summary>The API's error envelope: { error: { reason, message, data }, message, code }.</summary>
internal sealed class ErrorEnvelope
{
    private ErrorEnvelope(string? reason, string message, IReadOnlyDictionary<string, IReadOnlyList<string>> fieldErrors)
    {
        Reason = reason;
        Message = message;
        FieldErrors = fieldErrors;
    }

    public string? Reason { get; }

    public string Message { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors { get; }

    public static ErrorEnvelope? TryParse(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root is not JsonObject obj)
        {
            return null;
        }
        var error = obj["error"] as JsonObject;
        var message = Text(error?["message"]) ?? Text(obj["message"]);
        if (error is null && message is null)
        {
            return null;
        }
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (error?["data"] is JsonObject data)
        {
            foreach (var pair in data)
            {
                var messages = pair.Value switch
                {
                    JsonArray array => array.Select(Text).Where(t => t is not null).Select(t => t!).ToList(),
                    JsonValue value when Text(value) is string s => new List<string> { s },
                    _ => new List<string>(),
                };
                if (messages.Count > 0)
                {
                    fields[pair.Key] = messages;
                }
            }
        }
        // With field errors, error.message usually repeats the first of them; the top-level
        // message ("The given data was invalid.") leads in better.
        if (fields.Count > 0 && Text(obj["message"]) is string summary)
        {
            message = summary;
        }
        return new ErrorEnvelope(Text(error?["reason"]), message ?? "(no message)", fields);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : node is JsonValue other ? other.ToJsonString() : null;
}
