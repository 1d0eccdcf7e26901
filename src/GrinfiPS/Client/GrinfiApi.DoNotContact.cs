using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// The do-not-contact lists (the API's blacklists) of people and of companies: read page by
/// page (with no search: callers compare), add one identifier per entry, delete by the entry's UUID.
/// </summary>
internal sealed partial class GrinfiApi
{
    private const string PeopleBlacklist = "/leads/api/leads-blacklist";
    private const string CompaniesBlacklist = "/leads/api/companies-blacklist";

    public CollectionPager<GrinfiDoNotContact> DoNotContactPages() =>
        new((limit, offset, ctx) => ReadPageAsync(PeopleBlacklist, Paging(limit, offset), "do-not-contact entries", j => Attach(new GrinfiDoNotContact(j)), ctx),
            "the do-not-contact list");

    public CollectionPager<GrinfiCompanyDoNotContact> CompanyDoNotContactPages() =>
        new((limit, offset, ctx) => ReadPageAsync(CompaniesBlacklist, Paging(limit, offset), "company do-not-contact entries", j => Attach(new GrinfiCompanyDoNotContact(j)), ctx),
            "the do-not-contact list of companies");

    /// <summary>Adds an entry for an email or LinkedIn handle; never sent twice (a retry could add a second entry).</summary>
    public async Task<GrinfiDoNotContact> AddDoNotContactAsync(BlockedValue value, CallContext ctx) =>
        Attach(new GrinfiDoNotContact(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(PeopleBlacklist, value.Body()), ctx).ConfigureAwait(false), "a new do-not-contact entry")));

    /// <summary>Adds an entry for a company domain; never sent twice.</summary>
    public async Task<GrinfiCompanyDoNotContact> AddCompanyDoNotContactAsync(BlockedValue value, CallContext ctx) =>
        Attach(new GrinfiCompanyDoNotContact(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(CompaniesBlacklist, value.Body()), ctx).ConfigureAwait(false), "a new company do-not-contact entry")));

    public Task DeleteDoNotContactAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(PeopleBlacklist, uuid)), ctx);

    public Task DeleteCompanyDoNotContactAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(CompaniesBlacklist, uuid)), ctx);
}
