using GrinfiPS.Client;
using GrinfiPS.Leads;

namespace GrinfiPS.Tests;

public sealed class LinkedInIdsTests
{
    private const string MemberId = "ACoAAAB6GuQBOXo75numqJfM9u08uHgjOSo4p9U";
    private const string SalesId = "ACwAAAB6GuQBEz2TMHbG4sa7Nw5wSi7cJXMQkPI";

    [Theory]
    [InlineData("john-doe-123456", "john-doe-123456")]
    [InlineData("John-Doe", "john-doe")]
    [InlineData("  john-doe  ", "john-doe")]
    [InlineData("jörg-müller", "jörg-müller")]
    [InlineData("j%C3%B6rg-m%C3%BCller", "jörg-müller")]
    [InlineData("владимир-петров", "владимир-петров")]
    [InlineData("李明-1a2b3c", "李明-1a2b3c")]
    [InlineData("https://www.linkedin.com/in/john-doe", "john-doe")]
    [InlineData("http://www.linkedin.com/in/john-doe", "john-doe")]
    [InlineData("https://linkedin.com/in/john-doe", "john-doe")]
    [InlineData("linkedin.com/in/john-doe", "john-doe")]
    [InlineData("www.linkedin.com/in/John-Doe/", "john-doe")]
    [InlineData("https://uk.linkedin.com/in/john-doe", "john-doe")]
    [InlineData("https://de.linkedin.com/in/jörg-müller/", "jörg-müller")]
    [InlineData("https://m.linkedin.com/in/john-doe", "john-doe")]
    [InlineData("https://www.linkedin.com/mwlite/in/john-doe", "john-doe")]
    [InlineData("https://www.linkedin.com/comm/in/john-doe", "john-doe")]
    [InlineData("https://www.linkedin.com/in/john-doe/?originalSubdomain=uk", "john-doe")]
    [InlineData("https://www.linkedin.com/in/john-doe?utm_source=share&utm_medium=ios_app#about", "john-doe")]
    [InlineData("https://www.linkedin.com/in/john-doe/en", "john-doe")]
    [InlineData("https://www.linkedin.com/in/john-doe/details/experience/", "john-doe")]
    [InlineData("https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller-4a5b6c/", "jörg-müller-4a5b6c")]
    [InlineData("/in/john-doe", "john-doe")]
    [InlineData("https://www.linkedin.com/pub/john-doe/6/a07/b59", "john-doe-b59a076")]
    [InlineData("https://www.linkedin.com/pub/john-doe/1a/2/34", "john-doe-0340021a")]
    public void Reads_handles_and_profile_urls(string given, string handle)
    {
        var id = LinkedInIds.Parse(given);

        Assert.Equal(LinkedInIdKind.Handle, id.Kind);
        Assert.Equal(handle, id.Value);
        Assert.Equal("linkedin", id.Field);
    }

    [Theory]
    [InlineData(MemberId, MemberId, "MemberId")]
    [InlineData(SalesId, SalesId, "SalesNavigatorId")]
    [InlineData("https://www.linkedin.com/in/" + MemberId + "/", MemberId, "MemberId")]
    [InlineData("https://www.linkedin.com/sales/lead/" + SalesId + ",NAME_SEARCH,x1Yz", SalesId, "SalesNavigatorId")]
    [InlineData("https://www.linkedin.com/sales/lead/" + SalesId + "%2CNAME_SEARCH%2Cx1Yz", SalesId, "SalesNavigatorId")]
    [InlineData("https://www.linkedin.com/sales/people/" + SalesId + ",name", SalesId, "SalesNavigatorId")]
    [InlineData("https://www.linkedin.com/profile/view?id=" + MemberId + "&trk=x", MemberId, "MemberId")]
    [InlineData("https://www.linkedin.com/profile/view?id=12345678", "12345678", "NumericMemberId")]
    [InlineData("https://www.linkedin.com/in/12345678", "12345678", "NumericMemberId")]
    [InlineData("12345678", "12345678", "NumericMemberId")]
    public void Reads_member_ids_and_says_which_kind(string given, string value, string kind)
    {
        var id = LinkedInIds.Parse(given);

        Assert.Equal(kind, id.Kind.ToString());
        Assert.Equal(value, id.Value);
    }

    [Fact]
    public void Member_ids_keep_their_case_and_name_their_field()
    {
        Assert.Equal("ln_id", LinkedInIds.Parse(MemberId).Field);
        Assert.Equal("sn_id", LinkedInIds.Parse(SalesId).Field);
        Assert.Null(LinkedInIds.Parse("12345").Field);
        // Lower-cased, the id is no longer LinkedIn's: it reads as a handle, and is not the member.
        Assert.Equal(LinkedInIdKind.Handle, LinkedInIds.Parse(MemberId.ToLowerInvariant()).Kind);
    }

    [Theory]
    [InlineData("https://twitter.com/foo", "twitter.com")]
    [InlineData("twitter.com/foo", "twitter.com")]
    [InlineData("https://www.linkedin.com.evil.example/in/foo", "linkedin.com.evil.example")]
    [InlineData("https://notlinkedin.com/in/foo", "notlinkedin.com")]
    [InlineData("https://www.linkedin.com/company/acme", "company page")]
    [InlineData("https://www.linkedin.com/company/acme/", "company page")]
    [InlineData("https://www.linkedin.com/school/mit", "company page")]
    [InlineData("https://www.linkedin.com/jobs/view/3912345678", "job posting")]
    [InlineData("https://www.linkedin.com/feed/update/urn:li:activity:1", "post")]
    [InlineData("https://www.linkedin.com/sales/company/1234", "Sales Navigator page")]
    [InlineData("https://www.linkedin.com/sales/lead/not-an-id,NAME_SEARCH", "not-an-id")]
    [InlineData("https://www.linkedin.com/pub/dir/john/doe", "people search")]
    [InlineData("https://www.linkedin.com/pub/john-doe", "/pub/")]
    [InlineData("https://www.linkedin.com/in/", "no handle")]
    [InlineData("https://www.linkedin.com/", "home page")]
    [InlineData("https://www.linkedin.com/profile/view?trk=x", "id=")]
    [InlineData("john@example.com", "e-mail")]
    [InlineData("mailto:john@example.com", "e-mail")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("John Doe", "white space")]
    [InlineData("jo", "3 to 100")]
    [InlineData("john_doe", "'_'")]
    [InlineData("@johndoe", "'@'")]
    [InlineData("---", "letters or digits")]
    public void Refuses_anything_else_naming_the_value(string? given, string why)
    {
        Assert.False(LinkedInIds.TryParse(given, out var id, out var problem));
        Assert.Null(id);
        Assert.Contains(why, problem);

        var error = Assert.Throws<GrinfiException>(() => LinkedInIds.Parse(given));
        Assert.Equal("GrinfiInvalidLinkedInId", error.ErrorId);
        Assert.Contains($"'{given}'", error.Message);
        Assert.Contains("/in/<handle>", error.Message);
        Assert.Equal(given, error.TargetObject);
    }

    [Theory]
    [InlineData("https://www.linkedin.com/in/John-Doe/", "john-doe")]
    [InlineData("linkedin.com/in/john-doe?trk=abc", "https://uk.linkedin.com/in/JOHN-DOE")]
    [InlineData("https://de.linkedin.com/in/j%C3%B6rg-m%C3%BCller", "jörg-müller")]
    [InlineData("https://www.linkedin.com/pub/john-doe/6/a07/b59", "john-doe-b59a076")]
    [InlineData("https://www.linkedin.com/sales/lead/" + SalesId + ",NAME_SEARCH,abc", SalesId)]
    [InlineData("https://www.linkedin.com/in/" + MemberId, MemberId)]
    public void Tells_the_same_profile_in_different_forms(string a, string b)
    {
        Assert.True(LinkedInIds.SameProfile(a, b));
        Assert.True(LinkedInIds.SameProfile(b, a));
    }

    [Theory]
    [InlineData("john-doe", "john-doe-1")]
    [InlineData("john-doe", MemberId)]
    [InlineData(MemberId, SalesId)]
    [InlineData("john-doe", "https://twitter.com/john-doe")]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void Does_not_call_different_or_unknowable_profiles_the_same(string? a, string? b)
    {
        Assert.False(LinkedInIds.SameProfile(a, b));
    }

    [Fact]
    public void Gives_each_kind_a_profile_url()
    {
        Assert.Equal("https://www.linkedin.com/in/j%C3%B6rg/", LinkedInIds.Parse("Jörg").Url);
        Assert.Equal($"https://www.linkedin.com/sales/lead/{SalesId}", LinkedInIds.Parse(SalesId).Url);
        Assert.Equal(LinkedInIds.Parse(MemberId).Value, LinkedInIds.Parse(LinkedInIds.Parse(MemberId).Url).Value);
    }
}
