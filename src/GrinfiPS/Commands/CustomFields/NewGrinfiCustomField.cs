using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.CustomFields;

/// <summary>New-GrinfiCustomField: defines a custom field (name: a letter or _, then letters, digits, _).</summary>
[Cmdlet(VerbsCommon.New, "GrinfiCustomField", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(GrinfiCustomField))]
public sealed class NewGrinfiCustomFieldCommand : GrinfiConnectedCmdlet
{
    /// <summary>The field's name, e.g. deal_size.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>Position among the fields; default: after the last.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int? Order { get; set; }

    /// <summary>Lead (the default) or Company.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <summary>Allow a name another custom field already has (lookups by that name then become ambiguous).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    /// <summary>Create without asking, even under -Confirm.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void Process() => Guard(() =>
    {
        CustomFieldNames.Validate(Name!, "Name");
        var objectType = Object.ToString().ToLowerInvariant();
        var cache = Names.CustomFields(objectType);
        CheckNameFree(cache, Name!, null, AllowDuplicateName);
        var order = Order ?? Run(ctx => cache.GetAllAsync(ctx)).Select(f => f.Order ?? 0).DefaultIfEmpty(0).Max() + 1;
        if (!Approve(Name!, $"Create {objectType} custom field", Force))
        {
            return;
        }
        var field = Run(ctx => Api.CreateCustomFieldAsync(Name!, objectType, order, ctx));
        cache.Upsert(field);
        WriteObject(Output.Wrap(field));
    }, Name);
}
