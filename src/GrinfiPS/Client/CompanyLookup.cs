using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>
/// One criterion of POST /leads/api/companies/lookup: a LinkedIn page (handle or numeric id), a
/// website, or a name. Each lookup item carries one identifier: the document says an item holds
/// "at least one", and not how several in one item combine.
/// </summary>
internal sealed class CompanyLookup
{
    private CompanyLookup(string key, string value, string description)
    {
        Key = key;
        Value = value;
        Description = description;
    }

    /// <summary>The lookup item's key: ln_id, linkedin, website or name.</summary>
    public string Key { get; }

    public string Value { get; }

    /// <summary>"website 'acme.com'", for messages.</summary>
    public string Description { get; }

    /// <summary>A company page URL (linkedin.com/company/acme-inc), a handle, or a numeric id (sent as ln_id).</summary>
    public static CompanyLookup ByLinkedIn(string value)
    {
        var text = value.Trim();
        if (text.Length > 0 && text.Trim('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').Length == 0)
        {
            return new CompanyLookup("ln_id", text, $"LinkedIn id '{text}'");
        }
        return new CompanyLookup("linkedin", CompanyHandle(text), $"LinkedIn page '{text}'");
    }

    public static CompanyLookup ByWebsite(string value) => new("website", value.Trim(), $"website '{value.Trim()}'");

    public static CompanyLookup ByName(string value) => new("name", value.Trim(), $"name '{value.Trim()}'");

    internal JsonObject Item() => new() { [Key] = Value };

    /// <summary>
    /// The handle of a company page URL (https://www.linkedin.com/company/acme-inc/ → acme-inc),
    /// the form the schema's examples show; anything else as given.
    /// </summary>
    internal static string CompanyHandle(string text)
    {
        var at = text.IndexOf("linkedin.com/company/", System.StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return text;
        }
        var rest = text.Substring(at + "linkedin.com/company/".Length);
        var end = rest.IndexOfAny(new[] { '/', '?', '#' });
        var handle = end < 0 ? rest : rest.Substring(0, end);
        return handle.Length > 0 ? System.Uri.UnescapeDataString(handle) : text;
    }
}
