using System;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>A tag by name, UUID or GrinfiTag.</summary>
public sealed class TagPipeBind : NamedPipeBind<GrinfiTag>
{
    /// <summary>A name or UUID.</summary>
    public TagPipeBind(string nameOrUuid) : base(nameOrUuid) { }

    /// <summary>A GrinfiTag, GUID or anything else (rejected with a clear message).</summary>
    public TagPipeBind(object value) : base(value) { }
}
