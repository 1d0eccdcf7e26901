using System;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>A custom field by name, UUID or GrinfiCustomField.</summary>
public sealed class CustomFieldPipeBind : NamedPipeBind<GrinfiCustomField>
{
    /// <summary>A name or UUID.</summary>
    public CustomFieldPipeBind(string nameOrUuid) : base(nameOrUuid) { }

    /// <summary>A GrinfiCustomField, GUID or anything else (rejected with a clear message).</summary>
    public CustomFieldPipeBind(object value) : base(value) { }
}
