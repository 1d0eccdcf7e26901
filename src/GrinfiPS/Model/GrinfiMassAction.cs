namespace GrinfiPS.Model;

/// <summary>The mass actions, by friendly name (the wire types are in Invoke-GrinfiMassAction's help).</summary>
public enum GrinfiMassAction
{
    /// <summary>contact_add_tags, one request per tag.</summary>
    AddTag,

    /// <summary>contact_remove_tags, one request per tag.</summary>
    RemoveTag,

    /// <summary>contact_replace_tags: the contacts end up with exactly these tags.</summary>
    ReplaceTags,

    /// <summary>contact_change_list.</summary>
    MoveToList,

    /// <summary>contact_change_pipeline_stage.</summary>
    ChangePipelineStage,

    /// <summary>contact_change_custom_field, one request per field.</summary>
    SetCustomField,

    /// <summary>contact_add_to_flow, one request per automation.</summary>
    AddToAutomation,

    /// <summary>contact_cancel_from_flows.</summary>
    CancelFromAutomations,

    /// <summary>contact_delete.</summary>
    Delete,

    /// <summary>contact_export_csv: queues a CSV export.</summary>
    ExportCsv,

    /// <summary>contact_mark_read.</summary>
    MarkRead,
}
