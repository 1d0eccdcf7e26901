using System.Text.Json;

namespace GrinfiPS.Sandbox.Contract;

/// <summary>
/// One way a request (or the sandbox's own answer) breaks the contract.
/// </summary>
/// <param name="Source"><c>request</c>: the client sent it; <c>sandbox</c>: the emulator answered against the contract.</param>
/// <param name="Rule">Which rule: <c>path</c>, <c>method</c>, <c>query-unknown</c>, <c>body-schema</c>, <c>mass-action-payload</c>, ...</param>
/// <param name="Field">The field in the API's notation (<c>lead.linkedin_id</c>, <c>filter.ids</c>); empty for the request as a whole.</param>
/// <param name="Detail">What is wrong, in a sentence.</param>
/// <param name="Rejects">Whether the API would refuse the request for it (a 422).</param>
public sealed record ContractViolation(string Source, string Rule, string Field, string Detail, bool Rejects = false)
{
    public const string RequestSource = "request";
    public const string SandboxSource = "sandbox";

    /// <summary>Declared beforehand by a test that provokes it on purpose.</summary>
    public bool Expected { get; init; }

    internal void WriteTo(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("source", Source);
        w.WriteString("rule", Rule);
        w.WriteString("field", Field);
        w.WriteString("detail", Detail);
        w.WriteBoolean("rejected", Rejects);
        w.WriteBoolean("expected", Expected);
        w.WriteEndObject();
    }
}
