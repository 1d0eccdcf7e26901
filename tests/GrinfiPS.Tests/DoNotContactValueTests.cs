using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.DoNotContact;
using GrinfiPS.Model;

namespace GrinfiPS.Tests;

/// <summary>The values a do-not-contact list takes, checked before anything is sent, and how entries are found by them.</summary>
public sealed class DoNotContactValueTests
{
    [Theory]
    [InlineData("jane.doe@acme.com", "jane.doe@acme.com")]
    [InlineData("  Jane.Doe@ACME.com ", "Jane.Doe@acme.com")]
    [InlineData("mailto:jane@acme.com", "jane@acme.com")]
    [InlineData("o'brien+crm@mail.acme.co.uk", "o'brien+crm@mail.acme.co.uk")]
    [InlineData("jörg@Müller.de", null)]                     // a local part outside ASCII
    [InlineData("joerg@Müller.de", "joerg@müller.de")]
    [InlineData("joerg@xn--mller-kva.de", "joerg@xn--mller-kva.de")]
    public void Accepts_addresses_and_lower_cases_the_domain(string value, string? expected)
    {
        var ok = EmailAddresses.TryParse(value, out var address, out var problem);

        Assert.Equal(expected is not null, ok);
        if (expected is not null)
        {
            Assert.Equal(expected, address);
            Assert.Null(problem);
        }
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("jane", "it has no @")]
    [InlineData("jane@", "is not a domain name")]
    [InlineData("@acme.com", "nothing before the @")]
    [InlineData("jane@acme", "no top-level domain")]
    [InlineData("jane@@acme.com", "more than one @")]
    [InlineData("jane doe@acme.com", "white space")]
    [InlineData("Jane Doe <jane@acme.com>", "white space")]
    [InlineData("<jane@acme.com>", "angle brackets")]
    [InlineData("jane..doe@acme.com", "two in a row")]
    [InlineData(".jane@acme.com", "starts or ends with a dot")]
    [InlineData("jane@10.0.0.1", "IP address")]
    [InlineData("jane@-acme.com", "not a domain name")]
    [InlineData("jane,doe@acme.com", "holds ','")]
    [InlineData("https://www.linkedin.com/in/jane@x", "LinkedIn address")]
    public void Refuses_what_is_not_an_address_and_says_why(string value, string reason)
    {
        Assert.False(EmailAddresses.TryParse(value, out _, out var problem));
        Assert.Contains(reason, problem);
    }

    [Fact]
    public void An_invalid_email_is_an_error_naming_the_value_and_the_input()
    {
        var row = new object();

        var error = Assert.Throws<GrinfiException>(() => BlockedValues.Email("jane@acme", row));

        Assert.Equal("GrinfiInvalidEmail", error.ErrorId);
        Assert.Equal(GrinfiErrorKind.InvalidInput, error.Kind);
        Assert.Same(row, error.TargetObject);
        Assert.Contains("'jane@acme' is not an email address", error.Message);
    }

    [Theory]
    [InlineData("john-doe-123", "john-doe-123")]
    [InlineData("https://www.linkedin.com/in/John-Doe-123/", "john-doe-123")]
    [InlineData("uk.linkedin.com/in/jörg-müller?trk=x", "jörg-müller")]
    public void A_LinkedIn_profile_is_kept_as_its_handle(string value, string handle)
    {
        var blocked = BlockedValues.LinkedIn(value, null, forSearch: false);

        Assert.Equal(BlockedValue.LinkedInField, blocked.Field);
        Assert.Equal(handle, blocked.Value);
        Assert.Equal(new JsonObject { ["linkedin"] = handle }.ToJsonString(), blocked.Body().ToJsonString());
    }

    [Theory]
    [InlineData("ACoAAB1x2y3z4w5v6u7t8s9r0q", "GrinfiLinkedInHandleRequired")]
    [InlineData("https://www.linkedin.com/sales/lead/ACwAAB1x2y3z4w5v6u7t8s9r0q,NAME", "GrinfiLinkedInHandleRequired")]
    [InlineData("https://www.linkedin.com/company/acme", "GrinfiInvalidLinkedInId")]
    [InlineData("https://twitter.com/jane", "GrinfiInvalidLinkedInId")]
    public void Adding_takes_a_handle_only(string value, string errorId)
    {
        var error = Assert.Throws<GrinfiException>(() => BlockedValues.LinkedIn(value, null, forSearch: false));

        Assert.Equal(errorId, error.ErrorId);
    }

    [Fact]
    public void Searching_takes_a_member_id_too_and_matches_it_with_the_entry_s_ln_id()
    {
        var id = BlockedValues.LinkedIn("ACoAAB1x2y3z4w5v6u7t8s9r0q", null, forSearch: true);
        var entry = Entry(new JsonObject { ["ln_id"] = "ACoAAB1x2y3z4w5v6u7t8s9r0q" });

        Assert.Equal(BlockedValue.MemberIdField, id.Field);
        Assert.False(id.CanAdd);
        Assert.True(EntryMatch.Matches(entry, id));
        Assert.False(EntryMatch.Matches(entry, BlockedValues.LinkedIn("ACoAAB1x2y3z4w5v6u7t8s9r0Q", null, forSearch: true)));
    }

    [Theory]
    [InlineData("acme.com", "acme.com")]
    [InlineData("https://www.Acme.com/about?x=1", "acme.com")]
    [InlineData("shop.acme.co.uk", "shop.acme.co.uk")]
    public void A_domain_is_kept_as_a_host(string value, string host) =>
        Assert.Equal(host, BlockedValues.Domain(value, null).Value);

    [Theory]
    [InlineData("acme")]
    [InlineData("jane@acme.com")]
    [InlineData("not a domain")]
    [InlineData("ftp://acme.com")]
    [InlineData("https://www.linkedin.com/company/acme")]
    public void A_value_that_is_not_a_host_is_refused(string value) =>
        Assert.Equal("GrinfiInvalidDomain", Assert.Throws<GrinfiException>(() => BlockedValues.Domain(value, null)).ErrorId);

    [Fact]
    public void Entries_are_found_by_email_ignoring_case_by_profile_and_by_host()
    {
        var byEmail = Entry(new JsonObject { ["email"] = "Jane.Doe@ACME.com" });
        var byUrl = Entry(new JsonObject { ["linkedin"] = "https://www.linkedin.com/in/john-doe-123/" });
        var company = new GrinfiCompanyDoNotContact(new JsonObject { ["uuid"] = Guid.NewGuid().ToString("D"), ["domain"] = "www.acme.com" });

        Assert.True(EntryMatch.Matches(byEmail, BlockedValues.Email("jane.doe@acme.com", null)));
        Assert.False(EntryMatch.Matches(byEmail, BlockedValues.Email("jane@acme.com", null)));
        Assert.True(EntryMatch.Matches(byUrl, BlockedValues.LinkedIn("John-Doe-123", null, forSearch: true)));
        Assert.False(EntryMatch.Matches(byUrl, BlockedValues.Email("john-doe-123@acme.com", null)));
        Assert.True(EntryMatch.Matches(company, BlockedValues.Domain("https://acme.com/", null)));
        Assert.False(EntryMatch.Matches(company, BlockedValues.Domain("notacme.com", null)));
    }

    [Fact]
    public void A_contact_s_identifiers_are_its_emails_and_profile_and_match_an_entry_made_by_its_name()
    {
        var lead = new GrinfiLead(new JsonObject
        {
            ["uuid"] = Guid.NewGuid().ToString("D"), ["name"] = "Max Mustermann", ["company_name"] = "Beispiel GmbH",
            ["work_email"] = "max@beispiel.example", ["personal_email"] = "not an address", ["linkedin"] = "https://www.linkedin.com/in/max-mustermann",
            ["ln_id"] = "ACoAAB1x2y3z4w5v6u7t8s9r0q",
        });

        var who = PersonIdentifiers.Of(lead);

        Assert.Equal(new[] { "email max@beispiel.example", "LinkedIn max-mustermann", "LinkedIn ACoAAB1x2y3z4w5v6u7t8s9r0q" }, who.Values.Select(v => v.Label));
        Assert.Equal(new[] { true, true, false }, who.Values.Select(v => v.CanAdd));
        Assert.True(who.Matches(Entry(new JsonObject { ["name"] = "max mustermann", ["company_name"] = "BEISPIEL GMBH" })));
        Assert.True(who.Matches(Entry(new JsonObject { ["name"] = "Max Mustermann" })));
        Assert.False(who.Matches(Entry(new JsonObject { ["name"] = "Max Mustermann", ["company_name"] = "Other AG" })));
    }

    private static GrinfiDoNotContact Entry(JsonObject json)
    {
        json["uuid"] = Guid.NewGuid().ToString("D");
        return new GrinfiDoNotContact(json);
    }
}
