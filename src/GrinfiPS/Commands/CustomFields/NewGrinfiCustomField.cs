using System;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;

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

    /// <inheritdoc />
    protected override void Process() => Guard(() =>
    {
        CustomFieldNames.Validate(Name!, "Name");
        var objectType = Object.ToString().ToLowerInvariant();
        var cache = Names.CustomFields(objectType);
        var existing = Run(ctx => cache.GetAllAsync(ctx));
        if (existing.Any(f => string.Equals(f.Name, Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw GrinfiException.InvalidInput("GrinfiCustomFieldExists", $"A {objectType} custom field named '{Name}' already exists.", Name,
                "Use the existing field, or pick another name.");
        }
        var order = Order ?? existing.Select(f => f.Order ?? 0).DefaultIfEmpty(0).Max() + 1;
        if (!ShouldProcess(Name!, $"Create {objectType} custom field"))
        {
            return;
        }
        var field = Run(ctx => Api.CreateCustomFieldAsync(Name!, objectType, order, ctx));
        cache.Upsert(field);
        WriteObject(Output.Wrap(field));
    }, Name);
}
