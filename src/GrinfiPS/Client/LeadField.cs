namespace GrinfiPS.Client;

/// <summary>
/// One lead field as the vendor's OpenAPI document defines it: whether answers carry it, whether
/// the upsert (create) and PUT (update) take it, whether PUT lets it be null, and how it is
/// filtered and sorted. <see cref="LeadFields"/> holds every field once.
/// </summary>
internal sealed class LeadField
{
    public LeadField(string name, string property, FieldKind kind)
    {
        Name = name;
        Property = property;
        Kind = kind;
    }

    /// <summary>The API's name: in a lead as returned, or in a write body for write-only fields.</summary>
    public string Name { get; }

    /// <summary>The PowerShell name: the GrinfiLead property, or the Set-GrinfiLead parameter of a write-only field.</summary>
    public string Property { get; }

    public FieldKind Kind { get; }

    /// <summary>Answers carry it (the lead schema).</summary>
    public bool Readable { get; init; } = true;

    /// <summary>The upsert's <c>lead</c> object takes it (create-lead-fields).</summary>
    public bool OnCreate { get; init; }

    /// <summary>PUT /leads/api/leads/{uuid} takes it.</summary>
    public bool OnUpdate { get; init; }

    /// <summary>PUT lets it be null, so -Clear can empty it.</summary>
    public bool NullableOnUpdate { get; init; }

    /// <summary>
    /// For a write-only field, the field answers hold its stored value (email is stored as
    /// work_email, linkedin_id as the linkedin handle): what a change is compared with.
    /// </summary>
    public string? StoredAs { get; init; }

    public bool Writable => OnCreate || OnUpdate;

    /// <summary>Search filters take it (every field answers carry).</summary>
    public bool Filterable => Readable;

    /// <summary>-SortBy takes it: every single-valued field answers carry.</summary>
    public bool Sortable => Readable && Kind != FieldKind.Array;

    /// <summary>The field whose value in an answer tells the current state: itself, or where it is stored.</summary>
    public string ComparedWith => StoredAs ?? Name;

    public override string ToString() => Name;
}
