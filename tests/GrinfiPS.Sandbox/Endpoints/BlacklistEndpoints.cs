using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// The do-not-contact lists (the API's blacklists) of people and of companies: paged with
/// <c>{data, limit, offset, total, has_more}</c> (the document shows all five), add an entry,
/// delete one by UUID. The API has no search on them, and adding a value twice makes two
/// entries (the document promises no deduplication).
/// </summary>
internal static class BlacklistEndpoints
{
    private const string People = "/leads/api/leads-blacklist";
    private const string Companies = "/leads/api/companies-blacklist";

    public static void Map(Router r)
    {
        r.Map("GET", People, req => List(req, company: false));
        r.Map("POST", People, req => Add(req, company: false));
        r.Map("DELETE", People + "/{uuid}", req => Delete(req, company: false));
        r.Map("GET", Companies, req => List(req, company: true));
        r.Map("POST", Companies, req => Add(req, company: true));
        r.Map("DELETE", Companies + "/{uuid}", req => Delete(req, company: true));
    }

    private static List<BlacklistEntry> Entries(TeamStore store, bool company) => company ? store.CompaniesBlacklist : store.PeopleBlacklist;

    private static ApiResult List(ApiRequest req, bool company)
    {
        var errors = new ValidationErrors();
        var (limit, offset) = EndpointSupport.PagingFromQuery(req.Query, req.Sandbox.Options.MaxPageSize, errors);
        if (errors.Any) return errors.ToResult();
        var store = req.Team;
        lock (store.Gate)
        {
            return EndpointSupport.Page(Entries(store, company).ToList(), limit, offset, e => e.ToJson(), PageFields.All);
        }
    }

    private static ApiResult Add(ApiRequest req, bool company)
    {
        var body = req.Object();
        var errors = new ValidationErrors();
        var name = EndpointSupport.OptionalString(body, "name", errors);
        var linkedin = EndpointSupport.OptionalString(body, "linkedin", errors);
        var email = company ? null : EndpointSupport.OptionalString(body, "email", errors);
        var companyName = company ? null : EndpointSupport.OptionalString(body, "company_name", errors);
        var domain = company ? EndpointSupport.OptionalString(body, "domain", errors) : null;
        if (errors.Any) return errors.ToResult();
        if (name is null && linkedin is null && email is null && domain is null)
        {
            return errors.Add(company ? "domain" : "email", company
                ? "Provide a LinkedIn handle, a domain or a name."
                : "Provide a LinkedIn handle, an email or a name.").ToResult();
        }
        var store = req.Team;
        lock (store.Gate)
        {
            var entry = new BlacklistEntry
            {
                Uuid = EndpointSupport.NewUuid(), TeamId = store.TeamId, UserId = store.User.Id, Company = company,
                Name = name, CompanyName = companyName, Linkedin = linkedin, Email = email, Domain = domain?.ToLowerInvariant(), CreatedAt = store.Now(),
            };
            Entries(store, company).Add(entry);
            return ApiResult.Json(entry.ToJson(), 201);
        }
    }

    private static ApiResult Delete(ApiRequest req, bool company)
    {
        var store = req.Team;
        lock (store.Gate)
        {
            var removed = Entries(store, company).RemoveAll(e => string.Equals(e.Uuid, req.Id, StringComparison.OrdinalIgnoreCase));
            return removed == 0 ? ApiErrors.NotFound("Entry") : ApiResult.NoContent();
        }
    }
}
