using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Runtime;

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
        if (item is GrinfiLead lead && lead.Json[GrinfiLead.CustomFieldsField] is JsonObject values)
        {
            wrapped = PSObject.AsPSObject(item);
            AddCustomFields(wrapped, lead, values);
        }
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

    /// <summary>
    /// Custom-field values as columns of their own, named by the field, on every contact (empty
    /// when unset): Export-Csv takes its columns from the first object, and Import-Csv |
    /// Set-GrinfiLead maps a column named like a custom field to it. A name that a property
    /// already has gets the prefix CustomField_.
    /// </summary>
    private static void AddCustomFields(PSObject wrapped, GrinfiLead lead, JsonObject values)
    {
        var properties = s_propertyNames.GetOrAdd(typeof(GrinfiLead),
            t => new HashSet<string>(t.GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase));
        var names = lead.Connection?.Cache.LeadCustomFields.Loaded?.OrderBy(f => f.Order ?? int.MaxValue).Select(f => f.Name).ToList()
            ?? values.Select(v => v.Key).ToList();
        foreach (var name in names.Concat(values.Select(v => v.Key)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var column = properties.Contains(name) ? CustomFieldPrefix + name : name;
            var value = values.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            if (wrapped.Properties[column] is null)
            {
                wrapped.Properties.Add(new PSNoteProperty(column, value is null ? null : JsonRead.AsString(value) ?? JsonFormat.Text(value)));
            }
        }
    }

    /// <summary>The prefix of a custom-field column whose name a contact property already has.</summary>
    internal const string CustomFieldPrefix = "CustomField_";

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
