using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
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
            // Redirects are followed by SendHopsAsync, and only to the configured origin.
            AllowAutoRedirect = false,
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

    /// <summary>Latency, limiter queue and push-back of this client's requests.</summary>
    public ClientLoad Load { get; } = new();

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
        var queued = TimeSpan.Zero;
        var retries = 0;
        while (true)
        {
            var attempt = await SendHopsAsync(request, body, context).ConfigureAwait(false);
            queued += attempt.Queued;

            if (attempt.Refusal is null && attempt.Status is >= 200 and < 300)
            {
                if (log.DebugEnabled)
                {
                    log.Debug(Redact($"{attempt.Status} {attempt.Reason} ({attempt.Elapsed.TotalMilliseconds:0} ms)" +
                        (attempt.Body.Length == 0 ? "" : "\n" + Truncate(Encoding.UTF8.GetString(attempt.Body), DebugBodyLimit))));
                }
                var json = ParseSuccess(request, attempt);
                if (log.VerboseEnabled)
                {
                    log.Verbose(Describe(request, attempt.Status.ToString(), total.Elapsed, queued, retries));
                }
                return new GrinfiResponse(attempt.Status, attempt.Body, attempt.ContentType, json);
            }

            var wait = RetryDelay(request, attempt, retries);
            if (wait is null)
            {
                var error = MapFailure(request, attempt, retries + 1);
                if (log.VerboseEnabled)
                {
                    log.Verbose(Describe(request, Outcome(attempt), total.Elapsed, queued, retries));
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

    private static string Outcome(Attempt attempt) =>
        attempt.Refusal is { } refusal ? $"{attempt.Status} {refusal.ErrorId}"
        : attempt.Status == 0 ? attempt.Failure?.GetType().Name ?? "failed"
        : attempt.Status.ToString();

    // "POST /leads/api/leads/upsert 200 (1,380 ms: 1,204 queued for the rate limit, 176 at the server)": the
    // limiter's wait is ours, not the server's, and a slow run needs to tell the two apart.
    private static string Describe(GrinfiRequest request, string status, TimeSpan elapsed, TimeSpan queued, int retries) =>
        $"{request.Method} {request.Path} {status} ({elapsed.TotalMilliseconds:N0} ms" +
        (queued.TotalMilliseconds >= 1 ? $": {queued.TotalMilliseconds:N0} queued for the rate limit, {(elapsed - queued).TotalMilliseconds:N0} at the server" : "") +
        (retries == 0 ? ")" : retries == 1 ? ", 1 retry)" : $", {retries} retries)");

    /// <summary>How long to wait before the next try, or null when the failure is final.</summary>
    private TimeSpan? RetryDelay(GrinfiRequest request, Attempt attempt, int retriesSoFar)
    {
        var policy = _options.Retry;
        // A refused answer (too large, redirected elsewhere) would be refused again.
        if (attempt.Refusal is not null || retriesSoFar >= policy.MaximumRetryCount)
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

    /// <summary>
    /// One try: the request, then the redirects it is answered with, as far as
    /// <see cref="Redirects"/> allows. Each hop takes a slot of the rate limiter like any request.
    /// </summary>
    private async Task<Attempt> SendHopsAsync(GrinfiRequest request, byte[]? body, CallContext context)
    {
        var log = context.Log;
        var hop = new Hop(request.Method, new Uri(BaseUri, request.PathAndQuery.TrimStart('/')), withBody: true);
        var queued = TimeSpan.Zero;
        for (var redirects = 0; ; redirects++)
        {
            Attempt attempt;
            var waiting = Stopwatch.StartNew();
            RateLimiter.Lease lease;
            Load.EnterLimiter();
            try
            {
                lease = await Limiter.AcquireAsync(context.CancellationToken, log).ConfigureAwait(false);
            }
            finally
            {
                Load.LeaveLimiter();
            }
            queued += waiting.Elapsed;
            using (lease)
            {
                if (log.DebugEnabled)
                {
                    log.Debug(Redact($"{hop.Method} {hop.Target.AbsoluteUri}" +
                        (body is null || !hop.WithBody ? "" : "\n" + Truncate(Encoding.UTF8.GetString(body), DebugBodyLimit))));
                }
                attempt = await SendOnceAsync(request, hop, body, context.CancellationToken).ConfigureAwait(false);
            }
            Load.Answered(attempt.Elapsed, attempt.Status);
            attempt.Queued = queued;
            if (attempt.Location is not Uri location)
            {
                return attempt;
            }
            var next = Redirects.Follow(hop, attempt.Status, location, BaseUri, out var refusal);
            if (next is null || redirects == Redirects.MaximumRedirects)
            {
                attempt.Refusal = RedirectRefused(request, hop, attempt, location, refusal);
                return attempt;
            }
            if (log.VerboseEnabled)
            {
                log.Verbose(Redact($"{hop.Method} {hop.Target.AbsolutePath}: {attempt.Status} {attempt.Reason} to {location.AbsoluteUri}; " +
                    $"following redirect {redirects + 1} of at most {Redirects.MaximumRedirects}."));
            }
            hop = next.Value;
        }
    }

    private async Task<Attempt> SendOnceAsync(GrinfiRequest request, Hop hop, byte[]? body, CancellationToken token)
    {
        using var message = new HttpRequestMessage(hop.Method, hop.Target);
        if (hop.WithBody && body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }
        else if (hop.WithBody && request.Content is not null)
        {
            message.Content = request.Content();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(_options.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return await ReadAnswerAsync(request, hop, response, watch, timeout.Token).ConfigureAwait(false);
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
    /// The answer to one hop: where a redirect points (its body is never read), or the body,
    /// read up to <see cref="GrinfiClientOptions.MaximumResponseSize"/>.
    /// </summary>
    private async Task<Attempt> ReadAnswerAsync(GrinfiRequest request, Hop hop, HttpResponseMessage response, Stopwatch watch, CancellationToken token)
    {
        var status = (int)response.StatusCode;
        var reason = response.ReasonPhrase ?? "";
        if (Redirects.IsRedirect(status) && response.Headers.Location is Uri location
            && Redirects.Resolve(hop.Target, location) is Uri next)
        {
            return new Attempt { Status = status, Reason = reason, Location = next, Elapsed = watch.Elapsed };
        }
        byte[] answer;
        try
        {
            answer = await BoundedBody.ReadAsync(response.Content, _options.MaximumResponseSize, token).ConfigureAwait(false);
        }
        catch (ResponseTooLargeException ex)
        {
            return new Attempt { Status = status, Reason = reason, Refusal = TooLarge(request, status, ex), Elapsed = watch.Elapsed };
        }
        return new Attempt
        {
            Status = status,
            Reason = reason,
            Body = answer,
            ContentType = response.Content.Headers.ContentType?.MediaType,
            RetryAfter = RetryPolicy.ParseRetryAfter(response.Headers, DateTimeOffset.UtcNow),
            Elapsed = watch.Elapsed,
        };
    }

    private GrinfiApiException TooLarge(GrinfiRequest request, int status, ResponseTooLargeException ex)
    {
        var what = ex.Claimed
            ? $"a body of {Bytes(ex.Bytes)} (its Content-Length), over the {Megabytes(ex.Cap)} GrinfiPS accepts for one answer; it was refused before reading"
            : $"a body that grew past the {Megabytes(ex.Cap)} GrinfiPS accepts for one answer; reading stopped at {Bytes(ex.Bytes)}";
        var suggested = Math.Min(2047, Math.Max(ex.Bytes, ex.Cap + 1) / (1024 * 1024) + 1);
        return new GrinfiApiException(GrinfiErrorKind.ResponseTooLarge, "GrinfiResponseTooLarge",
            $"{request.Method} {request.Path} answered {status} with {what}.", ex)
        {
            StatusCode = status,
            Method = request.Method.Method,
            Path = request.Path,
            RecommendedAction = "A real page of contacts is far smaller, so this is most likely not the API answering: check -BaseUri and the proxy. " +
                $"If the answer is genuine (a large export file, say), raise the cap: Connect-Grinfi -MaximumResponseSizeMB {suggested.ToString(CultureInfo.InvariantCulture)}.",
        };
    }

    private GrinfiApiException RedirectRefused(GrinfiRequest request, Hop hop, Attempt attempt, Uri location, string? refusal)
    {
        var from = Address(hop.Target);
        var to = Address(location);
        var (id, text) = refusal switch
        {
            null => ("GrinfiTooManyRedirects",
                $"{request.Method} {request.Path} was redirected more than {Redirects.MaximumRedirects} times (the last, {attempt.Status} {attempt.Reason}, " +
                $"from {from} to {to}); GrinfiPS stops there."),
            _ when !Redirects.SameOrigin(location, BaseUri) => ("GrinfiRedirectRefused",
                $"{request.Method} {request.Path} was answered {attempt.Status} {attempt.Reason}, a redirect from {from} to {to}, {refusal}. " +
                "GrinfiPS does not follow it: neither the key nor the request body was sent there, and no answer from there is taken as the API's."),
            _ => ("GrinfiRedirectRefused",
                $"{request.Method} {request.Path} was answered {attempt.Status} {attempt.Reason}, a redirect from {from} to {to}. " +
                $"GrinfiPS does not follow {refusal}: it would have to send the {hop.Method.Method} again or turn it into a GET, and either could do " +
                $"something other than what was asked. Nothing was sent to {to}."),
        };
        return new GrinfiApiException(GrinfiErrorKind.Redirected, id, Redact(text))
        {
            StatusCode = attempt.Status,
            Method = request.Method.Method,
            Path = request.Path,
            RecommendedAction = $"Check the base URI ({BaseUri}; -BaseUri or $env:GRINFI_BASE_URI) and the proxy (-Proxy): the Grinfi API answers at " +
                $"{GrinfiClientOptions.DefaultBaseUri} and does not redirect. If the new address is the right one, connect to it with Connect-Grinfi -BaseUri.",
        };
    }

    /// <summary>An address for a message: scheme, host, port and path, without the query.</summary>
    private static string Address(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    private static string Bytes(long bytes) =>
        bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    private static string Megabytes(long bytes) => bytes % (1024 * 1024) == 0
        ? (bytes / (1024 * 1024)).ToString("N0", CultureInfo.InvariantCulture) + " MB"
        : Bytes(bytes);

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
            // A proxy's or captive portal's sign-in page answers 200 too; so does a server whose
            // answer was cut short. Neither is the API's answer, and neither is a .NET puzzle.
            var first = System.Array.Find(attempt.Body, b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF));
            var cutShort = first is (byte)'{' or (byte)'[';
            var what = cutShort
                ? $"JSON that breaks off or is malformed ({attempt.Body.Length:N0} bytes, {ex.Message.Split('.')[0]}), ending in: {Tail(attempt)}"
                : $"a body that is not JSON ({attempt.ContentType ?? "no content type"}): {Excerpt(attempt)}";
            throw new GrinfiApiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiResponseNotJson",
                $"{request.Method} {request.Path} answered {attempt.Status} with {what}.", ex)
            {
                StatusCode = attempt.Status,
                Method = request.Method.Method,
                Path = request.Path,
                ResponseExcerpt = Excerpt(attempt),
                RecommendedAction = cutShort
                    ? "Try again; if it keeps happening, something between you and the API (a proxy) cuts answers short."
                    : $"Something other than the API answered: a proxy or a network sign-in page (captive portal). Check the network, -Proxy and the base URI ({BaseUri}).",
            };
        }
    }

    private GrinfiApiException MapFailure(GrinfiRequest request, Attempt attempt, int attempts)
    {
        if (attempt.Refusal is { } refusal)
        {
            refusal.Attempts = attempts;
            return refusal;
        }
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
        401 => "The key was refused: it may be revoked, mistyped (a character lost when pasting), or made for another Grinfi address than the base URI. Check it in Grinfi → Settings → API Keys, then run Connect-Grinfi again or update $env:GRINFI_API_KEY.",
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

    /// <summary>The last few characters of a body, where JSON cut short breaks off: enough to see it, too few to copy a contact into a log.</summary>
    private string Tail(Attempt attempt)
    {
        const int tailLimit = 60;
        var text = System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(attempt.Body), "\\s+", " ").TrimEnd();
        return Redact(text.Length <= tailLimit ? text : "…" + text.Substring(text.Length - tailLimit));
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

        /// <summary>Where a redirect points, resolved; its body was not read.</summary>
        public Uri? Location { get; init; }

        /// <summary>Time spent waiting for the rate limiter, every hop of this try included.</summary>
        public TimeSpan Queued { get; set; }

        /// <summary>An answer that is final without a retry: too large, or a redirect not followed.</summary>
        public GrinfiApiException? Refusal { get; set; }
    }
}
