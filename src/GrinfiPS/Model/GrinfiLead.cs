using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace GrinfiPS.Model;

/// <summary>A contact ("lead") in the CRM.</summary>
public sealed class GrinfiLead : GrinfiObject
{
    // Every field of the lead schema has a property (tested against the field table); custom
    // field values, where a server sends them, become columns of their own (Output.Wrap).
    private static readonly ISet<string> s_fields = Fields(
        Client.LeadFields.All.Where(f => f.Readable).Select(f => f.Name).Append(CustomFieldsField).ToArray());

    /// <summary>Where a server that returns custom-field values puts them (the vendor documents none).</summary>
    internal const string CustomFieldsField = "custom_fields";

    private readonly Dictionary<string, GrinfiArray> _arrays = new();

    internal GrinfiLead(JsonObject json)
        : base(json)
    {
    }

    /// <inheritdoc />
    public override string Uuid => ReadUuid();

    /// <summary>Full name.</summary>
    public string? Name => S("name");

    /// <summary>First name.</summary>
    public string? FirstName => S("first_name");

    /// <summary>Last name.</summary>
    public string? LastName => S("last_name");

    /// <summary>Company name.</summary>
    public string? CompanyName => S("company_name");

    /// <summary>Job title.</summary>
    public string? Position => S("position");

    /// <summary>LinkedIn headline.</summary>
    public string? Headline => S("headline");

    /// <summary>LinkedIn "about" text.</summary>
    public string? About => S("about");

    /// <summary>LinkedIn profile URL.</summary>
    public string? LinkedIn => S("linkedin");

    /// <summary>Work email.</summary>
    public string? WorkEmail => S("work_email");

    /// <summary>Personal email.</summary>
    public string? PersonalEmail => S("personal_email");

    /// <summary>Work phone number.</summary>
    public string? WorkPhoneNumber => S("work_phone_number");

    /// <summary>Personal phone number.</summary>
    public string? PersonalPhoneNumber => S("personal_phone_number");

    /// <summary>Address as free text.</summary>
    public string? RawAddress => S("raw_address");

    /// <summary>UUID of the contact's list (every contact is in exactly one).</summary>
    public string? ListUuid => S("list_uuid");

    /// <summary>Name of the contact's list, from the connection's cache.</summary>
    public string? ListName => Connection?.Cache.Lists.DisplayName(ListUuid);

    /// <summary>UUID of the contact's pipeline stage.</summary>
    public string? PipelineStageUuid => S("pipeline_stage_uuid");

    /// <summary>Name of the contact's pipeline stage, from the connection's cache.</summary>
    public string? PipelineStageName => Connection?.Cache.LeadStages.DisplayName(PipelineStageUuid);

    /// <summary>UUIDs of the contact's tags.</summary>
    public GrinfiArray Tags => A("tags");

    /// <summary>Names of the contact's tags, from the connection's cache.</summary>
    public GrinfiArray TagNames => Connection is null ? Tags : GrinfiArray.Of(Tags.Select(t => (object?)(Connection.Cache.Tags.DisplayName(t as string) ?? t)));

    /// <summary>LinkedIn member id.</summary>
    public string? LnId => S("ln_id");

    /// <summary>Sales Navigator id.</summary>
    public string? SnId => S("sn_id");

    /// <summary>Facebook profile.</summary>
    public string? Facebook => S("facebook");

    /// <summary>Twitter profile.</summary>
    public string? Twitter => S("twitter");

    /// <summary>Avatar image URL.</summary>
    public string? AvatarUrl => S("avatar_url");

    /// <summary>LinkedIn id of the contact's company.</summary>
    public string? CompanyLnId => S("company_ln_id");

    /// <summary>The language the profile is written in.</summary>
    public string? PrimaryLanguage => S("primary_language");

    /// <summary>Languages the profile is also written in.</summary>
    public GrinfiArray SupportedLanguages => A("supported_languages");

    /// <summary>Whether the profile is open (anyone can message it).</summary>
    public bool? HasOpenProfile => Flag("has_open_profile");

    /// <summary>Whether LinkedIn verified the profile.</summary>
    public bool? HasVerifiedProfile => Flag("has_verified_profile");

    /// <summary>Whether the member has LinkedIn Premium.</summary>
    public bool? HasPremium => Flag("has_premium");

    /// <summary>LinkedIn connections.</summary>
    public int? ConnectionsNumber => JsonRead.Int32(Json, "connections_number");

    /// <summary>LinkedIn followers.</summary>
    public int? FollowersNumber => JsonRead.Int32(Json, "followers_number");

    /// <summary>Contact status.</summary>
    public string? Status => S("status");

    /// <summary>LinkedIn connection status.</summary>
    public string? LinkedInStatus => S("linkedin_status");

    /// <summary>Email verification status.</summary>
    public string? EmailStatus => S("email_status");

    /// <summary>Locations.</summary>
    public GrinfiArray Location => A("location");

    /// <summary>Work history.</summary>
    public GrinfiArray Experience => A("experience");

    /// <summary>Education history.</summary>
    public GrinfiArray Educations => A("educations");

    /// <summary>Recent posts.</summary>
    public GrinfiArray Posts => A("posts");

    /// <summary>Skills.</summary>
    public GrinfiArray Skills => A("skills");

    /// <summary>Unread message counts.</summary>
    public GrinfiArray UnreadCounts => A("unread_counts");

    /// <summary>UUID of the contact's company record.</summary>
    public string? CompanyUuid => S("company_uuid");

    /// <summary>UUID of the sender profile that owns the contact.</summary>
    public string? SenderProfileUuid => S("sender_profile_uuid");

    /// <summary>UUID of the data source the contact came from.</summary>
    public string? DataSourceUuid => S("data_source_uuid");

    /// <summary>Team id.</summary>
    public long? TeamId => JsonRead.Int64(Json, "team_id");

    /// <summary>Id of the user who owns the contact.</summary>
    public long? UserId => JsonRead.Int64(Json, "user_id");

    /// <summary>When an automation step was last approved for the contact (local time).</summary>
    public DateTime? LastAutomationApproveAt => JsonRead.LocalTime(Json, "last_automation_approve_at");

    /// <summary>When the contact was created (local time).</summary>
    public DateTime? CreatedAt => JsonRead.LocalTime(Json, "created_at");

    /// <summary>When the contact last changed (local time).</summary>
    public DateTime? UpdatedAt => JsonRead.LocalTime(Json, "updated_at");

    private protected override ISet<string> KnownFields => s_fields;

    /// <inheritdoc />
    public override string ToString() => Name is { Length: > 0 } name ? name : Uuid;

    private string? S(string name) => JsonRead.String(Json, name);

    // The schema types these as integers (0 or 1).
    private bool? Flag(string name) => JsonRead.Int64(Json, name) is long n ? n != 0 : JsonRead.Boolean(Json, name);

    private GrinfiArray A(string name)
    {
        lock (_arrays)
        {
            if (!_arrays.TryGetValue(name, out var array))
            {
                array = GrinfiArray.From(Json[name]);
                _arrays[name] = array;
            }
            return array;
        }
    }
}
