using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Pipeline stages.</summary>
internal sealed partial class GrinfiApi
{
    public async Task<IReadOnlyList<GrinfiPipelineStage>> GetPipelineStagesAsync(string objectType, CallContext ctx)
    {
        var query = new[] { new KeyValuePair<string, string>("filter", new JsonObject { ["object"] = objectType }.ToJsonString()) };
        var json = await Http.SendJsonAsync(GrinfiRequest.Get(Stages, query), ctx).ConfigureAwait(false);
        return ApiJson.Items(json, "pipeline stages").Select(j => Attach(new GrinfiPipelineStage(j)))
            .OrderBy(s => s.Order ?? int.MaxValue).ToList();
    }

    public async Task<GrinfiPipelineStage> CreatePipelineStageAsync(string name, string objectType, string category, int? order, CallContext ctx)
    {
        var body = new JsonObject { ["name"] = name, ["object"] = objectType, ["category"] = category };
        if (order is int o)
        {
            body["order"] = o;
        }
        return Attach(new GrinfiPipelineStage(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Create(Stages, body), ctx).ConfigureAwait(false), "a new pipeline stage")));
    }

    public async Task<GrinfiPipelineStage> UpdatePipelineStageAsync(string uuid, string? name, string? category, int? order, CallContext ctx)
    {
        var body = Changes(("name", name), ("category", category));
        if (order is int o)
        {
            body["order"] = o;
        }
        return Attach(new GrinfiPipelineStage(ApiJson.Single(await Http.SendJsonAsync(GrinfiRequest.Put(ApiPath.Of(Stages, uuid), body), ctx).ConfigureAwait(false), "an updated pipeline stage")));
    }

    public Task DeletePipelineStageAsync(string uuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Stages, uuid)), ctx);
}
