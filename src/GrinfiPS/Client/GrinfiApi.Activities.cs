using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Activities: the timeline of a contact or a company.</summary>
internal sealed partial class GrinfiApi
{
    private const string Activities = "/leads/api/activities";

    /// <summary>
    /// The activities a query selects, oldest first (or newest first), page by page. An
    /// activity outside the filter ends the read with GrinfiFilterIgnored: a server that drops
    /// the filter would otherwise pass off the team's whole history as one contact's.
    /// </summary>
    public CollectionPager<GrinfiActivity> ActivityPages(ActivityQuery query, bool descending, PageSizes? sizes = null)
    {
        var filter = query.FilterText();
        var what = query.ObjectUuid is null ? "the activities" : $"the activities of {query.ApiObject} {query.ObjectUuid}";
        return new CollectionPager<GrinfiActivity>(async (limit, offset, ctx) =>
        {
            var q = Paging(limit, offset, ascending: !descending);
            q.Add(new("filter", filter));
            var page = await ReadPageAsync(Activities, q, "activities", j => Attach(new GrinfiActivity(j)), ctx).ConfigureAwait(false);
            foreach (var activity in page.Items)
            {
                if (query.Admits(activity) is { } why)
                {
                    throw PageGuard.FilterIgnored(what, $"activity {activity.Uuid}", why);
                }
            }
            return page;
        }, what, sizes: sizes);
    }

    /// <summary>Records an activity; never sent twice (a retry would record it twice).</summary>
    public async Task<GrinfiActivity> CreateActivityAsync(string apiObject, string objectUuid, string type, JsonObject? payload, CallContext ctx)
    {
        var body = new JsonObject { ["object_uuid"] = objectUuid, ["object_type"] = apiObject, ["type"] = type };
        if (payload is not null)
        {
            body["payload"] = payload;
        }
        return Attach(new GrinfiActivity(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(Activities, body), ctx).ConfigureAwait(false), "a new activity")));
    }
}
