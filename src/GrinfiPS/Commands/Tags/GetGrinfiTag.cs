using System.Management.Automation;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Tags;

/// <summary>Get-GrinfiTag: the team's tags.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiTag")]
[OutputType(typeof(GrinfiTag))]
public sealed class GetGrinfiTagCommand : GrinfiConnectedCmdlet
{
    /// <summary>Names or UUIDs; wildcards work. Default: every tag.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public string[]? Name { get; set; }

    /// <inheritdoc />
    protected override void Process() => WriteMatching(Run(ctx => Names.Tags.GetAllAsync(ctx, refresh: true)), Name, Names.Tags);
}
