using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.CustomFields;

/// <summary>Set-GrinfiCustomField: renames or reorders a custom field.</summary>
[Cmdlet(VerbsCommon.Set, "GrinfiCustomField", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiCustomField))]
public sealed class SetGrinfiCustomFieldCommand : GrinfiConnectedCmdlet
{
    /// <summary>The field: name, UUID or GrinfiCustomField.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Identity", "Name")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(CustomFieldNameCompleter))]
    public CustomFieldPipeBind? CustomField { get; set; }

    /// <summary>The new name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? NewName { get; set; }

    /// <summary>Position among the fields.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Order { get; set; }

    /// <summary>Lead (the default) or Company: where a field name is looked up.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <summary>Allow a name another custom field already has (lookups by that name then become ambiguous).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    /// <summary>Return the changed field.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        if (NewName is null && Order is null)
        {
            throw GrinfiException.InvalidInput("GrinfiNothingToChange", "Set-GrinfiCustomField was given nothing to change.", null, "Add -NewName or -Order.");
        }
        if (NewName is not null)
        {
            CustomFieldNames.Validate(NewName, "NewName");
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var action = NewName is null ? $"Set order {Order}" : $"Rename to '{NewName}'" + (Order is null ? "" : $", order {Order}");
        SaveChanges(CustomField!, Names.CustomFields(Object.ToString()), "CustomField", action,
            (uuid, ctx) => Api.UpdateCustomFieldAsync(uuid, NewName, Order, ctx), PassThru, NewName, AllowDuplicateName);
    }
}
