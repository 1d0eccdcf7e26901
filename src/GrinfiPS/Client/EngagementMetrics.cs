using System;
using System.Collections.Generic;
using System.Linq;

namespace GrinfiPS.Client;

/// <summary>
/// The outreach metrics POST /leads/api/leads/metrics documents, once: the API's names (its
/// enum, in its order) and the GrinfiEngagementMetric properties that carry them (the API's
/// names in PascalCase, LinkedIn and InMail spelled so). A test checks the model agrees.
/// </summary>
internal static class EngagementMetrics
{
    private static readonly (string Api, string Property)[] s_all =
    {
        ("linkedin_connection_request_sent_count", "LinkedInConnectionRequestSentCount"),
        ("linkedin_connection_request_accepted_count", "LinkedInConnectionRequestAcceptedCount"),
        ("linkedin_sent_count", "LinkedInSentCount"),
        ("linkedin_opened_count", "LinkedInOpenedCount"),
        ("linkedin_inbox_count", "LinkedInInboxCount"),
        ("linkedin_inmail_sent_count", "LinkedInInMailSentCount"),
        ("linkedin_inmail_replied_count", "LinkedInInMailRepliedCount"),
        ("email_sent_count", "EmailSentCount"),
        ("email_opened_count", "EmailOpenedCount"),
        ("email_clicked_count", "EmailClickedCount"),
        ("email_bounced_count", "EmailBouncedCount"),
        ("email_unsubscribed_count", "EmailUnsubscribedCount"),
        ("email_inbox_count", "EmailInboxCount"),
    };

    /// <summary>Every metric, as the API names them.</summary>
    public static IReadOnlyList<string> Names { get; } = s_all.Select(m => m.Api).ToList();

    /// <summary>API name → property name.</summary>
    public static IReadOnlyList<(string Api, string Property)> All => s_all;

    /// <summary>The API name for a metric written as the API or as the property names it ("email_sent_count", "EmailSentCount", "emailsentcount"); null when none.</summary>
    public static string? Resolve(string name)
    {
        var loose = LeadFields.Loose(name);
        return s_all.FirstOrDefault(m => LeadFields.Loose(m.Api) == loose || LeadFields.Loose(m.Property) == loose).Api;
    }

    /// <summary>Metric names close to a misspelt one.</summary>
    public static IReadOnlyList<string> Suggest(string name) => Fuzzy.Suggest(Names, name);
}
