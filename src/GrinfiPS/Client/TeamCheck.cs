using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// One team at a time: an object read through one team's key, given to a command that works
/// with another team, is refused before any request. Its UUID means nothing there, or worse,
/// something else.
/// </summary>
internal static class TeamCheck
{
    /// <summary>The error for an object of another team than <paramref name="team"/>, or null when it is of that team (or either is unknown).</summary>
    public static GrinfiException? Refusal(GrinfiObject item, long? team, string given)
    {
        // An answer that leaves team_id out (automations do) still came through a connection
        // that knows its team.
        var its = Model.JsonRead.Int64(item.Json, "team_id") ?? item.Connection?.TeamId;
        if (its is not long owner || team is not long connected || owner == connected)
        {
            return null;
        }
        var noun = item switch
        {
            GrinfiLead => "contact",
            GrinfiPipelineStage => "pipeline stage",
            GrinfiCustomField => "custom field",
            _ => item.GetType().Name.Replace("Grinfi", "").ToLowerInvariant(),
        };
        return new GrinfiException(GrinfiErrorKind.InvalidInput, "GrinfiOtherTeam",
            $"The {noun} '{item}' given to {given} belongs to team {owner}, and this connection works with team {connected}.")
        {
            TargetObject = item,
            RecommendedAction = $"Give it to a command connected to team {owner} (-Connection), or find the {noun} of team {connected} by name.",
        };
    }
}
