using System.Buffers;
using System.Diagnostics;
using GrinfiPS.Sandbox.Contract;
namespace GrinfiPS.Sandbox.Http;

/// <summary>
/// The one middleware: logs every API request, injects faults, adds latency, checks the key
/// and the rate limit, dispatches, and only then writes the answer. Control requests
/// (<c>/_sandbox/...</c>) skip all of that except dispatch.
/// </summary>
internal sealed class RequestPipeline
{
    private const string ControlPrefix = "/_sandbox";

    private readonly SandboxContext _sandbox;
    private readonly Router _api;
    private readonly Router _control;

    public RequestPipeline(SandboxContext sandbox, Router api, Router control)
    {
        _sandbox = sandbox;
        _api = api;
        _control = control;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        try
        {
            if (path == ControlPrefix || path.StartsWith(ControlPrefix + "/", StringComparison.Ordinal))
            {
                await HandleControlAsync(http, path).ConfigureAwait(false);
            }
            else
            {
                await HandleApiAsync(http, path).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Handlers' own failures are answered inside; this is the pipeline failing.
            await Console.Error.WriteLineAsync($"GrinfiPS.Sandbox: pipeline failed for {http.Request.Method} {path}: {ex}").ConfigureAwait(false);
            if (!http.Response.HasStarted) await WriteAsync(http, ApiErrors.ServerError()).ConfigureAwait(false);
        }
    }

    private async Task HandleControlAsync(HttpContext http, string path)
    {
        byte[] body;
        try
        {
            body = await ReadBodyAsync(http).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            await WriteAsync(http, ApiErrors.Envelope(ex.StatusCode, ApiErrors.ReasonFor(ex.StatusCode), ex.Message)).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            return;
        }
        var match = _control.Find(http.Request.Method, path);
        ApiResult result = match.Route is { } route
            ? await DispatchAsync(route.Handler, new ApiRequest(http, _sandbox, null, body, match.Values)).ConfigureAwait(false)
            : match.PathKnown ? ApiErrors.MethodNotAllowed(http.Request.Method) : ApiErrors.Envelope(404, "bad_request", "Route not found.");
        await WriteAsync(http, result).ConfigureAwait(false);
    }

    private async Task HandleApiAsync(HttpContext http, string path)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = _sandbox.Time.GetUtcNow();
        var seq = _sandbox.Log.TakeSeq();
        var method = http.Request.Method;
        var query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value!.TrimStart('?') : "";
        var aborted = http.RequestAborted;
        var options = _sandbox.Options;
        var reading = options.Reading;

        var token = BearerToken(http);
        var teamId = _sandbox.Keys.Validate(token);
        // Faults are chosen at receipt, scripted ones before random ones and before the limiter.
        var fault = _sandbox.Faults.Pick(method, path, options.FaultRate);
        byte[] body = [];
        string? bodyText = null;
        RequestCheck? check = null;
        List<ContractViolation> violations = [];

        void Log(int status)
        {
            _sandbox.Log.Add(new RequestLogEntry(
                seq, receivedAt, method, path, query, bodyText, status, teamId,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, fault?.Name, http.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null)
            {
                Violations = violations,
            });
            // Every API request counts as validated, also one whose answer is dropped.
            _sandbox.Report.Record(violations.Select(v => new ViolationRecord(seq, receivedAt, method, path, query, status, bodyText, v)).ToList());
        }

        try
        {
            body = await ReadBodyAsync(http).ConfigureAwait(false);
            bodyText = body.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(body);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel refused the body (too large, malformed chunking): still an envelope.
            var refused = ApiErrors.Envelope(ex.StatusCode, ApiErrors.ReasonFor(ex.StatusCode), ex.Message);
            Log(refused.Status);
            await WriteAsync(http, refused).ConfigureAwait(false);
            return;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            Log(0);
            return;
        }

        // The contract check sees every request as sent, whatever happens to it next.
        check = _sandbox.Contract.CheckRequest(method, path, query, http.Request.ContentType, body);
        violations = check.Violations;
        if (violations.Count > 0 && _sandbox.Expected.Consume(method, path))
        {
            violations = violations.Select(v => v with { Expected = true }).ToList();
        }

        // Decide auth and rate limiting now, at receipt, for requests that will be carried out.
        var match = _api.Find(method, path);
        ApiResult? early = null;
        if (fault is null || fault.CarriesOut)
        {
            if (match.Route is null)
            {
                early = match.PathKnown ? ApiErrors.MethodNotAllowed(method) : ApiErrors.Envelope(404, "bad_request", "Route not found.");
            }
            else if (teamId is null)
            {
                early = ApiErrors.Unauthenticated();
            }
            else if (_sandbox.Limiter.TryAcquire(token!, options.RequestsPerMinute) is { } wait)
            {
                early = ApiErrors.TooManyAttempts();
                if (RateLimiter.RetryAfterValue(wait, options.RetryAfterMode, _sandbox.Time.GetUtcNow()) is { } retryAfter)
                {
                    early.WithHeader("Retry-After", retryAfter);
                }
            }
        }

        if (!await DelayAsync(options.LatencyMs, aborted).ConfigureAwait(false))
        {
            Log(0);
            return;
        }

        ApiResult result;
        var selfCheck = true;
        switch (fault?.Kind)
        {
            case FaultKind.Drop:
                Log(0);
                Drop(http);
                return;
            case FaultKind.Status:
                result = fault.ToResult();
                selfCheck = false;
                break;
            case FaultKind.Html200:
                result = Misbehaviour.CaptivePortal();
                selfCheck = false;
                break;
            case FaultKind.Delay when !await DelayAsync(fault.DelayMs, aborted).ConfigureAwait(false):
                Log(0);
                return;
            default:
                var team = teamId is { } id ? _sandbox.Data.TryGetTeam(id) : null;
                if (early is not null)
                {
                    result = early;
                }
                else if (check.Rejected)
                {
                    // The API refuses a body that breaks its schema before any handler runs.
                    result = check.Rejection();
                }
                else if (fault?.Kind == FaultKind.RepeatPage && _sandbox.Pages.Last(team!.TeamId, method, path) is { } last)
                {
                    result = last;
                    selfCheck = false;
                }
                else if (fault?.Kind == FaultKind.PhantomPage && Misbehaviour.PhantomPage(_sandbox, team!, method, path, http.Request.Query, body, reading, fault.Total) is { } phantom)
                {
                    result = phantom;
                }
                else
                {
                    if (fault?.Kind == FaultKind.IgnoreFilter) body = Misbehaviour.WithoutFilter(http, body);
                    result = await DispatchAsync(match.Route!.Handler, new ApiRequest(http, _sandbox, team, body, match.Values)).ConfigureAwait(false);
                    if (result.Status == 200 && Misbehaviour.IsPagedRead(method, path)) _sandbox.Pages.Remember(team!.TeamId, method, path, result);
                }
                if (fault?.Kind == FaultKind.Truncated)
                {
                    result = Misbehaviour.Truncate(result);
                    selfCheck = false;
                }
                break;
        }

        if (selfCheck && reading == SandboxReading.Minimal && check.Operation is { } operation)
        {
            // The emulator checks itself: an answer the contract does not allow means it lies.
            var lies = _sandbox.Contract.CheckResponse(operation, result);
            if (lies.Count > 0) violations = [.. violations, .. lies];
        }

        if (fault?.Kind == FaultKind.DropAfter)
        {
            Log(0);
            Drop(http);
            return;
        }
        // Logged before the first byte goes out, so a test that reads the log right after
        // its request completes always finds the entry.
        Log(result.Status);
        await WriteAsync(http, result).ConfigureAwait(false);
    }

    private static async Task<ApiResult> DispatchAsync(Router.AsyncHandler handler, ApiRequest request)
    {
        try
        {
            return await handler(request).ConfigureAwait(false);
        }
        catch (ValidationException ex)
        {
            return ex.ToResult();
        }
        catch (BadRequestException ex)
        {
            return ApiErrors.BadRequest(ex.Message);
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"GrinfiPS.Sandbox: {request.Http.Request.Method} {request.Http.Request.Path} failed: {ex}").ConfigureAwait(false);
            return ApiErrors.ServerError();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        var length = http.Request.ContentLength;
        if (length == 0) return [];
        using var buffer = length is > 0 and < 16 * 1024 * 1024 ? new MemoryStream((int)length.Value) : new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext http, ApiResult result)
    {
        try
        {
            var response = http.Response;
            response.StatusCode = result.Status;
            if (result.Headers is { } headers)
            {
                foreach (var (name, value) in headers) response.Headers.Append(name, value);
            }
            if (result.Body is { } bytes)
            {
                response.ContentType = result.ContentType ?? ApiResult.JsonType;
                response.ContentLength = bytes.Length;
                await response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
            }
            else if (result.Segments is { } segments)
            {
                response.ContentType = result.ContentType ?? ApiResult.JsonType;
                response.ContentLength = result.Length;
                var writer = response.BodyWriter;
                foreach (var segment in segments) writer.Write(segment.Span);
                await writer.FlushAsync(http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client went away while we answered; nothing to do.
        }
    }

    /// <summary>Waits, unless the client gives up first; false when it did.</summary>
    private static async Task<bool> DelayAsync(int ms, CancellationToken aborted)
    {
        if (ms <= 0) return !aborted.IsCancellationRequested;
        try
        {
            await Task.Delay(ms, aborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Aborts the TCP connection: the client sees a reset, never a response.</summary>
    private static void Drop(HttpContext http)
    {
        http.Abort();
    }

    private static string? BearerToken(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}
