using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Client;

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
