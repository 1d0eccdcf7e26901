using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace GrinfiPS.Client;

/// <summary>
/// The activity types the vendor documents ("Known activity types" of GET /leads/api/activities),
/// for completion and for a warning on a type outside them; the list is not closed, so other
/// types of the right form are sent as given.
/// </summary>
internal static class ActivityTypes
{
    private static readonly Regex s_form = new("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    public static IReadOnlyList<string> Known { get; } = new[]
    {
        "pipeline_stage_changed", "linkedin_message_sent", "linkedin_message_replied", "linkedin_connection_request_sent",
        "linkedin_connection_request_accepted", "email_sent", "email_replied", "email_opened", "email_clicked",
        "email_bounced", "contact_enriched",
    };

    public static bool IsKnown(string type) => Known.Contains(type);

    /// <summary>An activity type: lower-case words joined by underscores (email_sent).</summary>
    /// <exception cref="GrinfiException">GrinfiInvalidActivityType.</exception>
    public static string Check(string? type)
    {
        var text = type?.Trim() ?? "";
        return s_form.IsMatch(text)
            ? text
            : throw GrinfiException.InvalidInput("GrinfiInvalidActivityType",
                $"'{type}' is not an activity type: types are lower-case words joined by underscores, such as email_sent.", type,
                $"Use one of {string.Join(", ", Known)}, or another type of that form.");
    }
}
