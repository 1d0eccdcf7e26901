using System.Buffers;
using System.Text.Json;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// Serializes a contact in the document's lead schema, and caches the bytes on the contact:
/// a page of 100 leads is then a concatenation of cached arrays instead of 100 serializations.
/// The minimal reading writes exactly the schema: a field the schema does not let be null is
/// left out rather than sent as null, and there are no custom field values (no documented
/// call returns them). The generous reading writes every field, nulls included, and adds
/// <c>custom_fields</c> (<c>{name: value}</c>).
/// </summary>
internal static class ContactJson
{
    /// <summary>The contact's JSON in a reading; call under the team's lock.</summary>
    public static byte[] Get(Contact c, TeamStore store, SandboxReading reading)
    {
        var generous = reading == SandboxReading.Generous;
        if (c.CachedSchema != store.SchemaVersion)
        {
            c.DropCachedJson();
            c.CachedSchema = store.SchemaVersion;
        }
        var cached = generous ? c.CachedGenerousJson : c.CachedJson;
        if (cached is not null) return cached;
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, ApiResult.WriterOptions))
        {
            Write(w, c, store, generous);
        }
        cached = buffer.WrittenSpan.ToArray();
        if (generous) c.CachedGenerousJson = cached;
        else c.CachedJson = cached;
        return cached;
    }

    private static void Write(Utf8JsonWriter w, Contact c, TeamStore store, bool generous)
    {
        // Fields whose schema does not allow null: left out in the minimal reading when unset.
        void Required(string name, string? value)
        {
            if (value is not null) w.WriteString(name, value);
            else if (generous) w.WriteNull(name);
        }

        w.WriteStartObject();
        w.WriteString("uuid", c.Uuid);
        w.WriteNumber("team_id", c.TeamId);
        w.WriteNumber("user_id", c.UserId);
        w.WriteString("list_uuid", c.ListUuid);
        Required("pipeline_stage_uuid", c.PipelineStageUuid);
        Str(w, "company_uuid", c.CompanyUuid);
        Str(w, "sender_profile_uuid", c.SenderProfileUuid);
        Str(w, "data_source_uuid", c.DataSourceUuid);
        Str(w, "name", c.Name);
        Str(w, "first_name", c.FirstName);
        Str(w, "last_name", c.LastName);
        Str(w, "company_name", c.CompanyName);
        Str(w, "position", c.Position);
        Str(w, "headline", c.Headline);
        Str(w, "about", c.About);
        Str(w, "avatar_url", c.AvatarUrl);
        Str(w, "ln_id", c.LnId);
        Str(w, "sn_id", c.SnId);
        Str(w, "linkedin", c.Linkedin);
        Str(w, "facebook", c.Facebook);
        Str(w, "twitter", c.Twitter);
        Str(w, "work_email", c.WorkEmail);
        Str(w, "personal_email", c.PersonalEmail);
        Str(w, "work_phone_number", c.WorkPhoneNumber);
        Str(w, "personal_phone_number", c.PersonalPhoneNumber);
        Num(w, "connections_number", c.ConnectionsNumber);
        Num(w, "followers_number", c.FollowersNumber);
        Str(w, "raw_address", c.RawAddress);

        // The document's shapes: location items are {address_string}, experience {title, company, start_date, end_date}.
        w.WriteStartArray("location");
        foreach (var place in c.Location)
        {
            w.WriteStartObject();
            w.WriteString("address_string", place);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("experience");
        foreach (var e in c.Experience)
        {
            w.WriteStartObject();
            w.WriteString("title", e.Position);
            w.WriteString("company", e.CompanyName);
            w.WriteString("start_date", e.StartDate);
            // end_date is a string, never null: a current position has none.
            if (e.EndDate is not null) w.WriteString("end_date", e.EndDate);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("educations");
        foreach (var e in c.Educations)
        {
            w.WriteStartObject();
            w.WriteString("school", e.School);
            w.WriteString("degree", e.Degree);
            w.WriteString("field_of_study", e.FieldOfStudy);
            // The document types the years as strings.
            w.WriteString("start_year", e.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("end_year", e.EndYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("posts");
        foreach (var p in c.Posts)
        {
            w.WriteStartObject();
            w.WriteString("content", p.Text);
            w.WriteString("date", p.PostedAt);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        Strings(w, "skills", c.Skills);
        Strings(w, "tags", c.Tags);
        Required("status", c.Status);
        Required("linkedin_status", c.LinkedinStatus);
        Str(w, "email_status", c.EmailStatus);

        w.WriteStartArray("unread_counts");
        foreach (var u in c.UnreadCounts)
        {
            w.WriteStartObject();
            w.WriteString("category", u.Channel);
            w.WriteNumber("count", u.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        Date(w, "last_automation_approve_at", c.LastAutomationApproveAt);
        Date(w, "created_at", c.CreatedAt);
        Date(w, "updated_at", c.UpdatedAt);

        if (!generous)
        {
            w.WriteEndObject();
            return;
        }

        // Not in the document's lead: served so clients learn to keep fields they do not know.
        w.WriteStartObject("custom_fields");
        if (c.CustomFields.Count > 0)
        {
            foreach (var field in store.CustomFieldsInOrder)
            {
                if (c.CustomFields.TryGetValue(field.Uuid, out var value))
                {
                    w.WritePropertyName(field.Name);
                    value.WriteTo(w);
                }
            }
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void Num(Utf8JsonWriter w, string name, int? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteNumber(name, value.Value);
    }

    private static void Date(Utf8JsonWriter w, string name, long? ticks)
    {
        if (ticks is null)
        {
            w.WriteNull(name);
            return;
        }
        Span<char> buffer = stackalloc char[27];
        w.WriteString(name, buffer[..Timestamps.Format(ticks.Value, buffer)]);
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
