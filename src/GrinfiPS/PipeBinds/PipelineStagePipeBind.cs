using System;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>A pipeline stage by name, UUID or GrinfiPipelineStage.</summary>
public sealed class PipelineStagePipeBind : NamedPipeBind<GrinfiPipelineStage>
{
    /// <summary>A name or UUID.</summary>
    public PipelineStagePipeBind(string nameOrUuid) : base(nameOrUuid) { }

    /// <summary>A GrinfiPipelineStage, GUID or anything else (rejected with a clear message).</summary>
    public PipelineStagePipeBind(object value) : base(value) { }
}
