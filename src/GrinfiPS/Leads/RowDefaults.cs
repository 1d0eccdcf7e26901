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

    /// <summary>An empty cell empties its field (where the API lets it be emptied) instead of meaning "no change".</summary>
    public bool EmptyCellsClear { get; init; }

    /// <summary>
    /// Whether a row is new or existing is decided later (Sync-GrinfiLead matches rows by key):
    /// only the shape of the values is checked when reading, not what creating a contact needs.
    /// </summary>
    public bool DeferIdentityChecks { get; init; }
}
