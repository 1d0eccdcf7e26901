using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.CustomFields;

/// <summary>Remove-GrinfiCustomField: deletes a custom field definition and every value of it; asks first.</summary>
[Cmdlet(VerbsCommon.Remove, "GrinfiCustomField", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGrinfiCustomFieldCommand : GrinfiConnectedCmdlet
{
    /// <summary>The fields: names, UUIDs or GrinfiCustomField objects.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Identity", "Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CustomFieldNameCompleter))]
    public CustomFieldPipeBind[]? CustomField { get; set; }

    /// <summary>Lead (the default) or Company: where a field name is looked up.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <summary>Delete without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        var cache = Names.CustomFields(Object.ToString());
        foreach (var bind in CustomField!)
        {
            Guard(() =>
            {
                var field = Run(ctx => bind.ResolveAsync(cache, "CustomField", ctx));
                if (!Approve($"Custom field '{field.Name}' ({field.Uuid})", $"Delete the field and every {Object.ToString().ToLowerInvariant()}'s value of it", Force))
                {
                    return;
                }
                Run(ctx => Api.DeleteCustomFieldAsync(field.Uuid, ctx));
                cache.Remove(field.Uuid);
            }, bind.InputObject);
        }
    }
}
