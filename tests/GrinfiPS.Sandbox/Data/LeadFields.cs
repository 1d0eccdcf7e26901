namespace GrinfiPS.Sandbox.Data;

/// <summary>How a lead field compares in filters and sorts.</summary>
internal enum FieldKind
{
    /// <summary>A uuid: ordinal order of the lower-case text; filter values are compared case-insensitively.</summary>
    Uuid,

    /// <summary>Ordinal string order.</summary>
    Text,

    /// <summary>Numeric order.</summary>
    Number,

    /// <summary>An instant; filter values may be any ISO 8601 form.</summary>
    Date,

    /// <summary>An array of strings (tags): a filter value matches contacts carrying it.</summary>
    StringArray,

    /// <summary>An array of objects: only <c>is_null</c> / <c>is_not_null</c> (empty or not) apply.</summary>
    ObjectArray,
}

/// <summary>One lead field: its name, kind and how to read it from a contact.</summary>
internal sealed class LeadField
{
    private LeadField(string name, FieldKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public string Name { get; }

    public FieldKind Kind { get; }

    public Func<Contact, string?>? Text { get; private init; }

    public Func<Contact, double?>? Number { get; private init; }

    public Func<Contact, long?>? Date { get; private init; }

    public Func<Contact, IReadOnlyList<string>>? Items { get; private init; }

    public Func<Contact, int>? Length { get; private init; }

    /// <summary>The array holds uuids, so filter values compare case-insensitively (tags).</summary>
    public bool UuidItems { get; private init; }

    /// <summary>Scalar fields can be sorted by; arrays cannot.</summary>
    public bool Sortable => Kind is FieldKind.Uuid or FieldKind.Text or FieldKind.Number or FieldKind.Date;

    /// <summary>Every lead field the contract lists, by name.</summary>
    public static IReadOnlyDictionary<string, LeadField> All { get; } = Build();

    public static LeadField CreatedAt => All["created_at"];

    public static LeadField Uuid => All["uuid"];

    private static Dictionary<string, LeadField> Build()
    {
        var fields = new List<LeadField>
        {
            Id("uuid", c => c.Uuid),
            Num("team_id", c => c.TeamId),
            Num("user_id", c => c.UserId),
            Id("list_uuid", c => c.ListUuid),
            Id("pipeline_stage_uuid", c => c.PipelineStageUuid),
            Id("company_uuid", c => c.CompanyUuid),
            Id("sender_profile_uuid", c => c.SenderProfileUuid),
            Id("data_source_uuid", c => c.DataSourceUuid),
            Str("name", c => c.Name),
            Str("first_name", c => c.FirstName),
            Str("last_name", c => c.LastName),
            Str("company_name", c => c.CompanyName),
            Str("position", c => c.Position),
            Str("headline", c => c.Headline),
            Str("about", c => c.About),
            Str("avatar_url", c => c.AvatarUrl),
            Str("ln_id", c => c.LnId),
            Str("sn_id", c => c.SnId),
            Str("linkedin", c => c.Linkedin),
            Str("facebook", c => c.Facebook),
            Str("twitter", c => c.Twitter),
            Str("work_email", c => c.WorkEmail),
            Str("personal_email", c => c.PersonalEmail),
            Str("work_phone_number", c => c.WorkPhoneNumber),
            Str("personal_phone_number", c => c.PersonalPhoneNumber),
            Num("connections_number", c => c.ConnectionsNumber),
            Num("followers_number", c => c.FollowersNumber),
            Str("raw_address", c => c.RawAddress),
            new("location", FieldKind.StringArray) { Items = c => c.Location },
            Objects("experience", c => c.Experience.Length),
            Objects("educations", c => c.Educations.Length),
            Objects("posts", c => c.Posts.Length),
            new("skills", FieldKind.StringArray) { Items = c => c.Skills },
            // Tags hold uuids, so their filter values are lower-cased like uuid fields.
            new("tags", FieldKind.StringArray) { Items = c => c.Tags, UuidItems = true },
            Str("status", c => c.Status),
            Str("linkedin_status", c => c.LinkedinStatus),
            Str("email_status", c => c.EmailStatus),
            Objects("unread_counts", c => c.UnreadCounts.Length),
            When("last_automation_approve_at", c => c.LastAutomationApproveAt),
            When("created_at", c => c.CreatedAt),
            When("updated_at", c => c.UpdatedAt),
        };
        return fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    private static LeadField Id(string name, Func<Contact, string?> get) => new(name, FieldKind.Uuid) { Text = get };

    private static LeadField Str(string name, Func<Contact, string?> get) => new(name, FieldKind.Text) { Text = get };

    private static LeadField Num(string name, Func<Contact, double?> get) => new(name, FieldKind.Number) { Number = get };

    private static LeadField When(string name, Func<Contact, long?> get) => new(name, FieldKind.Date) { Date = get };

    private static LeadField Objects(string name, Func<Contact, int> length) => new(name, FieldKind.ObjectArray) { Length = length };
}
