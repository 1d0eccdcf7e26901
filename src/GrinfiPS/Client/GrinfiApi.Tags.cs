using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Tags.</summary>
internal sealed partial class GrinfiApi
{
    public async Task<IReadOnlyList<GrinfiTag>> GetTagsAsync(CallContext ctx) =>
        ApiJson.Items(await Http.SendJsonAsync(GrinfiRequest.Get(Tags), ctx).ConfigureAwait(false), "tags")
            .Select(j => Attach(new GrinfiTag(j))).ToList();

    public async Task<GrinfiTag> CreateTagAsync(string name, string? color, CallContext ctx) =>
        Attach(new GrinfiTag(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(Tags, Changes(("name", name), ("color", color))), ctx).ConfigureAwait(false), "a new tag")));

    public async Task<GrinfiTag> UpdateTagAsync(string uuid, string? name, string? color, CallContext ctx) =>
        Attach(new GrinfiTag(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Tags, uuid), Changes(("name", name), ("color", color))), ctx).ConfigureAwait(false), "an updated tag")));

    public Task DeleteTagAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Tags, uuid)), ctx);
}
