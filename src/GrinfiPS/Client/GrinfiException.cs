using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Client;

/// <summary>What went wrong, in the terms a caller acts on; the cmdlets map it to an ErrorId and category.</summary>
public enum GrinfiErrorKind
{
    /// <summary>Input that is wrong before anything is sent (a bad filter, a malformed UUID).</summary>
    InvalidInput,
    /// <summary>No connection: neither Connect-Grinfi nor $env:GRINFI_API_KEY.</summary>
    NotConnected,
    /// <summary>A change needs confirmation and the session cannot prompt.</summary>
    ConfirmationRequired,
    /// <summary>A name (list, stage, tag, custom field, automation) that matches nothing.</summary>
    NameNotResolved,
    /// <summary>A name that matches several objects.</summary>
    NameAmbiguous,
    /// <summary>HTTP 400.</summary>
    BadRequest,
    /// <summary>HTTP 401: the key is wrong, revoked or expired.</summary>
    Authentication,
    /// <summary>HTTP 402: the team is out of credits.</summary>
    PaymentRequired,
    /// <summary>HTTP 403.</summary>
    PermissionDenied,
    /// <summary>HTTP 404.</summary>
    NotFound,
    /// <summary>HTTP 422 with field errors.</summary>
    Validation,
    /// <summary>HTTP 429 after every retry.</summary>
    RateLimited,
    /// <summary>HTTP 5xx after every retry.</summary>
    Server,
    /// <summary>The connection failed or dropped.</summary>
    Connection,
    /// <summary>No answer within the timeout.</summary>
    Timeout,
    /// <summary>Another status, or an answer that is not the JSON the contract promises.</summary>
    UnexpectedResponse,
    /// <summary>An answer larger than the connection's MaximumResponseSizeMB: refused, or cut off while read.</summary>
    ResponseTooLarge,
    /// <summary>A redirect that was not followed: to another host, port or scheme, a POST's 301/302, or too many.</summary>
    Redirected,
}

/// <summary>Base of every error GrinfiPS raises on purpose.</summary>
public class GrinfiException : Exception
{
    /// <summary>Creates an error of a kind with a stable error id.</summary>
    public GrinfiException(GrinfiErrorKind kind, string errorId, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        ErrorId = errorId;
    }

    /// <summary>What went wrong.</summary>
    public GrinfiErrorKind Kind { get; }

    /// <summary>Stable PascalCase id for the ErrorRecord (scripts match on it).</summary>
    public string ErrorId { get; }

    /// <summary>The input the error is about, when the thrower knows it.</summary>
    public object? TargetObject { get; set; }

    /// <summary>What the user can do about it.</summary>
    public string? RecommendedAction { get; set; }

    /// <summary>
    /// True when every further request would fail the same way, so the command stops instead of
    /// printing one identical error per input row.
    /// </summary>
    public bool EndsCommand => Kind is GrinfiErrorKind.Authentication or GrinfiErrorKind.PaymentRequired
        or GrinfiErrorKind.PermissionDenied or GrinfiErrorKind.NotConnected or GrinfiErrorKind.ConfirmationRequired
        or GrinfiErrorKind.Redirected;

    internal static GrinfiException InvalidInput(string errorId, string message, object? target = null, string? fix = null)
        => new(GrinfiErrorKind.InvalidInput, errorId, message) { TargetObject = target, RecommendedAction = fix };
}

/// <summary>An HTTP request that failed: a status other than 2xx, a dropped connection or a timeout.</summary>
public sealed class GrinfiApiException : GrinfiException
{
    internal GrinfiApiException(GrinfiErrorKind kind, string errorId, string message, Exception? inner = null)
        : base(kind, errorId, message, inner)
    {
    }

    /// <summary>The HTTP status, or null when no answer came.</summary>
    public int? StatusCode { get; internal set; }

    /// <summary>The envelope's error.reason (validation_error, auth_exception, ...), when sent.</summary>
    public string? Reason { get; internal set; }

    /// <summary>The server's own message.</summary>
    public string? ServerMessage { get; internal set; }

    /// <summary>Field errors from the envelope's error.data.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors { get; internal set; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>HTTP method of the failed request.</summary>
    public string Method { get; internal set; } = "";

    /// <summary>Path of the failed request (no host, no query).</summary>
    public string Path { get; internal set; } = "";

    /// <summary>How many times the request was sent.</summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>The start of a body that was not the error envelope (HTML from a proxy, say).</summary>
    public string? ResponseExcerpt { get; internal set; }

    /// <summary>The field errors as one line: "list_uuid: The selected list uuid is invalid."</summary>
    public string FieldErrorText => string.Join("; ", FieldErrors.Select(f => $"{f.Key}: {string.Join(" ", f.Value)}"));
}
