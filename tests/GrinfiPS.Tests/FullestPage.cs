using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GrinfiPS.Tests;

/// <summary>
/// The largest real page of contacts: 1,000 (the most Get-GrinfiLead -PageSize asks for), every
/// field of the contract's lead filled, text fields as long as LinkedIn lets them be, serialized as
/// the API (and the sandbox) serves it. The default answer cap is chosen from its size.
/// </summary>
/// <remarks>
/// Lengths are LinkedIn's own limits where it has one (about 2,600 characters, headline 220,
/// position 100, company name 100, a post 3,000, a skill 80, at most 100 skills); counts it
/// does not limit are generous for one profile (25 positions, 6 schools, 10 posts, 5 locations).
/// Team-specific custom fields add 40 values of 100 characters. With <c>nonLatin</c> every text
/// is Cyrillic, which UTF-8 stores in two bytes a character: the worst case for a real team.
/// </remarks>
internal static class FullestPage
{
    public const int Contacts = 1000;

    public static byte[] Build(bool nonLatin)
    {
        var text = new TextSource(nonLatin);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024 * 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = 0; i < Contacts; i++)
            {
                WriteContact(w, i, text);
            }
            w.WriteEndArray();
            w.WriteNumber("limit", Contacts);
            w.WriteNumber("offset", 0);
            w.WriteNumber("total", 250_000);
            w.WriteBoolean("has_more", true);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteContact(Utf8JsonWriter w, int i, TextSource text)
    {
        string Uuid(int n) => new Guid(i, (short)n, 7, 1, 2, 3, 4, 5, 6, 7, 8).ToString();
        const string Date = "2025-03-04T10:11:12.123456Z";
        w.WriteStartObject();
        w.WriteString("uuid", Uuid(0));
        w.WriteNumber("team_id", 123456);
        w.WriteNumber("user_id", 654321);
        w.WriteString("sender_profile_uuid", Uuid(1));
        w.WriteString("list_uuid", Uuid(2));
        w.WriteString("data_source_uuid", Uuid(3));
        w.WriteString("pipeline_stage_uuid", Uuid(4));
        w.WriteString("company_uuid", Uuid(5));
        var first = text.Words(20);
        var last = text.Words(40);
        w.WriteString("name", first + " " + last);
        w.WriteString("first_name", first);
        w.WriteString("last_name", last);
        w.WriteString("company_name", text.Words(100));
        w.WriteString("company_ln_id", "12345678901234567890");
        w.WriteString("position", text.Words(100));
        w.WriteString("headline", text.Words(220));
        w.WriteString("about", text.Words(2600));
        w.WriteString("avatar_url", "https://media.licdn.com/dms/image/v2/D4E03AQH" + new string('x', 200) + "/profile-displayphoto-shrink_800_800/0/1700000000000?e=1750000000&v=beta&t=" + new string('y', 43));
        w.WriteString("ln_id", "ACoAA" + new string('Q', 34));
        w.WriteString("sn_id", "ACwAA" + new string('R', 34));
        w.WriteString("linkedin", "https://www.linkedin.com/in/" + new string('h', 100) + "/");
        w.WriteString("facebook", "https://www.facebook.com/" + new string('f', 50));
        w.WriteString("twitter", "https://twitter.com/" + new string('t', 15));
        w.WriteString("work_email", new string('w', 64) + "@" + new string('d', 60) + ".com");
        w.WriteString("personal_email", new string('p', 64) + "@gmail.com");
        w.WriteString("work_phone_number", "+380 44 123 45 67 ext. 1234");
        w.WriteString("personal_phone_number", "+380 67 123 45 67");
        w.WriteNumber("connections_number", 30000);
        w.WriteNumber("followers_number", 1234567);
        w.WriteString("primary_language", "uk");
        w.WriteStartArray("supported_languages");
        foreach (var language in new[] { "uk", "en", "de", "pl", "fr" })
        {
            w.WriteStringValue(language);
        }
        w.WriteEndArray();
        w.WriteNumber("has_open_profile", 1);
        w.WriteNumber("has_verified_profile", 1);
        w.WriteNumber("has_premium", 1);
        w.WriteStartArray("experience");
        for (var n = 0; n < 25; n++)
        {
            w.WriteStartObject();
            w.WriteString("title", text.Words(100));
            w.WriteString("company", text.Words(100));
            w.WriteString("start_date", "2015-01");
            w.WriteString("end_date", "2019-12");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("posts");
        for (var n = 0; n < 10; n++)
        {
            w.WriteStartObject();
            w.WriteString("content", text.Words(3000));
            w.WriteString("date", Date);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("educations");
        for (var n = 0; n < 6; n++)
        {
            w.WriteStartObject();
            w.WriteString("school", text.Words(100));
            w.WriteString("degree", text.Words(100));
            w.WriteString("field_of_study", text.Words(100));
            w.WriteString("start_year", "2005");
            w.WriteString("end_year", "2010");
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("skills");
        for (var n = 0; n < 100; n++)
        {
            w.WriteStringValue(text.Words(80));
        }
        w.WriteEndArray();
        w.WriteString("raw_address", text.Words(200));
        w.WriteStartArray("location");
        for (var n = 0; n < 5; n++)
        {
            w.WriteStartObject();
            w.WriteString("address_string", text.Words(200));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("tags");
        for (var n = 0; n < 20; n++)
        {
            w.WriteStringValue(Uuid(100 + n));
        }
        w.WriteEndArray();
        w.WriteString("status", "ok");
        w.WriteString("linkedin_status", "active");
        w.WriteString("email_status", "valid");
        w.WriteStartArray("unread_counts");
        foreach (var category in new[] { "linkedin", "email", "inmail", "sales_navigator" })
        {
            w.WriteStartObject();
            w.WriteString("category", category);
            w.WriteNumber("count", 99);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("last_automation_approve_at", Date);
        w.WriteString("created_at", Date);
        w.WriteString("updated_at", Date);
        w.WriteStartObject("custom_fields");
        for (var n = 0; n < 40; n++)
        {
            w.WriteString($"custom_field_{n:00}", text.Words(100));
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Deterministic words of realistic length, Latin or Cyrillic.</summary>
    private sealed class TextSource
    {
        private static readonly string[] s_latin = ["growth", "sales", "enterprise", "customer", "platform", "strategy", "revenue", "teams", "building", "partner", "müller", "café", "and", "the", "for", "with"];
        private static readonly string[] s_cyrillic = ["зростання", "продажі", "підприємство", "клієнт", "платформа", "стратегія", "дохід", "команди", "будуємо", "партнер", "і", "та", "для", "з"];
        private readonly string[] _words;
        private int _next;

        public TextSource(bool nonLatin) => _words = nonLatin ? s_cyrillic : s_latin;

        /// <summary>Exactly <paramref name="length"/> characters of words and spaces.</summary>
        public string Words(int length)
        {
            var sb = new StringBuilder(length + 16);
            while (sb.Length < length)
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }
                sb.Append(_words[_next++ % _words.Length]);
            }
            sb.Length = length;
            return sb.ToString();
        }
    }
}
