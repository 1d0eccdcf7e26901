using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>An object users refer to by name: a list, stage, tag, custom field or automation.</summary>
public abstract class GrinfiNamedObject : GrinfiObject
{
    private protected GrinfiNamedObject(JsonObject json)
        : base(json)
    {
    }

    /// <summary>The name shown in the web app.</summary>
    public abstract string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
