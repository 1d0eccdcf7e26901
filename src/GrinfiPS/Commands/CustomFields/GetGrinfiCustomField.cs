using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.CustomFields;

/// <summary>Get-GrinfiCustomField: custom field definitions for contacts (or companies).</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiCustomField")]
[OutputType(typeof(GrinfiCustomField))]
public sealed class GetGrinfiCustomFieldCommand : GrinfiConnectedCmdlet
{
    /// <summary>Names or UUIDs; wildcards work. Default: every field.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CustomFieldNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Fields of Lead (contacts, the default) or Company.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <inheritdoc />
    protected override void Process()
    {
        var cache = Names.CustomFields(Object.ToString());
        WriteMatching(Run(ctx => cache.GetAllAsync(ctx, refresh: true)), Name, cache);
    }
}
