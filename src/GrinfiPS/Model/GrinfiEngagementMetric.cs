using System;
using System.Collections.Generic;

namespace GrinfiPS.Model;

/// <summary>
/// The team's outreach over a period, team-wide (the API counts for the whole team whatever is
/// asked). Each metric is the API's, named in PascalCase; a metric not asked for, or not
/// answered, is null, never 0.
/// </summary>
public sealed class GrinfiEngagementMetric
{
    private readonly IReadOnlyDictionary<string, long> _counts;

    internal GrinfiEngagementMetric(DateTime from, DateTime to, IReadOnlyDictionary<string, long> counts)
    {
        From = from;
        To = to;
        _counts = counts;
    }

    /// <summary>Start of the period (local time, inclusive).</summary>
    public DateTime From { get; }

    /// <summary>End of the period (local time, inclusive).</summary>
    public DateTime To { get; }

    /// <summary>linkedin_connection_request_sent_count.</summary>
    public long? LinkedInConnectionRequestSentCount => Get("linkedin_connection_request_sent_count");

    /// <summary>linkedin_connection_request_accepted_count.</summary>
    public long? LinkedInConnectionRequestAcceptedCount => Get("linkedin_connection_request_accepted_count");

    /// <summary>linkedin_sent_count.</summary>
    public long? LinkedInSentCount => Get("linkedin_sent_count");

    /// <summary>linkedin_opened_count.</summary>
    public long? LinkedInOpenedCount => Get("linkedin_opened_count");

    /// <summary>linkedin_inbox_count.</summary>
    public long? LinkedInInboxCount => Get("linkedin_inbox_count");

    /// <summary>linkedin_inmail_sent_count.</summary>
    public long? LinkedInInMailSentCount => Get("linkedin_inmail_sent_count");

    /// <summary>linkedin_inmail_replied_count.</summary>
    public long? LinkedInInMailRepliedCount => Get("linkedin_inmail_replied_count");

    /// <summary>email_sent_count.</summary>
    public long? EmailSentCount => Get("email_sent_count");

    /// <summary>email_opened_count.</summary>
    public long? EmailOpenedCount => Get("email_opened_count");

    /// <summary>email_clicked_count.</summary>
    public long? EmailClickedCount => Get("email_clicked_count");

    /// <summary>email_bounced_count.</summary>
    public long? EmailBouncedCount => Get("email_bounced_count");

    /// <summary>email_unsubscribed_count.</summary>
    public long? EmailUnsubscribedCount => Get("email_unsubscribed_count");

    /// <summary>email_inbox_count.</summary>
    public long? EmailInboxCount => Get("email_inbox_count");

    private long? Get(string metric) => _counts.TryGetValue(metric, out var n) ? n : null;
}
