namespace GrinfiPS.Sandbox.Data;

/// <summary>One company field of the contract's company schema: its name, kind and how to read it.</summary>
internal sealed class CompanyField
{
    private CompanyField(string name, FieldKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public FieldKind Kind { get; }

    public Func<Company, string?>? Text { get; private init; }

    public Func<Company, double?>? Number { get; private init; }

    public Func<Company, long?>? Date { get; private init; }

    public Func<Company, IReadOnlyList<string>>? Items { get; private init; }

    public Func<Company, int>? Length { get; private init; }

    /// <summary>Scalar fields can be sorted by; arrays cannot.</summary>
    public bool Sortable => Kind is FieldKind.Uuid or FieldKind.Text or FieldKind.Number or FieldKind.Date;

    /// <summary>Every company field the contract lists, by name.</summary>
    public static IReadOnlyDictionary<string, CompanyField> All { get; } = Build();

    private static Dictionary<string, CompanyField> Build()
    {
        var fields = new List<CompanyField>
        {
            Id("uuid", c => c.Uuid),
            Num("team_id", c => c.TeamId),
            Num("user_id", c => c.UserId),
            Id("data_source_uuid", c => c.DataSourceUuid),
            Id("lead_status_uuid", c => c.LeadStatusUuid),
            Str("name", c => c.Name),
            Str("domain", c => c.Domain),
            Str("website", c => c.Website),
            Num("ln_id", c => c.LnId),
            Str("linkedin", c => c.Linkedin),
            Str("facebook", c => c.Facebook),
            Str("twitter", c => c.Twitter),
            Str("phone", c => c.Phone),
            Str("hq_raw_address", c => c.HqRawAddress),
            new("hq_location", FieldKind.ObjectArray) { Length = c => c.HqLocation.Length },
            Str("logo_url", c => c.LogoUrl),
            Str("industry", c => c.Industry),
            Str("employees_range", c => c.EmployeesRange),
            Num("year_established", c => c.YearEstablished),
            Str("about", c => c.About),
            // List and tag uuids: a value matches companies holding it (stored lower case).
            new("lists", FieldKind.StringArray) { Items = c => c.Lists },
            new("tags", FieldKind.StringArray) { Items = c => c.Tags },
            Str("status", c => c.Status),
            When("last_enrich_at", c => c.LastEnrichAt),
            When("created_at", c => c.CreatedAt),
            When("updated_at", c => c.UpdatedAt),
        };
        return fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    private static CompanyField Id(string name, Func<Company, string?> get) => new(name, FieldKind.Uuid) { Text = get };

    private static CompanyField Str(string name, Func<Company, string?> get) => new(name, FieldKind.Text) { Text = get };

    private static CompanyField Num(string name, Func<Company, double?> get) => new(name, FieldKind.Number) { Number = get };

    private static CompanyField When(string name, Func<Company, long?> get) => new(name, FieldKind.Date) { Date = get };
}
