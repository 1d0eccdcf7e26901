using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;

namespace GrinfiPS.Filters;

/// <summary>
/// A -Filter as the user wrote it: a hashtable, an ordered dictionary or a PSCustomObject,
/// kept as given and checked by <see cref="FilterConverter"/>. Each kind of record has its own
/// subclass whose properties are its fields, so that tab completion offers them.
/// </summary>
public abstract class FieldFilter
{
    private protected FieldFilter(object conditions) => Source = conditions ?? throw new ArgumentNullException(nameof(conditions));

    /// <summary>What the user gave: an IDictionary or a PSObject.</summary>
    internal object Source { get; }

    /// <inheritdoc />
    public override string ToString() => Source switch
    {
        IDictionary d => "@{ " + string.Join("; ", d.Keys.Cast<object>().Select(k => $"{k} = {d[k]}")) + " }",
        _ => Source.ToString() ?? "",
    };

    /// <summary>Sets one field's condition.</summary>
    private protected void Set(string field, object? value)
    {
        switch (Source)
        {
            case IDictionary d:
                d[field] = value;
                break;
            case PSObject o when o.Properties[field] is PSPropertyInfo p:
                p.Value = value;
                break;
            case PSObject o:
                o.Properties.Add(new PSNoteProperty(field, value));
                break;
        }
    }

    /// <summary>One field's condition, or null.</summary>
    private protected object? Get(string field) => Source switch
    {
        IDictionary d => d.Contains(field) ? d[field] : null,
        PSObject o => o.Properties[field]?.Value,
        _ => null,
    };
}
