using System;
using System.Management.Automation;
using GrinfiPS.Client;

namespace GrinfiPS.Runtime;

/// <summary>The one place that turns GrinfiPS exceptions into ErrorRecords.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(GrinfiException ex, object? target)
    {
        var record = new ErrorRecord(ex, ex.ErrorId, Category(ex.Kind), target ?? ex.TargetObject)
        {
            ErrorDetails = new ErrorDetails(ex.Message),
        };
        if (ex.RecommendedAction is string fix)
        {
            record.ErrorDetails.RecommendedAction = fix;
        }
        return record;
    }

    public static ErrorCategory Category(GrinfiErrorKind kind) => kind switch
    {
        GrinfiErrorKind.InvalidInput => ErrorCategory.InvalidArgument,
        GrinfiErrorKind.NotConnected => ErrorCategory.ConnectionError,
        GrinfiErrorKind.ConfirmationRequired => ErrorCategory.InvalidOperation,
        GrinfiErrorKind.NameNotResolved => ErrorCategory.ObjectNotFound,
        GrinfiErrorKind.NameAmbiguous => ErrorCategory.InvalidArgument,
        GrinfiErrorKind.BadRequest => ErrorCategory.InvalidArgument,
        GrinfiErrorKind.Authentication => ErrorCategory.AuthenticationError,
        GrinfiErrorKind.PaymentRequired => ErrorCategory.QuotaExceeded,
        GrinfiErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        GrinfiErrorKind.NotFound => ErrorCategory.ObjectNotFound,
        GrinfiErrorKind.Validation => ErrorCategory.InvalidData,
        GrinfiErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        GrinfiErrorKind.Server => ErrorCategory.ConnectionError,
        GrinfiErrorKind.Connection => ErrorCategory.ConnectionError,
        GrinfiErrorKind.Timeout => ErrorCategory.OperationTimeout,
        GrinfiErrorKind.UnexpectedResponse => ErrorCategory.InvalidResult,
        GrinfiErrorKind.ResponseTooLarge => ErrorCategory.LimitsExceeded,
        GrinfiErrorKind.Redirected => ErrorCategory.ConnectionError,
        _ => ErrorCategory.NotSpecified,
    };

}
