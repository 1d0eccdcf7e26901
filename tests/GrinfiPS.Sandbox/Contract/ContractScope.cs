using Microsoft.OpenApi.Models;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>
/// The one list of the vendor's operations GrinfiPS's contract keeps: every operation under
/// <c>/leads/api/</c>, the current user, and the automation calls that concern contacts.
/// Everything else in the vendor's document (teams, API keys, e-mails, browsers, webhooks,
/// the rest of the automation editor) is left out, so a request to it is a violation.
/// </summary>
internal static class ContractScope
{
    /// <summary>The kept operations: a path (exact, or a prefix when it ends with <c>/</c>) and its methods (null: all).</summary>
    public static IReadOnlyList<Rule> Rules { get; } =
    [
        new("/leads/api/", null),
        new("/id/api/users/current", [OperationType.Get]),
        new("/flows/api/flows", [OperationType.Get]),
        new("/flows/api/flows/{flowUuid}", [OperationType.Get]),
        new("/flows/api/flows-leads/list", [OperationType.Post]),
        new("/flows/api/flows/leads/", null),
        new("/flows/api/flows/{flowUuid}/leads/{leadUuid}", null),
        new("/flows/api/flows/{flowUuid}/add-new-lead", null),
        new("/flows/api/tasks/continue-automation", null),
        new("/flows/api/flows/metrics", null),
    ];

    /// <summary>The first rule that keeps this operation; null when it is left out.</summary>
    public static Rule? Match(string path, OperationType method) =>
        Rules.FirstOrDefault(r => r.Keeps(path, method));

    /// <summary>One entry of <see cref="Rules"/>.</summary>
    public sealed record Rule(string Path, IReadOnlyList<OperationType>? Methods)
    {
        public bool IsPrefix => Path.EndsWith('/');

        public bool Keeps(string path, OperationType method) =>
            (IsPrefix ? path.StartsWith(Path, StringComparison.Ordinal) : path == Path)
            && (Methods is null || Methods.Contains(method));

        public override string ToString() =>
            (Methods is null ? "*" : string.Join(",", Methods.Select(m => m.ToString().ToUpperInvariant()))) + " " + Path + (IsPrefix ? "..." : "");
    }
}
