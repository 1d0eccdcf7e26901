using System.Text.Json.Nodes;

namespace GrinfiPS.Client;

/// <summary>POST /leads/api/leads/lookup-one: one contact by LinkedIn id, email, or name and company.</summary>
internal sealed class LeadLookup
{
    private LeadLookup(JsonObject body, string description)
    {
        Body = body;
        Description = description;
    }

    internal JsonObject Body { get; }

    /// <summary>"email 'jane@acme.com'", for messages.</summary>
    public string Description { get; }

    public static LeadLookup ByLinkedInId(string value) => new(new JsonObject { ["linkedin_id"] = value }, $"LinkedIn id '{value}'");

    public static LeadLookup ByEmail(string value) => new(new JsonObject { ["email"] = value }, $"email '{value}'");

    public static LeadLookup ByName(string name, string companyName) =>
        new(new JsonObject { ["name"] = name, ["company_name"] = companyName }, $"name '{name}' at '{companyName}'");
}
