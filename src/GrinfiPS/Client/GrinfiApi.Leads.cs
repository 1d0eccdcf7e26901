using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Contacts: search, count, get, look up, upsert, update, delete, mass actions, custom-field values.</summary>
internal sealed partial class GrinfiApi
{
    public async Task<ApiPage<GrinfiLead>> SearchLeadsAsync(LeadQuery query, CallContext ctx) =>
        ApiPage<GrinfiLead>.From(await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/search", query.Body()), ctx).ConfigureAwait(false),
            "a lead search", Lead);

    /// <summary>
    /// How many contacts a selection holds. A filter is counted by a one-contact search that
    /// reads its total: the count endpoint takes ids or all, and an <c>all: true</c> that might
    /// ignore the filter must never inflate a delete prompt.
    /// </summary>
    public async Task<long> CountLeadsAsync(ContactSelection selection, CallContext ctx)
    {
        if (selection.Kind == ContactSelection.SelectionKind.Filter)
        {
            var page = await SearchLeadsAsync(new LeadQuery(selection.Filter, 1) { DisableAggregation = true }, ctx).ConfigureAwait(false);
            // The one contact that comes with the total tells whether the filter was applied:
            // a total of every contact must not pass for the count of a list (or a delete prompt).
            if (page.Items.FirstOrDefault() is { } sample && FilterAlgebra.ViolatedField(selection.Filter, sample.Json) is string field)
            {
                throw PageGuard.FilterIgnored("the count of the contacts a filter selects", $"contact {sample.Uuid}",
                    $"its {field} is {JsonRead.AsString(sample.Json[field]!) ?? sample.Json[field]?.ToJsonString() ?? "empty"}, which the filter does not allow");
            }
            return page.Total ?? throw new GrinfiApiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiCountUnavailable",
                "The search answer states no total, so the contacts a filter selects cannot be counted.");
        }
        var body = selection.Kind == ContactSelection.SelectionKind.All
            ? new JsonObject { ["all"] = true }
            : new JsonObject { ["ids"] = JsonFormat.Array(selection.Ids), ["all"] = false };
        var json = await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/count", body), ctx).ConfigureAwait(false);
        return json is JsonObject obj && JsonRead.Int64(obj, "total") is long total
            ? total
            : throw ApiJson.Unexpected("a lead count", json);
    }

    /// <summary>
    /// The contacts of these UUIDs that exist, by UUID: "uuid IN (...)" searches of up to
    /// <paramref name="batch"/> each, not one request per contact.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, GrinfiLead>> GetLeadsAsync(IEnumerable<string> uuids, CallContext ctx, int batch = 100)
    {
        var found = new Dictionary<string, GrinfiLead>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in uuids.Distinct(StringComparer.OrdinalIgnoreCase).Select((u, i) => (u, i)).GroupBy(x => x.i / batch, x => x.u))
        {
            foreach (var lead in await SearchAllAsync(new JsonObject { ["uuid"] = JsonFormat.Array(chunk) }, chunk.Count(), "contacts by UUID", ctx).ConfigureAwait(false))
            {
                found[lead.Uuid] = lead;
            }
        }
        return found;
    }

    /// <summary>
    /// Every contact with the email as its work or its personal email, ignoring case: one search
    /// per field (the API has no OR), each answer checked against the email.
    /// </summary>
    public async Task<IReadOnlyList<GrinfiLead>> FindByEmailAsync(string email, CallContext ctx)
    {
        var values = new[] { email, email.ToLowerInvariant() }.Distinct(StringComparer.Ordinal).ToList();
        var all = new Dictionary<string, GrinfiLead>(StringComparer.OrdinalIgnoreCase);
        foreach (var field in new[] { "work_email", "personal_email" })
        {
            var filter = new JsonObject { [field] = values.Count == 1 ? JsonValue.Create(values[0]) : JsonFormat.Array(values) };
            foreach (var lead in await SearchAllAsync(filter, 1, $"contacts by {field}", ctx).ConfigureAwait(false))
            {
                all[lead.Uuid] = lead;
            }
        }
        return all.Values.Where(l => new[] { l.WorkEmail, l.PersonalEmail }.Any(e => string.Equals(e?.Trim(), email, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>
    /// Every contact a filter matches when they are known to be few (lookups by identifiers):
    /// pages of <paramref name="expected"/> (at least 100) by uuid, under the stall guard.
    /// </summary>
    public async Task<IReadOnlyList<GrinfiLead>> SearchAllAsync(JsonObject filter, int expected, string what, CallContext ctx)
    {
        var pager = new LeadPager(this, filter, "uuid", descending: false, firstPageSize: Math.Max(100, Math.Min(expected, LeadPager.MaxPageSize)),
            pageSize: LeadPager.MaxPageSize, wanted: null, what: what);
        var all = new List<GrinfiLead>();
        while (true)
        {
            var page = await pager.NextAsync(ctx).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return all;
            }
            all.AddRange(page);
        }
    }

    public async Task<GrinfiLead> LookupLeadAsync(LeadLookup lookup, CallContext ctx) =>
        Lead(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Read(Leads + "/lookup-one", lookup.Body), ctx).ConfigureAwait(false), "a lead lookup"));

    /// <summary>Creates or updates a contact; the answer is the contact (200 for both, per the vendor).</summary>
    /// <remarks>Safe to retry: a resent upsert matches the contact the first one made.</remarks>
    public async Task<GrinfiLead> UpsertLeadAsync(LeadUpsert upsert, CallContext ctx)
    {
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Post, Leads + "/upsert") { Body = upsert.Body(), Idempotent = true };
        return Lead(ApiJson.Single(await Http.SendJsonAsync(request, ctx).ConfigureAwait(false), "an upsert"));
    }

    public async Task<GrinfiLead> UpdateLeadAsync(string uuid, LeadUpdate update, CallContext ctx) =>
        Lead(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Leads, uuid), update.Body()), ctx).ConfigureAwait(false), "a lead update"));

    /// <summary>
    /// Runs a mass action on a selection of contacts, or of companies for a company action (the
    /// same selection forms). The vendor's answer is a 200 with no body; a server that says more
    /// (a count, data) is read, else Count is null.
    /// </summary>
    public async Task<MassActionAnswer> MassActionAsync(MassAction action, ContactSelection selection, CallContext ctx)
    {
        var path = (action.On == GrinfiObjectType.Company ? CompanyRoot : Leads) + "/mass-action";
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Put, path) { Body = action.Body(selection), Idempotent = action.Idempotent };
        var obj = await Http.SendJsonAsync(request, ctx).ConfigureAwait(false) as JsonObject;
        return new MassActionAnswer(obj is null ? null : JsonRead.Int64(obj, "count"), obj?["data"]);
    }

    /// <summary>Sets (null clears) one custom field of a contact or company; values are text, as the schema types them.</summary>
    public async Task SetCustomFieldValueAsync(string customFieldUuid, string objectType, string objectUuid, string? value, CallContext ctx)
    {
        var body = new JsonObject
        {
            ["custom_field_uuid"] = customFieldUuid,
            ["object_type"] = objectType,
            ["object_uuid"] = objectUuid,
            ["value"] = value,
        };
        var request = new GrinfiRequest(System.Net.Http.HttpMethod.Post, "/leads/api/custom-field-values") { Body = body, Idempotent = true };
        await Http.SendAsync(request, ctx).ConfigureAwait(false);
    }
}
