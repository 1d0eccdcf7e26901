using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Client;

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
