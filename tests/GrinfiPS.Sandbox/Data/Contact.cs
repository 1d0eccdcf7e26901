using System.Text.Json;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// A stored lead. Mutable, and only ever touched under its team's lock; every change goes
/// through <see cref="TeamStore.Mutate"/>, which keeps the indexes and the JSON cache right.
/// </summary>
internal sealed class Contact
{
    public Contact(string uuid)
    {
        Uuid = uuid.ToLowerInvariant();
        TieHash = ComputeTieHash(Uuid);
    }

    public string Uuid { get; }

    /// <summary>Orders contacts whose sort values are equal: stable, but unrelated to uuid order.</summary>
    public ulong TieHash { get; }

    public int TeamId { get; set; }

    public int UserId { get; set; }

    public string ListUuid { get; set; } = "";

    public string? PipelineStageUuid { get; set; }

    public string? CompanyUuid { get; set; }

    public string? SenderProfileUuid { get; set; }

    public string? DataSourceUuid { get; set; }

    /// <summary>Kept in step with the first and last name by <see cref="RefreshName"/>.</summary>
    public string? Name { get; private set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? CompanyName { get; set; }

    public string? Position { get; set; }

    public string? Headline { get; set; }

    public string? About { get; set; }

    public string? AvatarUrl { get; set; }

    public string? LnId { get; set; }

    public string? SnId { get; set; }

    public string? Linkedin { get; set; }

    public string? Facebook { get; set; }

    public string? Twitter { get; set; }

    public string? WorkEmail { get; set; }

    public string? PersonalEmail { get; set; }

    public string? WorkPhoneNumber { get; set; }

    public string? PersonalPhoneNumber { get; set; }

    public int? ConnectionsNumber { get; set; }

    public int? FollowersNumber { get; set; }

    public string? RawAddress { get; set; }

    /// <summary>Writable through the API but not part of the served shape (the contract lists no such field).</summary>
    public string? Domain { get; set; }

    public string[] Location { get; set; } = [];

    public Experience[] Experience { get; set; } = [];

    public Education[] Educations { get; set; } = [];

    public Post[] Posts { get; set; } = [];

    public string[] Skills { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    public string? Status { get; set; }

    public string? LinkedinStatus { get; set; }

    public string? EmailStatus { get; set; }

    public UnreadCount[] UnreadCounts { get; set; } = [];

    public long? LastAutomationApproveAt { get; set; }

    /// <summary>Null only for contacts a test made without one (<c>withoutCreatedAt</c>): the schema allows it, and they sort last.</summary>
    public long? CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    /// <summary>Custom field values by field uuid (names are looked up when serializing, so a rename shows at once).</summary>
    public Dictionary<string, CustomValue> CustomFields { get; } = new(StringComparer.Ordinal);

    /// <summary>Serialized form in the minimal reading (the generous one changes with custom field names, so it is also tied to the schema version).</summary>
    public byte[]? CachedJson { get; set; }

    /// <summary>Serialized form in the generous reading, valid while <see cref="CachedSchema"/> matches the team's schema version.</summary>
    public byte[]? CachedGenerousJson { get; set; }

    public int CachedSchema { get; set; }

    /// <summary>Forgets both serialized forms: the contact changed.</summary>
    public void DropCachedJson()
    {
        CachedJson = null;
        CachedGenerousJson = null;
    }

    public void RefreshName()
    {
        var first = string.IsNullOrEmpty(FirstName) ? null : FirstName;
        var last = string.IsNullOrEmpty(LastName) ? null : LastName;
        Name = first is null ? last : last is null ? first : first + " " + last;
    }

    /// <summary>The public handle in <see cref="Linkedin"/>, lower case; null when there is none.</summary>
    public string? LinkedinHandle => LinkedinId.HandleFromUrl(Linkedin);

    internal static ulong ComputeTieHash(string uuid)
    {
        // FNV-1a, then a SplitMix64 finalizer to spread the bits: string.GetHashCode is
        // randomized per process and would break "stable between requests" across restarts.
        var hash = 14695981039346656037UL;
        foreach (var ch in uuid)
        {
            hash ^= ch;
            hash *= 1099511628211UL;
        }
        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return hash;
    }
}

internal sealed record Experience(string CompanyName, string Position, string StartDate, string? EndDate);

internal sealed record Education(string School, string Degree, string FieldOfStudy, int StartYear, int EndYear);

internal sealed record Post(string Text, string PostedAt);

internal sealed record UnreadCount(string Channel, int Count);

/// <summary>A custom field value: a JSON scalar, kept as its kind and text.</summary>
internal readonly record struct CustomValue(JsonValueKind Kind, string Text)
{
    public static CustomValue FromString(string text) => new(JsonValueKind.String, text);

    public static CustomValue FromNumber(long number) =>
        new(JsonValueKind.Number, number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void WriteTo(Utf8JsonWriter w)
    {
        switch (Kind)
        {
            case JsonValueKind.String: w.WriteStringValue(Text); break;
            case JsonValueKind.Number: w.WriteRawValue(Text, skipInputValidation: true); break;
            case JsonValueKind.True: w.WriteBooleanValue(true); break;
            case JsonValueKind.False: w.WriteBooleanValue(false); break;
            default: w.WriteNullValue(); break;
        }
    }

    /// <summary>As text for CSV exports.</summary>
    public override string ToString() => Kind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => Text,
    };
}
