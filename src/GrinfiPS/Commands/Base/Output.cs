using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Base;

/// <summary>
/// Prepares model objects for the pipeline: fields the API sent that the type has no
/// property for become note properties (custom_fields → CustomFields), so nothing is lost.
/// </summary>
internal static class Output
{
    private static readonly ConcurrentDictionary<Type, HashSet<string>> s_propertyNames = new();

    public static object Wrap(GrinfiObject item)
    {
        PSObject? wrapped = null;
        HashSet<string>? taken = null;
        foreach (var field in item.UnknownFields)
        {
            taken ??= s_propertyNames.GetOrAdd(item.GetType(),
                t => new HashSet<string>(t.GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase));
            var name = PascalCase(field.Key);
            if (name.Length == 0 || taken.Contains(name))
            {
                continue;
            }
            wrapped ??= PSObject.AsPSObject(item);
            if (wrapped.Properties[name] is null)
            {
                wrapped.Properties.Add(new PSNoteProperty(name, PSJson.ToPowerShell(field.Value)));
            }
        }
        return wrapped ?? (object)item;
    }

    /// <summary>"1 contact", "1,200 contacts".</summary>
    internal static string Count(long n, string noun) => $"{n:N0} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>custom_fields → CustomFields.</summary>
    internal static string PascalCase(string apiName)
    {
        var sb = new StringBuilder(apiName.Length);
        var upper = true;
        foreach (var c in apiName)
        {
            if (c is '_' or '-' or ' ' or '.')
            {
                upper = true;
                continue;
            }
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return sb.ToString();
    }
}
