using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Data sources (import jobs) and their record counts.</summary>
internal sealed partial class GrinfiApi
{
    private const string DataSources = "/leads/api/data-sources";

    /// <summary>Every data source of the team.</summary>
    public Task<IReadOnlyList<GrinfiDataSource>> GetDataSourcesAsync(CallContext ctx) =>
        GetAllPagesAsync(DataSources, null, "data sources", j => Attach(new GrinfiDataSource(j)), ctx);

    /// <summary>
    /// Record counts per data source, keyed by UUID: one request (a PUT that only reads) per 100.
    /// A data source the answer says nothing about is not in the result.
    /// </summary>
    public Task<IReadOnlyDictionary<string, JsonObject>> GetDataSourceMetricsAsync(IReadOnlyCollection<string> uuids, CallContext ctx) =>
        GetMetricsByUuidAsync(uuids, body => GrinfiRequest.Put(DataSources + "/metrics", body), "data source metrics", ctx);
}
