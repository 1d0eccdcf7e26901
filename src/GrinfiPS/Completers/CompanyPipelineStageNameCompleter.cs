using System.Collections;
using System.Collections.Generic;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Completers;

/// <summary>Completes company pipeline stage names (the company cmdlets' -PipelineStage).</summary>
public sealed class CompanyPipelineStageNameCompleter : NameCompleter
{
    private protected override System.Threading.Tasks.Task<IReadOnlyList<GrinfiNamedObject>> LoadAsync(ConnectionCache cache, IDictionary bound, CallContext ctx) => From(cache.CompanyStages, ctx);
}
