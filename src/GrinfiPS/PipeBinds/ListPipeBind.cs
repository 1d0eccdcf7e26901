using System;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>A list by name, UUID or GrinfiList.</summary>
public sealed class ListPipeBind : NamedPipeBind<GrinfiList>
{
    /// <summary>A name or UUID.</summary>
    public ListPipeBind(string nameOrUuid) : base(nameOrUuid) { }

    /// <summary>A GrinfiList, GUID or anything else (rejected with a clear message).</summary>
    public ListPipeBind(object value) : base(value) { }
}
