using System;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>An automation by name, UUID or GrinfiAutomation.</summary>
public sealed class AutomationPipeBind : NamedPipeBind<GrinfiAutomation>
{
    /// <summary>A name or UUID.</summary>
    public AutomationPipeBind(string nameOrUuid) : base(nameOrUuid) { }

    /// <summary>A GrinfiAutomation, GUID or anything else (rejected with a clear message).</summary>
    public AutomationPipeBind(object value) : base(value) { }
}
