using System;
using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>
/// One identifier on a do-not-contact list, checked and normalised (see
/// <c>DoNotContact.BlockedValues</c>): an email, a LinkedIn handle or member id, or a company
/// domain. An entry is added for each identifier on its own (see Add-GrinfiDoNotContact).
/// </summary>
internal sealed class BlockedValue : IEquatable<BlockedValue>
{
    public const string EmailField = "email";
    public const string LinkedInField = "linkedin";
    public const string MemberIdField = "ln_id";
    public const string DomainField = "domain";

    private BlockedValue(string field, string value)
    {
        Field = field;
        Value = value;
    }

    /// <summary>The entry field that holds it: email, linkedin, ln_id or domain.</summary>
    public string Field { get; }

    public string Value { get; }

    /// <summary>Whether an entry can be added for it: the API's add takes email, linkedin and domain, not a member id.</summary>
    public bool CanAdd => Field != MemberIdField;

    /// <summary>"email jane@acme.com", "LinkedIn john-doe", "domain acme.com", for prompts and messages.</summary>
    public string Label => Field switch
    {
        EmailField => $"email {Value}",
        LinkedInField or MemberIdField => $"LinkedIn {Value}",
        _ => $"domain {Value}",
    };

    public static BlockedValue Email(string address) => new(EmailField, address);

    public static BlockedValue LinkedIn(string handle) => new(LinkedInField, handle);

    public static BlockedValue MemberId(string id) => new(MemberIdField, id);

    public static BlockedValue Domain(string host) => new(DomainField, host);

    /// <summary>The body that adds an entry for this value alone.</summary>
    public JsonObject Body() => new() { [Field] = Value };

    public bool Equals(BlockedValue? other) =>
        other is not null && Field == other.Field
        && string.Equals(Value, other.Value, Field == MemberIdField ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => Equals(obj as BlockedValue);

    public override int GetHashCode() =>
        Field.GetHashCode() ^ (Field == MemberIdField ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase).GetHashCode(Value);

    public override string ToString() => Label;
}
