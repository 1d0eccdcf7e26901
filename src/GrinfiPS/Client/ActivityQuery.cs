using System;
using System.Text.Json.Nodes;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// The filter of GET /leads/api/activities, a JSON string with the keys the vendor documents:
/// lead_uuid or company_uuid, type, and a created_at range. <see cref="Admits"/> checks an
/// answer's item against it, so that a server that ignores the filter is caught, not believed.
/// </summary>
internal sealed class ActivityQuery
{
    /// <param name="apiObject">lead or company, with <paramref name="objectUuid"/>; null for the whole team.</param>
    /// <param name="objectUuid">The contact's or company's UUID.</param>
    /// <param name="type">One activity type, or null for all.</param>
    /// <param name="after">Only activities created after this instant (exclusive).</param>
    /// <param name="before">Only activities created before this instant (exclusive).</param>
    public ActivityQuery(string? apiObject, string? objectUuid, string? type, DateTime? after, DateTime? before)
    {
        ApiObject = apiObject;
        ObjectUuid = objectUuid;
        Type = type;
        After = after?.ToUniversalTime();
        Before = before?.ToUniversalTime();
    }

    public string? ApiObject { get; }

    public string? ObjectUuid { get; }

    public string? Type { get; }

    public DateTime? After { get; }

    public DateTime? Before { get; }

    /// <summary>The filter as the API takes it: {"lead_uuid":"...","type":"email_sent","created_at":{"&gt;":"..."}}.</summary>
    public string FilterText()
    {
        var filter = new JsonObject();
        if (ObjectUuid is not null)
        {
            filter[ApiObject == "company" ? "company_uuid" : "lead_uuid"] = ObjectUuid;
        }
        if (Type is not null)
        {
            filter["type"] = Type;
        }
        if (After is not null || Before is not null)
        {
            var range = new JsonObject();
            if (After is DateTime a)
            {
                range[">"] = Iso(a);
            }
            if (Before is DateTime b)
            {
                range["<"] = Iso(b);
            }
            filter["created_at"] = range;
        }
        return JsonFormat.Text(filter);
    }

    /// <summary>Why an activity the server returned is outside the filter, or null when it is inside (or cannot be told).</summary>
    public string? Admits(GrinfiActivity activity)
    {
        if (ObjectUuid is not null && activity.ObjectUuid is { } on
            && (!string.Equals(on, ObjectUuid, StringComparison.OrdinalIgnoreCase)
                || (activity.ObjectType is { } kind && !string.Equals(kind, ApiObject, StringComparison.OrdinalIgnoreCase))))
        {
            return $"it is on {activity.ObjectType ?? "object"} {on}, where the filter asked for {ApiObject} {ObjectUuid}";
        }
        if (Type is not null && activity.Type is { } type && !string.Equals(type, Type, StringComparison.Ordinal))
        {
            return $"its type is {type}, where the filter asked for {Type}";
        }
        var created = JsonRead.String(activity.Json, "created_at") is { } text && DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTime?)null;
        if (created is DateTime c && ((After is DateTime a && c <= a) || (Before is DateTime b && c >= b)))
        {
            return $"it was created at {Iso(c)}, outside the range asked for";
        }
        return null;
    }

    /// <summary>An instant as the lead filters send one: ISO 8601 UTC with ticks.</summary>
    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
