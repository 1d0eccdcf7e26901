using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>
/// An automation's current state (no period: the API counts what is, not what was): its
/// contacts by status, and the tasks still waiting to run, by type.
/// </summary>
public sealed class GrinfiAutomationMetric
{
    internal GrinfiAutomationMetric(GrinfiAutomation automation, JsonObject metrics)
    {
        AutomationName = automation.Name;
        AutomationUuid = automation.Uuid;
        Status = automation.Status;
        LeadCount = JsonRead.Int64(metrics, "leads_count");
        InProgressLeadCount = JsonRead.Int64(metrics, "in_progress_leads_count");
        FinishedLeadCount = JsonRead.Int64(metrics, "finished_leads_count");
        FailedLeadCount = JsonRead.Int64(metrics, "failed_leads_count");
        var tasks = new OrderedDictionary();
        if (metrics["task_counts"] is JsonObject counts)
        {
            foreach (var pair in counts.OrderBy(p => p.Key, System.StringComparer.Ordinal))
            {
                if (JsonRead.Int64(counts, pair.Key) is long n)
                {
                    tasks[pair.Key] = n;
                }
            }
        }
        PendingTasksByType = tasks;
        PendingTasks = tasks.Count == 0 && metrics["task_counts"] is null ? null : tasks.Values.Cast<long>().Sum();
    }

    /// <summary>The automation's name.</summary>
    public string AutomationName { get; }

    /// <summary>The automation's status (on, off, draft, archived).</summary>
    public string? Status { get; }

    /// <summary>Contacts ever added to the automation (leads_count).</summary>
    public long? LeadCount { get; }

    /// <summary>Contacts in progress now.</summary>
    public long? InProgressLeadCount { get; }

    /// <summary>Contacts that completed the sequence.</summary>
    public long? FinishedLeadCount { get; }

    /// <summary>Contacts that failed.</summary>
    public long? FailedLeadCount { get; }

    /// <summary>Tasks still queued to run (the queue's depth, not what was sent); null when the answer has no task counts.</summary>
    public long? PendingTasks { get; }

    /// <summary>Tasks still queued to run, by task type (linkedin_send_message: 17, ...).</summary>
    public OrderedDictionary PendingTasksByType { get; }

    /// <summary>The automation's UUID.</summary>
    public string AutomationUuid { get; }

    /// <inheritdoc />
    public override string ToString() => AutomationName;
}
