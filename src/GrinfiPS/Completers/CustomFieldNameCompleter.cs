using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Completers;

/// <summary>Completes custom field names (company fields when -Object Company is given).</summary>
public sealed class CustomFieldNameCompleter : NameCompleter
{
    private protected override System.Threading.Tasks.Task<IReadOnlyList<GrinfiNamedObject>> LoadAsync(ConnectionCache cache, IDictionary bound, CallContext ctx) => From(cache.CustomFields(ObjectType(bound)), ctx);
}
