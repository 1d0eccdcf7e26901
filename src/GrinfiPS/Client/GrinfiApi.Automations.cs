using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>Automations (the API's flows).</summary>
internal sealed partial class GrinfiApi
{
    public async Task<IReadOnlyList<GrinfiAutomation>> GetAutomationsAsync(string? status, CallContext ctx)
    {
        var all = await GetAllPagesAsync(Flows, status is null ? null : new[] { new KeyValuePair<string, string>("filter[status]", status) },
            "automations", j => Attach(new GrinfiAutomation(j)), ctx).ConfigureAwait(false);
        // An automation of another status means the server ignored the filter: none may pass as "on".
        if (status is not null && all.FirstOrDefault(a => !string.Equals(a.Status, status, StringComparison.OrdinalIgnoreCase)) is { } stray)
        {
            throw PageGuard.FilterIgnored("automations", $"automation '{stray.Name}' ({stray.Uuid})", $"its status is {stray.Status ?? "empty"}, where the filter asked for {status}");
        }
        return all;
    }
}
