using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Custom field definitions.</summary>
internal sealed partial class GrinfiApi
{
    /// <summary>The most custom fields a team can have: the vendor documents at most 100 per object type (lead, company).</summary>
    internal const int MostCustomFields = 200;

    /// <summary>
    /// Every custom field definition (lead and company). The collection states no total; at most
    /// 100 fields per object type exist, which bounds the read: more than 200 is a server
    /// inventing items, whatever it claims.
    /// </summary>
    public Task<IReadOnlyList<GrinfiCustomField>> GetCustomFieldsAsync(CallContext ctx) =>
        GetAllPagesAsync(CustomFields, null, "custom fields", j => Attach(new GrinfiCustomField(j)), ctx,
            new PageGuard("custom fields", CollectionPageSize, MostCustomFields, "the vendor allows at most 100 per object type, lead and company"));

    public async Task<GrinfiCustomField> CreateCustomFieldAsync(string name, string objectType, int? order, CallContext ctx)
    {
        var body = new JsonObject { ["name"] = name, ["object"] = objectType };
        if (order is int o)
        {
            body["order"] = o;
        }
        return Attach(new GrinfiCustomField(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(CustomFields, body), ctx).ConfigureAwait(false), "a new custom field")));
    }

    public async Task<GrinfiCustomField> UpdateCustomFieldAsync(string uuid, string? name, int? order, CallContext ctx)
    {
        var body = Changes(("name", name));
        if (order is int o)
        {
            body["order"] = o;
        }
        return Attach(new GrinfiCustomField(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(CustomFields, uuid), body), ctx).ConfigureAwait(false), "an updated custom field")));
    }

    /// <summary>Deletes a custom field definition and every value of it.</summary>
    public Task DeleteCustomFieldAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(CustomFields, uuid)), ctx);
}
