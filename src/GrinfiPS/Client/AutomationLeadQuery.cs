using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// Which flow-lead records to list: of these automations, these contacts, these statuses (each
/// empty for no condition). The one place that shapes the list's filter, and that tells whether
/// a record the server sent is one the filter allows.
/// </summary>
internal sealed class AutomationLeadQuery
{
    public AutomationLeadQuery(IEnumerable<string>? flowUuids = null, IEnumerable<string>? leadUuids = null, IEnumerable<string>? statuses = null)
    {
        FlowUuids = Distinct(flowUuids);
        LeadUuids = Distinct(leadUuids);
        Statuses = Distinct(statuses);
    }

    public IReadOnlyList<string> FlowUuids { get; }

    public IReadOnlyList<string> LeadUuids { get; }

    public IReadOnlyList<string> Statuses { get; }

    /// <summary>The list's body: <c>{filter: {flow_uuid: [...], lead_uuid: [...], status: [...]}, limit, offset}</c>.</summary>
    internal JsonObject Body(int offset, int limit)
    {
        var filter = new JsonObject();
        if (FlowUuids.Count > 0)
        {
            filter["flow_uuid"] = JsonFormat.Array(FlowUuids);
        }
        if (LeadUuids.Count > 0)
        {
            filter["lead_uuid"] = JsonFormat.Array(LeadUuids);
        }
        if (Statuses.Count > 0)
        {
            filter["status"] = JsonFormat.Array(Statuses);
        }
        return new JsonObject { ["filter"] = filter, ["limit"] = limit, ["offset"] = offset };
    }

    /// <summary>
    /// Why a record is outside the filter ("its status is finished, where the filter asked for
    /// in_progress"), or null. A field the record does not carry cannot be checked and passes.
    /// </summary>
    public string? Outside(GrinfiAutomationLead record) =>
        Mismatch("automation", record.AutomationUuid, FlowUuids)
        ?? Mismatch("contact", record.LeadUuid, LeadUuids)
        ?? Mismatch("status", record.Status, Statuses);

    private static string? Mismatch(string what, string? value, IReadOnlyList<string> allowed) =>
        value is null || allowed.Count == 0 || allowed.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"its {what} is {value}, where the filter asked for {string.Join(" or ", allowed)}";

    public override string ToString()
    {
        var parts = new List<string>();
        if (FlowUuids.Count > 0)
        {
            parts.Add($"automation {string.Join(", ", FlowUuids)}");
        }
        if (LeadUuids.Count > 0)
        {
            parts.Add(LeadUuids.Count == 1 ? $"contact {LeadUuids[0]}" : $"{LeadUuids.Count} contacts");
        }
        if (Statuses.Count > 0)
        {
            parts.Add($"status {string.Join(", ", Statuses)}");
        }
        return parts.Count == 0 ? "every automation contact" : string.Join(", ", parts);
    }

    private static IReadOnlyList<string> Distinct(IEnumerable<string>? values) =>
        values?.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? (IReadOnlyList<string>)Array.Empty<string>();
}
