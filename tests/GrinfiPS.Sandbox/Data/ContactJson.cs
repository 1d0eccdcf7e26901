using System.Buffers;
using System.Text.Json;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// Serializes a contact in the README's field order, and caches the bytes on the contact:
/// a page of 100 leads is then a concatenation of cached arrays instead of 100 serializations.
/// </summary>
internal static class ContactJson
{
    /// <summary>The contact's JSON; call under the team's lock.</summary>
    public static byte[] Get(Contact c, TeamStore store)
    {
        var cached = c.CachedJson;
        if (cached is not null && c.CachedSchema == store.SchemaVersion) return cached;
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, ApiResult.WriterOptions))
        {
            Write(w, c, store);
        }
        cached = buffer.WrittenSpan.ToArray();
        c.CachedJson = cached;
        c.CachedSchema = store.SchemaVersion;
        return cached;
    }

    private static void Write(Utf8JsonWriter w, Contact c, TeamStore store)
    {
        w.WriteStartObject();
        w.WriteString("uuid", c.Uuid);
        w.WriteNumber("team_id", c.TeamId);
        w.WriteNumber("user_id", c.UserId);
        w.WriteString("list_uuid", c.ListUuid);
        Str(w, "pipeline_stage_uuid", c.PipelineStageUuid);
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
        Strings(w, "location", c.Location);

        w.WriteStartArray("experience");
        foreach (var e in c.Experience)
        {
            w.WriteStartObject();
            w.WriteString("company_name", e.CompanyName);
            w.WriteString("position", e.Position);
            w.WriteString("start_date", e.StartDate);
            Str(w, "end_date", e.EndDate);
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
            w.WriteNumber("start_year", e.StartYear);
            w.WriteNumber("end_year", e.EndYear);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("posts");
        foreach (var p in c.Posts)
        {
            w.WriteStartObject();
            w.WriteString("text", p.Text);
            w.WriteString("posted_at", p.PostedAt);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        Strings(w, "skills", c.Skills);
        Strings(w, "tags", c.Tags);
        Str(w, "status", c.Status);
        Str(w, "linkedin_status", c.LinkedinStatus);
        Str(w, "email_status", c.EmailStatus);

        w.WriteStartArray("unread_counts");
        foreach (var u in c.UnreadCounts)
        {
            w.WriteStartObject();
            w.WriteString("channel", u.Channel);
            w.WriteNumber("count", u.Count);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        Date(w, "last_automation_approve_at", c.LastAutomationApproveAt);
        Date(w, "created_at", c.CreatedAt);
        Date(w, "updated_at", c.UpdatedAt);

        // Not in the contract's list: served so clients learn to keep fields they do not know.
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
