using System;
using GrinfiPS.Client;
using GrinfiPS.Leads;

namespace GrinfiPS.DoNotContact;

/// <summary>
/// Turns what a user gives into <see cref="BlockedValue"/>s, checked for shape before anything
/// is sent: an email that is not one, a LinkedIn value that is no person's profile, a domain
/// that is not a host is an error naming the value and the forms accepted.
/// </summary>
internal static class BlockedValues
{
    /// <summary>An email address.</summary>
    /// <exception cref="GrinfiException">GrinfiInvalidEmail.</exception>
    public static BlockedValue Email(string? value, object? target) =>
        EmailAddresses.TryParse(value, out var address, out var problem)
            ? BlockedValue.Email(address)
            : throw GrinfiException.InvalidInput("GrinfiInvalidEmail", $"'{value}' is not an email address: {problem}.", target ?? value,
                "Give an address such as jane.doe@acme.com.");

    /// <summary>
    /// A person's LinkedIn profile as the do-not-contact list keeps it: the public handle. A
    /// member id or Sales Navigator id is refused for adding (the API's add takes a handle
    /// only), but found when searching (<paramref name="forSearch"/>: entries carry ln_id).
    /// </summary>
    /// <exception cref="GrinfiException">GrinfiInvalidLinkedInId, or GrinfiLinkedInHandleRequired for an id that cannot be added.</exception>
    public static BlockedValue LinkedIn(string? value, object? target, bool forSearch)
    {
        if (!LinkedInIds.TryParse(value, out var id, out var problem))
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidLinkedInId",
                $"'{value}' is not a LinkedIn profile: {problem}. Accepted: {LinkedInIds.AcceptedForms}.", target ?? value,
                "Give the person's linkedin.com/in/ URL or handle.");
        }
        if (id!.Kind == LinkedInIdKind.Handle)
        {
            return BlockedValue.LinkedIn(id.Value);
        }
        if (forSearch && id.Kind == LinkedInIdKind.MemberId)
        {
            return BlockedValue.MemberId(id.Value);
        }
        throw GrinfiException.InvalidInput("GrinfiLinkedInHandleRequired",
            $"'{value}' is a LinkedIn {(id.Kind == LinkedInIdKind.MemberId ? "member id" : id.Kind == LinkedInIdKind.SalesNavigatorId ? "Sales Navigator id" : "numeric member id")}, " +
            "and the do-not-contact list takes a public handle (the linkedin.com/in/<handle> part of a profile address).",
            target ?? value,
            "Give the profile's linkedin.com/in/ address or handle, or pipe the contact (Get-GrinfiLead -LinkedInId ... | Add-GrinfiDoNotContact) to block its handle and emails.");
    }

    /// <summary>A company's web domain: "acme.com", or a website address whose host is taken ("https://www.acme.com/about" → acme.com).</summary>
    /// <exception cref="GrinfiException">GrinfiInvalidDomain.</exception>
    public static BlockedValue Domain(string? value, object? target) =>
        CellValues.TryGetHost(value, out var host, out var problem)
            ? BlockedValue.Domain(host)
            : throw GrinfiException.InvalidInput("GrinfiInvalidDomain", $"'{value}' is not a company domain: {problem}.", target ?? value,
                "Give a domain such as acme.com, or the company's website address.");

    /// <summary>What a piped text is: an email (it has an @), a linkedin.com address, or neither (null).</summary>
    public static string? KindOfText(string text) =>
        text.IndexOf('@') > 0 && text.IndexOf('/') < 0 ? BlockedValue.EmailField
        : text.IndexOf("linkedin.com", StringComparison.OrdinalIgnoreCase) >= 0 ? BlockedValue.LinkedInField
        : null;
}
