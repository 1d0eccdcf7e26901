using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.CustomFields;

/// <summary>Get-GrinfiCustomField: custom field definitions for contacts (or companies).</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiCustomField", DefaultParameterSetName = NameSet)]
[OutputType(typeof(GrinfiCustomField))]
public sealed class GetGrinfiCustomFieldCommand : GrinfiConnectedCmdlet
{
    private const string NameSet = "Name";

    /// <summary>Names or UUIDs; wildcards work. Default: every field.</summary>
    [Parameter(ParameterSetName = NameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CustomFieldNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Custom fields piped from another command, read again; one of another team is refused.</summary>
    [Parameter(ParameterSetName = "InputObject", Mandatory = true, ValueFromPipeline = true)]
    public GrinfiCustomField[]? InputObject { get; set; }

    /// <summary>Fields of Lead (contacts, the default) or Company.</summary>
    [Parameter]
    public GrinfiObjectType Object { get; set; } = GrinfiObjectType.Lead;

    /// <inheritdoc />
    protected override void Process()
    {
        var names = NamesOrPiped(Name, InputObject);
        if (names is { Length: 0 })
        {
            return;
        }
        var cache = Names.CustomFields(Object.ToString());
        WriteMatching(Run(ctx => cache.GetAllAsync(ctx, refresh: true)), names, cache);
    }
}
