namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// The sandbox's data: one <see cref="TeamStore"/> per team. A reset builds fresh stores
/// and swaps them in whole, so a request in flight finishes against the data it started
/// with instead of seeing a half-seeded team.
/// </summary>
public sealed class SandboxData
{
    /// <summary>Contacts team 2 always gets.</summary>
    public const int SecondTeamContacts = 20;

    private readonly TimeProvider _time;
    private volatile TeamStore[] _teams;

    internal SandboxData(TimeProvider time, int contacts, int seed)
    {
        _time = time;
        _teams = Build(contacts, seed);
    }

    /// <summary>Ids of the teams that exist.</summary>
    public IReadOnlyList<int> TeamIds { get; } = [1, 2];

    /// <summary>The store of a team.</summary>
    public TeamStore this[int teamId] => Team(teamId);

    /// <summary>The store of a team; throws for a team that does not exist.</summary>
    public TeamStore Team(int teamId) =>
        TryGetTeam(teamId) ?? throw new ArgumentOutOfRangeException(nameof(teamId), teamId, "Teams 1 and 2 exist.");

    internal TeamStore? TryGetTeam(int teamId)
    {
        var teams = _teams;
        return teamId >= 1 && teamId <= teams.Length ? teams[teamId - 1] : null;
    }

    internal void Reset(int contacts, int seed) => _teams = Build(contacts, seed);

    private TeamStore[] Build(int contacts, int seed)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var anchor = new DateTime(now.Year, now.Month, now.Day, 0, 0, 0, DateTimeKind.Utc).Ticks;
        return
        [
            Seeder.SeedTeam(1, contacts, seed, _time, anchor),
            Seeder.SeedTeam(2, SecondTeamContacts, seed, _time, anchor),
        ];
    }
}
