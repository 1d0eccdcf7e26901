using System.Collections;
using System.Management.Automation;

namespace GrinfiPS.Filters;

/// <summary>
/// A contacts -Filter as the user wrote it: a hashtable, an ordered dictionary or a
/// PSCustomObject, kept as given and checked by <see cref="FilterConverter"/>.
/// </summary>
/// <remarks>
/// The type exists for tab completion: PowerShell completes the keys of a hashtable passed
/// to a parameter from the settable properties of the parameter's type, so every lead field
/// is a property here (<c>-Filter @{ comp&lt;Tab&gt;</c> gives company_name). The parameterless
/// constructor is what makes PowerShell offer them; the others are what binding uses. Setting
/// a property sets that field's condition.
/// </remarks>
#pragma warning disable IDE1006 // property names are the API's field names, for completion
public sealed class LeadFilter : FieldFilter
{
    /// <summary>An empty filter.</summary>
    public LeadFilter() : base(new Hashtable()) { }

    /// <summary>A filter from a hashtable or ordered dictionary.</summary>
    public LeadFilter(IDictionary conditions) : base(conditions) { }

    /// <summary>A filter from a PSCustomObject.</summary>
    public LeadFilter(PSObject conditions) : base(conditions) { }

    /// <summary>The condition on uuid, if any.</summary>
    public object? uuid { get => Get("uuid"); set => Set("uuid", value); }

    /// <summary>The condition on team_id, if any.</summary>
    public object? team_id { get => Get("team_id"); set => Set("team_id", value); }

    /// <summary>The condition on user_id, if any.</summary>
    public object? user_id { get => Get("user_id"); set => Set("user_id", value); }

    /// <summary>The condition on list_uuid, if any.</summary>
    public object? list_uuid { get => Get("list_uuid"); set => Set("list_uuid", value); }

    /// <summary>The condition on pipeline_stage_uuid, if any.</summary>
    public object? pipeline_stage_uuid { get => Get("pipeline_stage_uuid"); set => Set("pipeline_stage_uuid", value); }

    /// <summary>The condition on company_uuid, if any.</summary>
    public object? company_uuid { get => Get("company_uuid"); set => Set("company_uuid", value); }

    /// <summary>The condition on sender_profile_uuid, if any.</summary>
    public object? sender_profile_uuid { get => Get("sender_profile_uuid"); set => Set("sender_profile_uuid", value); }

    /// <summary>The condition on data_source_uuid, if any.</summary>
    public object? data_source_uuid { get => Get("data_source_uuid"); set => Set("data_source_uuid", value); }

    /// <summary>The condition on name, if any.</summary>
    public object? name { get => Get("name"); set => Set("name", value); }

    /// <summary>The condition on first_name, if any.</summary>
    public object? first_name { get => Get("first_name"); set => Set("first_name", value); }

    /// <summary>The condition on last_name, if any.</summary>
    public object? last_name { get => Get("last_name"); set => Set("last_name", value); }

    /// <summary>The condition on company_name, if any.</summary>
    public object? company_name { get => Get("company_name"); set => Set("company_name", value); }

    /// <summary>The condition on position, if any.</summary>
    public object? position { get => Get("position"); set => Set("position", value); }

    /// <summary>The condition on headline, if any.</summary>
    public object? headline { get => Get("headline"); set => Set("headline", value); }

    /// <summary>The condition on about, if any.</summary>
    public object? about { get => Get("about"); set => Set("about", value); }

    /// <summary>The condition on avatar_url, if any.</summary>
    public object? avatar_url { get => Get("avatar_url"); set => Set("avatar_url", value); }

    /// <summary>The condition on ln_id, if any.</summary>
    public object? ln_id { get => Get("ln_id"); set => Set("ln_id", value); }

    /// <summary>The condition on sn_id, if any.</summary>
    public object? sn_id { get => Get("sn_id"); set => Set("sn_id", value); }

    /// <summary>The condition on linkedin, if any.</summary>
    public object? linkedin { get => Get("linkedin"); set => Set("linkedin", value); }

    /// <summary>The condition on facebook, if any.</summary>
    public object? facebook { get => Get("facebook"); set => Set("facebook", value); }

    /// <summary>The condition on twitter, if any.</summary>
    public object? twitter { get => Get("twitter"); set => Set("twitter", value); }

    /// <summary>The condition on work_email, if any.</summary>
    public object? work_email { get => Get("work_email"); set => Set("work_email", value); }

    /// <summary>The condition on personal_email, if any.</summary>
    public object? personal_email { get => Get("personal_email"); set => Set("personal_email", value); }

    /// <summary>The condition on work_phone_number, if any.</summary>
    public object? work_phone_number { get => Get("work_phone_number"); set => Set("work_phone_number", value); }

    /// <summary>The condition on personal_phone_number, if any.</summary>
    public object? personal_phone_number { get => Get("personal_phone_number"); set => Set("personal_phone_number", value); }

    /// <summary>The condition on connections_number, if any.</summary>
    public object? connections_number { get => Get("connections_number"); set => Set("connections_number", value); }

    /// <summary>The condition on followers_number, if any.</summary>
    public object? followers_number { get => Get("followers_number"); set => Set("followers_number", value); }

    /// <summary>The condition on raw_address, if any.</summary>
    public object? raw_address { get => Get("raw_address"); set => Set("raw_address", value); }

    /// <summary>The condition on location, if any.</summary>
    public object? location { get => Get("location"); set => Set("location", value); }

    /// <summary>The condition on experience, if any.</summary>
    public object? experience { get => Get("experience"); set => Set("experience", value); }

    /// <summary>The condition on educations, if any.</summary>
    public object? educations { get => Get("educations"); set => Set("educations", value); }

    /// <summary>The condition on posts, if any.</summary>
    public object? posts { get => Get("posts"); set => Set("posts", value); }

    /// <summary>The condition on skills, if any.</summary>
    public object? skills { get => Get("skills"); set => Set("skills", value); }

    /// <summary>The condition on tags, if any.</summary>
    public object? tags { get => Get("tags"); set => Set("tags", value); }

    /// <summary>The condition on status, if any.</summary>
    public object? status { get => Get("status"); set => Set("status", value); }

    /// <summary>The condition on linkedin_status, if any.</summary>
    public object? linkedin_status { get => Get("linkedin_status"); set => Set("linkedin_status", value); }

    /// <summary>The condition on email_status, if any.</summary>
    public object? email_status { get => Get("email_status"); set => Set("email_status", value); }

    /// <summary>The condition on unread_counts, if any.</summary>
    public object? unread_counts { get => Get("unread_counts"); set => Set("unread_counts", value); }

    /// <summary>The condition on last_automation_approve_at, if any.</summary>
    public object? last_automation_approve_at { get => Get("last_automation_approve_at"); set => Set("last_automation_approve_at", value); }

    /// <summary>The condition on company_ln_id, if any.</summary>
    public object? company_ln_id { get => Get("company_ln_id"); set => Set("company_ln_id", value); }

    /// <summary>The condition on primary_language, if any.</summary>
    public object? primary_language { get => Get("primary_language"); set => Set("primary_language", value); }

    /// <summary>The condition on supported_languages, if any.</summary>
    public object? supported_languages { get => Get("supported_languages"); set => Set("supported_languages", value); }

    /// <summary>The condition on has_open_profile, if any.</summary>
    public object? has_open_profile { get => Get("has_open_profile"); set => Set("has_open_profile", value); }

    /// <summary>The condition on has_verified_profile, if any.</summary>
    public object? has_verified_profile { get => Get("has_verified_profile"); set => Set("has_verified_profile", value); }

    /// <summary>The condition on has_premium, if any.</summary>
    public object? has_premium { get => Get("has_premium"); set => Set("has_premium", value); }

    /// <summary>The condition on created_at, if any.</summary>
    public object? created_at { get => Get("created_at"); set => Set("created_at", value); }

    /// <summary>The condition on updated_at, if any.</summary>
    public object? updated_at { get => Get("updated_at"); set => Set("updated_at", value); }
}
#pragma warning restore IDE1006
