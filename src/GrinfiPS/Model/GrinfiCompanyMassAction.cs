namespace GrinfiPS.Model;

/// <summary>The company mass actions, by friendly name (PUT /leads/api/companies/mass-action).</summary>
public enum GrinfiCompanyMassAction
{
    /// <summary>company_add_tags, one request per tag.</summary>
    AddTag,

    /// <summary>company_remove_tags, one request per tag.</summary>
    RemoveTag,

    /// <summary>company_replace_tags: the companies end up with exactly these tags.</summary>
    ReplaceTags,

    /// <summary>company_change_pipeline_stage.</summary>
    ChangePipelineStage,

    /// <summary>company_delete.</summary>
    Delete,
}
