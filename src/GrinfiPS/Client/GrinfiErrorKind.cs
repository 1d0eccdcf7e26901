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
