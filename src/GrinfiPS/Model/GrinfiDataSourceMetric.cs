using System;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>
/// How a data source's import went: records queued, saved, duplicate, on a do-not-contact list,
/// failed, and those of its child sources. Type, status and list come with it when the data
/// source was read (every data source, by default); for UUIDs given they stay empty.
/// </summary>
public sealed class GrinfiDataSourceMetric
{
    internal GrinfiDataSourceMetric(string uuid, GrinfiDataSource? source, JsonObject metrics)
    {
        DataSourceUuid = uuid;
        Type = source?.Type;
        Status = source?.Status;
        ListName = source?.ListName ?? source?.ListUuid;
        CreatedAt = source?.CreatedAt;
        QueuedRecords = JsonRead.Int64(metrics, "queued_records");
        SavedRecords = JsonRead.Int64(metrics, "saved_records");
        DuplicateRecords = JsonRead.Int64(metrics, "duplicate_records");
        BlacklistedRecords = JsonRead.Int64(metrics, "blacklisted_records");
        ErrorRecords = JsonRead.Int64(metrics, "error_records");
        ChildQueuedRecords = JsonRead.Int64(metrics, "child_queued_records");
        ChildSavedRecords = JsonRead.Int64(metrics, "child_saved_records");
        ChildDuplicateRecords = JsonRead.Int64(metrics, "child_duplicate_records");
    }

    /// <summary>The data source's type (csv_leads, sn_leads_search, ...), when it was read.</summary>
    public string? Type { get; }

    /// <summary>The data source's status, when it was read.</summary>
    public string? Status { get; }

    /// <summary>The list its contacts went to (name, or UUID when the name is not known), when it was read.</summary>
    public string? ListName { get; }

    /// <summary>When the data source was created (local time), when it was read.</summary>
    public DateTime? CreatedAt { get; }

    /// <summary>Records waiting to be processed.</summary>
    public long? QueuedRecords { get; }

    /// <summary>Records saved as contacts.</summary>
    public long? SavedRecords { get; }

    /// <summary>Records that were contacts already.</summary>
    public long? DuplicateRecords { get; }

    /// <summary>Records on a do-not-contact list.</summary>
    public long? BlacklistedRecords { get; }

    /// <summary>Records that failed.</summary>
    public long? ErrorRecords { get; }

    /// <summary>Queued records of child data sources.</summary>
    public long? ChildQueuedRecords { get; }

    /// <summary>Saved records of child data sources.</summary>
    public long? ChildSavedRecords { get; }

    /// <summary>Duplicate records of child data sources.</summary>
    public long? ChildDuplicateRecords { get; }

    /// <summary>The data source's UUID.</summary>
    public string DataSourceUuid { get; }

    /// <inheritdoc />
    public override string ToString() => DataSourceUuid;
}
