using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// A little history for the seeded contacts: activities on the first few hundred (connection
/// requests, messages, emails, stage changes, in the order they would happen), notes on some,
/// and a short do-not-contact list of each kind. It draws from a generator of its own, after
/// everything else is seeded, so the contacts and the rest of the data stay as they were.
/// </summary>
internal static class RecordSeeder
{
    /// <summary>Contacts that get a history: enough for tests, few enough for 100,000-contact benchmarks to start as fast.</summary>
    private const int WithHistory = 300;

    private static readonly string[] _notes =
    [
        "Follow up after the demo next week.",
        "Asked for pricing for 50 seats; send the deck.",
        "Met at the conference booth, interested in the API.",
        "Prefers email over LinkedIn messages.",
        "Out of office until the end of the month.",
        "Decision maker is the CFO; loop her in.",
    ];

    public static void Seed(TeamStore store, IReadOnlyList<Contact> contacts, int seed, long anchor)
    {
        var rng = new Random(unchecked(seed * 7207 + store.TeamId * 613 + 5));
        var flows = store.Flows.Where(f => f.Status == "on").Select(f => f.Uuid).ToList();
        foreach (var contact in contacts.Take(WithHistory))
        {
            var at = contact.CreatedAt ?? anchor; // seeded contacts always have one
            long Later() => at = Math.Min(anchor - 1, at + (long)(rng.NextDouble() * 5 * TimeSpan.TicksPerDay) + TimeSpan.TicksPerMinute);
            var flow = flows.Count > 0 ? flows[rng.Next(flows.Count)] : Guid.Empty.ToString("D");
            var steps = rng.Next(4);
            var linkedin = rng.Next(2) == 0;
            for (var i = 0; i < steps; i++)
            {
                var type = linkedin
                    ? new[] { "linkedin_connection_request_sent", "linkedin_connection_request_accepted", "linkedin_message_sent" }[i]
                    : new[] { "email_sent", "email_opened", "email_replied" }[i];
                Add(store, contact, type, new JsonObject { ["flow_uuid"] = flow, ["flow_origin"] = "automation" }, Later(), rng);
            }
            if (contact.PipelineStageUuid is { } stage && rng.Next(3) == 0)
            {
                Add(store, contact, "pipeline_stage_changed", new JsonObject { ["pipeline_stage_uuid"] = stage }, Later(), rng);
            }
            if (rng.Next(10) == 0)
            {
                var noted = Later();
                store.Notes.Add(new Note
                {
                    Uuid = Seeder.NewUuid(rng), TeamId = store.TeamId, UserId = store.User.Id, Object = "lead", ObjectUuid = contact.Uuid,
                    Text = _notes[rng.Next(_notes.Length)], CreatedAt = noted, UpdatedAt = noted,
                });
            }
        }
        store.Activities.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        store.Notes.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));

        var listed = anchor - 30 * TimeSpan.TicksPerDay;
        BlacklistEntry Person(string? email, string? linkedin, string? name = null, string? company = null) => new()
        {
            Uuid = Seeder.NewUuid(rng), TeamId = store.TeamId, UserId = store.User.Id, Company = false,
            Email = email, Linkedin = linkedin, Name = name, CompanyName = company, CreatedAt = listed += TimeSpan.TicksPerHour,
        };
        store.PeopleBlacklist.Add(Person("unsubscribe@competitor.example", null));
        store.PeopleBlacklist.Add(Person("legal@bigcorp.example", null));
        store.PeopleBlacklist.Add(Person(null, "do-not-contact-me"));
        store.PeopleBlacklist.Add(Person(null, null, "Max Mustermann", "Beispiel GmbH"));
        foreach (var domain in new[] { "competitor.example", "bigcorp.example" })
        {
            store.CompaniesBlacklist.Add(new BlacklistEntry
            {
                Uuid = Seeder.NewUuid(rng), TeamId = store.TeamId, UserId = store.User.Id, Company = true, Domain = domain, CreatedAt = listed += TimeSpan.TicksPerHour,
            });
        }
    }

    private static void Add(TeamStore store, Contact contact, string type, JsonObject payload, long at, Random rng) =>
        store.Activities.Add(new Activity { Uuid = Seeder.NewUuid(rng), TeamId = store.TeamId, ObjectType = "lead", ObjectUuid = contact.Uuid, Type = type, Payload = payload, CreatedAt = at });
}
