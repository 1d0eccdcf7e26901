namespace GrinfiPS.Leads;

/// <summary>How a read-only column shows the field it mirrors, so an edit can be told from the current value.</summary>
internal enum ReadOnlyDisplay
{
    /// <summary>The field's own value (as GrinfiLead shows it: dates in local time, arrays as their items).</summary>
    Value,

    /// <summary>The name of the list whose UUID is in list_uuid.</summary>
    ListName,

    /// <summary>The name of the pipeline stage whose UUID is in pipeline_stage_uuid.</summary>
    PipelineStageName,

    /// <summary>The names of the tags whose UUIDs are in tags.</summary>
    TagNames,
}
