using System;
using System.Collections.Generic;
using GrinfiPS.Model;

namespace GrinfiPS.Leads;

/// <summary>What the parameters give every row; it wins over the row's own cells.</summary>
internal sealed class RowDefaults
{
    /// <summary>The team the connection works with: a contact of another team is refused.</summary>
    public long? TeamId { get; init; }

    /// <summary>-Uuid given with no pipeline input.</summary>
    public string? Uuid { get; init; }

    /// <summary>Lead fields given as parameters, by write name.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    /// <summary>-CustomField values (null clears).</summary>
    public IReadOnlyList<(GrinfiCustomField Field, string? Value)> CustomFields { get; init; } = Array.Empty<(GrinfiCustomField, string?)>();

    /// <summary>-List: the list new contacts go to.</summary>
    public string? ListUuid { get; init; }

    /// <summary>-Clear's lead fields (write names PUT lets be null).</summary>
    public IReadOnlyList<string> Clear { get; init; } = Array.Empty<string>();

    /// <summary>-Clear's custom fields.</summary>
    public IReadOnlyList<GrinfiCustomField> ClearCustom { get; init; } = Array.Empty<GrinfiCustomField>();
}
