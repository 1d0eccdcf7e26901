using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>The name caches of one connection.</summary>
internal sealed class ConnectionCache
{
    public ConnectionCache(GrinfiApi api)
    {
        var team = api.TeamId;
        Lists = new NameCache<GrinfiList>("List", "List", api.GetListsAsync, team);
        LeadStages = new NameCache<GrinfiPipelineStage>("Pipeline stage", "PipelineStage", ctx => api.GetPipelineStagesAsync("lead", ctx), team);
        CompanyStages = new NameCache<GrinfiPipelineStage>("Pipeline stage", "PipelineStage", ctx => api.GetPipelineStagesAsync("company", ctx), team);
        Tags = new NameCache<GrinfiTag>("Tag", "Tag", api.GetTagsAsync, team);
        LeadCustomFields = new NameCache<GrinfiCustomField>("Custom field", "CustomField", ctx => CustomFieldsOf("lead", ctx), team);
        CompanyCustomFields = new NameCache<GrinfiCustomField>("Custom field", "CustomField", ctx => CustomFieldsOf("company", ctx), team);

        async Task<IReadOnlyList<GrinfiCustomField>> CustomFieldsOf(string objectType, CallContext ctx) =>
            (await api.GetCustomFieldsAsync(ctx).ConfigureAwait(false))
                .Where(f => string.Equals(f.Object ?? "lead", objectType, StringComparison.OrdinalIgnoreCase)).ToList();
        Automations = new NameCache<GrinfiAutomation>("Automation", "Automation", ctx => api.GetAutomationsAsync(null, ctx), team);
    }

    public NameCache<GrinfiList> Lists { get; }

    public NameCache<GrinfiPipelineStage> LeadStages { get; }

    public NameCache<GrinfiPipelineStage> CompanyStages { get; }

    public NameCache<GrinfiTag> Tags { get; }

    public NameCache<GrinfiCustomField> LeadCustomFields { get; }

    public NameCache<GrinfiCustomField> CompanyCustomFields { get; }

    /// <summary>The stage cache for an object type (lead or company).</summary>
    public NameCache<GrinfiPipelineStage> Stages(string objectType) =>
        string.Equals(objectType, "company", StringComparison.OrdinalIgnoreCase) ? CompanyStages : LeadStages;

    /// <summary>The custom field cache for an object type (lead or company).</summary>
    public NameCache<GrinfiCustomField> CustomFields(string objectType) =>
        string.Equals(objectType, "company", StringComparison.OrdinalIgnoreCase) ? CompanyCustomFields : LeadCustomFields;

    public NameCache<GrinfiAutomation> Automations { get; }
}
