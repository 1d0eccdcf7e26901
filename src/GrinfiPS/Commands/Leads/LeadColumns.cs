using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// How CSV columns map onto lead fields, for Set-GrinfiLead and Import-GrinfiLead alike. The
/// header aliases are read from Set-GrinfiLead's own parameters, so the two cannot drift.
/// </summary>
internal static class LeadColumns
{
    /// <summary>Header (any case) → API field: the parameter names and their aliases.</summary>
    public static readonly IReadOnlyDictionary<string, string> ByHeader = typeof(SetGrinfiLeadCommand)
        .GetProperties()
        .Where(p => WritableFields.IsWritable(p.Name) && p.GetCustomAttributes<ParameterAttribute>().Any(a => a.ValueFromPipelineByPropertyName))
        .SelectMany(p => p.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).Append(p.Name).Select(h => (Header: h, Field: p.Name)))
        .ToDictionary(x => x.Header, x => x.Field, StringComparer.OrdinalIgnoreCase);

    /// <summary>A -ColumnMap resolved: columns to lead fields and columns to custom fields.</summary>
    public sealed class Map
    {
        public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, GrinfiCustomField> CustomFields { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Resolves -ColumnMap targets: a writable lead field (API or property name) or a lead custom field.</summary>
    public static async Task<Map> ResolveAsync(Hashtable? columnMap, ConnectionCache cache, CallContext ctx)
    {
        var map = new Map();
        foreach (DictionaryEntry entry in columnMap ?? new Hashtable())
        {
            var column = entry.Key?.ToString() ?? "";
            var target = entry.Value?.ToString() ?? "";
            if (LeadFields.TryResolve(target, out var field, out _) && WritableFields.IsWritable(field))
            {
                map.Fields[column] = field;
                continue;
            }
            if (WritableFields.IsWritable(target))
            {
                map.Fields[column] = target.ToLowerInvariant();
                continue;
            }
            var fields = await cache.LeadCustomFields.GetAllAsync(ctx).ConfigureAwait(false);
            var custom = fields.FirstOrDefault(f => string.Equals(f.Name, target, StringComparison.OrdinalIgnoreCase));
            if (custom is null)
            {
                var close = WritableFields.Suggest(target).Concat(Fuzzy.Suggest(fields.Select(f => f.Name), target)).Take(3).ToList();
                throw GrinfiException.InvalidInput("GrinfiInvalidColumnMap",
                    $"-ColumnMap maps '{column}' to '{target}', which is neither a writable lead field nor a custom field." +
                    (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : ""), columnMap,
                    $"Map to one of {string.Join(", ", WritableFields.Names)}, or to a custom field (New-GrinfiCustomField makes one).");
            }
            map.CustomFields[column] = custom;
        }
        return map;
    }
}
