using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Automations per contact: add one contact (existing, or created on the way), cancel it from
/// some or all automations, resume it, clear its history, read the flow-lead records, and the
/// automations' current-state metrics.
/// </summary>
internal sealed partial class GrinfiApi
{
    private const string FlowLeadsList = "/flows/api/flows-leads/list";

    /// <summary>Adds an existing contact to an automation, from the start of the sequence (204; 404 when either is unknown).</summary>
    /// <remarks>Never retried: a second add may start the contact over.</remarks>
    public Task AddLeadToAutomationAsync(string flowUuid, string leadUuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Create(ApiPath.Of(Flows, flowUuid, "leads", leadUuid), null), ctx);

    /// <summary>
    /// Creates the contact (or matches an existing one) and adds it to an automation. True when
    /// added (204); false when the server skipped it because it exists (200 with reason skipped).
    /// </summary>
    /// <remarks>Never retried: a resent request may add the contact twice.</remarks>
    public async Task<bool> AddNewLeadToAutomationAsync(string flowUuid, AutomationNewLead lead, CallContext ctx)
    {
        var response = await Http.SendAsync(GrinfiRequest.Create(ApiPath.Of(Flows, flowUuid, "add-new-lead"), lead.Body()), ctx).ConfigureAwait(false);
        // The document: 204 for added, 200 {reason: skipped} for skipped; whatever a 200 says, it is the skip.
        return response.StatusCode != 200;
    }

    /// <summary>Cancels a contact's progress in the given automations.</summary>
    public Task CancelLeadFromAutomationsAsync(string leadUuid, IReadOnlyCollection<string> flowUuids, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Put(ApiPath.Of(Flows, "leads", leadUuid, "cancel"), new JsonObject { ["flow_uuids"] = JsonFormat.Array(flowUuids) }), ctx);

    /// <summary>Cancels a contact's progress in every automation it runs in.</summary>
    public Task CancelLeadFromAllAutomationsAsync(string leadUuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Put(ApiPath.Of(Flows, "leads", leadUuid, "cancel-all"), null), ctx);

    /// <summary>Resumes a contact's paused automation (200, no body, whether anything was paused or not).</summary>
    public Task ContinueAutomationAsync(string leadUuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Put("/flows/api/tasks/continue-automation", new JsonObject { ["lead_uuid"] = leadUuid }), ctx);

    /// <summary>Deletes every flow-lead record of a contact (204; 404 when it has none).</summary>
    public Task DeleteAutomationHistoryAsync(string leadUuid, CallContext ctx) =>
        Http.SendAsync(GrinfiRequest.Delete(ApiPath.Of(Flows, "leads", leadUuid)), ctx);

    /// <summary>One page of flow-lead records: the body the list takes, the answer as the server stated it.</summary>
    internal async Task<ApiPage<GrinfiAutomationLead>> ListAutomationLeadsAsync(AutomationLeadQuery query, int offset, int limit, CallContext ctx) =>
        ApiPage<GrinfiAutomationLead>.From(await Http.SendJsonAsync(GrinfiRequest.Read(FlowLeadsList, query.Body(offset, limit)), ctx).ConfigureAwait(false),
            "a page of automation contacts", j => Attach(new GrinfiAutomationLead(j)));

    /// <summary>
    /// Current-state metrics per automation, keyed by UUID: one request per 100 automations.
    /// An automation the answer says nothing about is not in the result.
    /// </summary>
    public Task<IReadOnlyDictionary<string, JsonObject>> GetAutomationMetricsAsync(IReadOnlyCollection<string> uuids, CallContext ctx) =>
        GetMetricsByUuidAsync(uuids, body => GrinfiRequest.Read(Flows + "/metrics", body), "automation metrics", ctx);

    /// <summary>
    /// Metrics keyed by UUID, read 100 UUIDs a request (<c>{"uuids": [...]}</c>, answered
    /// <c>{uuid: {...}}</c>); keys the request did not ask for are left out.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, JsonObject>> GetMetricsByUuidAsync(IReadOnlyCollection<string> uuids, Func<JsonObject, GrinfiRequest> request,
        string what, CallContext ctx)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in Chunks(uuids, 100))
        {
            var json = await Http.SendJsonAsync(request(new JsonObject { ["uuids"] = JsonFormat.Array(chunk) }), ctx).ConfigureAwait(false);
            if (json is not JsonObject map)
            {
                throw ApiJson.Unexpected(what, json);
            }
            foreach (var pair in map)
            {
                if (pair.Value is JsonObject metrics && chunk.Contains(pair.Key, StringComparer.OrdinalIgnoreCase))
                {
                    result[pair.Key] = metrics;
                }
            }
        }
        return result;
    }

    /// <summary>The items in groups of at most <paramref name="size"/>, each distinct (case-insensitive).</summary>
    private static IEnumerable<List<string>> Chunks(IEnumerable<string> items, int size) =>
        items.Distinct(StringComparer.OrdinalIgnoreCase).Select((u, i) => (u, i)).GroupBy(x => x.i / size, x => x.u).Select(g => g.ToList());
}
