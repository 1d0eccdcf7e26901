using System.Text.Json;
using System.Text.Json.Nodes;
using GrinfiPS.Sandbox.Data;
using GrinfiPS.Sandbox.Http;

namespace GrinfiPS.Sandbox.Endpoints;

/// <summary>
/// The <c>fields</c> of <c>POST /_sandbox/contacts</c>: values to stamp on every generated
/// contact, so a test can make, say, contacts without an email or with a known company.
/// Stricter than the API (an unknown key is a 422), because a typo in a test should fail.
/// </summary>
internal static class ContactFieldSetters
{
    private static readonly Dictionary<string, Action<Contact, string?>> _strings = new(StringComparer.Ordinal)
    {
        ["first_name"] = (c, v) => c.FirstName = v,
        ["last_name"] = (c, v) => c.LastName = v,
        ["company_name"] = (c, v) => c.CompanyName = v,
        ["position"] = (c, v) => c.Position = v,
        ["headline"] = (c, v) => c.Headline = v,
        ["about"] = (c, v) => c.About = v,
        ["avatar_url"] = (c, v) => c.AvatarUrl = v,
        ["ln_id"] = (c, v) => c.LnId = v,
        ["sn_id"] = (c, v) => c.SnId = v,
        ["linkedin"] = (c, v) => c.Linkedin = v,
        ["facebook"] = (c, v) => c.Facebook = v,
        ["twitter"] = (c, v) => c.Twitter = v,
        ["work_email"] = (c, v) => c.WorkEmail = v,
        ["email"] = (c, v) => c.WorkEmail = v,
        ["personal_email"] = (c, v) => c.PersonalEmail = v,
        ["work_phone_number"] = (c, v) => c.WorkPhoneNumber = v,
        ["personal_phone_number"] = (c, v) => c.PersonalPhoneNumber = v,
        ["raw_address"] = (c, v) => c.RawAddress = v,
        ["domain"] = (c, v) => c.Domain = v,
        ["status"] = (c, v) => c.Status = v,
        ["linkedin_status"] = (c, v) => c.LinkedinStatus = v,
        ["email_status"] = (c, v) => c.EmailStatus = v,
        ["company_uuid"] = (c, v) => c.CompanyUuid = v?.ToLowerInvariant(),
        ["sender_profile_uuid"] = (c, v) => c.SenderProfileUuid = v?.ToLowerInvariant(),
        ["data_source_uuid"] = (c, v) => c.DataSourceUuid = v?.ToLowerInvariant(),
    };

    private static readonly Dictionary<string, Action<Contact, int?>> _numbers = new(StringComparer.Ordinal)
    {
        ["connections_number"] = (c, v) => c.ConnectionsNumber = v,
        ["followers_number"] = (c, v) => c.FollowersNumber = v,
    };

    private static readonly Dictionary<string, Action<Contact, long?>> _dates = new(StringComparer.Ordinal)
    {
        ["last_automation_approve_at"] = (c, v) => c.LastAutomationApproveAt = v,
        ["updated_at"] = (c, v) => c.UpdatedAt = v ?? c.CreatedAt ?? c.UpdatedAt,
    };

    private static readonly Dictionary<string, Action<Contact, string[]>> _arrays = new(StringComparer.Ordinal)
    {
        ["skills"] = (c, v) => c.Skills = v,
        ["location"] = (c, v) => c.Location = v,
    };

    public static List<Action<Contact>> Parse(TeamStore store, JsonObject fields, ValidationErrors errors)
    {
        var setters = new List<Action<Contact>>();
        foreach (var (key, node) in fields)
        {
            var name = "fields." + key;
            var kind = JsonRead.Kind(node);
            if (_strings.TryGetValue(key, out var setString))
            {
                if (kind is JsonValueKind.String or JsonValueKind.Null)
                {
                    var value = node?.GetValue<string>();
                    setters.Add(c => setString(c, value));
                }
                else errors.Add(name, $"The {name} must be a string or null.");
            }
            else if (_numbers.TryGetValue(key, out var setNumber))
            {
                if (kind == JsonValueKind.Null) setters.Add(c => setNumber(c, null));
                else if (JsonRead.TryInteger(node, out var n) && n is >= 0 and <= int.MaxValue) setters.Add(c => setNumber(c, (int)n));
                else errors.Add(name, $"The {name} must be a whole number or null.");
            }
            else if (_dates.TryGetValue(key, out var setDate))
            {
                if (kind == JsonValueKind.Null) setters.Add(c => setDate(c, null));
                else if (kind == JsonValueKind.String && Timestamps.TryParse(node!.GetValue<string>(), out var ticks)) setters.Add(c => setDate(c, Timestamps.Truncate(ticks)));
                else errors.Add(name, $"The {name} must be an ISO 8601 date or null.");
            }
            else if (_arrays.TryGetValue(key, out var setArray))
            {
                var items = EndpointSupport.StringArray(node, name, errors, required: true);
                if (items is not null) setters.Add(c => setArray(c, [.. items]));
            }
            else if (key == "custom_fields")
            {
                var values = LeadWrites.ParseCustomFields(store, node, errors);
                setters.Add(c => LeadWrites.ApplyCustomFields(c, values));
            }
            else
            {
                errors.Add(name, $"The {name} field cannot be set here.");
            }
        }
        return setters;
    }
}
