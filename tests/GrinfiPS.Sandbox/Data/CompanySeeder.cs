using static GrinfiPS.Sandbox.Data.SeedVocabulary;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// The companies of a seeded team: one per company name the contacts use, with the uuids the
/// contacts' company_uuid already holds. Each company's details come from a generator of its
/// own (name and team), so seeding companies draws nothing from the team's generator and the
/// seeded contacts stay exactly as they were.
/// </summary>
internal static class CompanySeeder
{
    private static readonly string[] _ranges = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000"];

    public static void Seed(TeamStore store, long anchor, Func<string, string> uuidOf)
    {
        var day = TimeSpan.TicksPerDay;
        var prospects = store.Lists.Find(l => l.Name == "Prospects")?.Uuid;
        var customers = store.Lists.Find(l => l.Name == "Customers")?.Uuid;
        var target = store.Stages.Find(s => s.Object == "company" && s.Name == "Target")?.Uuid;
        var customer = store.Stages.Find(s => s.Object == "company" && s.Name == "Customer")?.Uuid;
        var vip = store.Tags.Find(t => t.Name == "VIP")?.Uuid;
        var partner = store.Tags.Find(t => t.Name == "Partner")?.Uuid;
        for (var i = 0; i < Companies.Length; i++)
        {
            var (name, domain) = Companies[i];
            var rng = new Random(StableHash(name) ^ (store.TeamId * 7919));
            var (city, country) = Places[rng.Next(Places.Length)];
            var at = anchor - (740 - i * 3) * day + rng.Next(1000) * TimeSpan.TicksPerSecond;
            var company = new Company(uuidOf(name))
            {
                TeamId = store.TeamId,
                UserId = store.User.Id,
                Name = name,
                Domain = domain,
                Website = "https://" + domain,
                Linkedin = Handle(name),
                LnId = i % 4 == 3 ? null : 1_000_000 + rng.Next(90_000_000),
                Phone = i % 3 == 0 ? $"+1 555 01{rng.Next(100):00}" : null,
                HqRawAddress = $"{city}, {country}",
                HqLocation = [$"{city}, {country}"],
                Industry = Industries[rng.Next(Industries.Length)],
                EmployeesRange = _ranges[rng.Next(_ranges.Length)],
                YearEstablished = 1950 + rng.Next(74),
                About = i % 2 == 0 ? $"{name} builds tools for {Industries[rng.Next(Industries.Length)].ToLowerInvariant()} teams." : null,
                LeadStatusUuid = (i % 5) switch { 0 => target, 1 => customer, _ => null },
                CreatedAt = at,
                UpdatedAt = at + rng.Next(100) * day,
            };
            // A company can be in several lists: some are in both.
            if (prospects is not null && i % 3 != 2) company.Lists.Add(prospects);
            if (customers is not null && i % 5 == 1) company.Lists.Add(customers);
            if (vip is not null && i % 7 == 0) company.Tags.Add(vip);
            if (partner is not null && i % 6 == 1) company.Tags.Add(partner);
            store.Companies[company.Uuid] = company;
        }
    }

    /// <summary>A LinkedIn company handle: "Acme Inc" → "acme-inc".</summary>
    public static string Handle(string name) =>
        string.Join("-", name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => new string(p.Where(char.IsLetterOrDigit).ToArray())).Where(p => p.Length > 0));

    private static int StableHash(string text)
    {
        var hash = 23;
        foreach (var ch in text) hash = unchecked(hash * 37 + ch);
        return hash;
    }
}
