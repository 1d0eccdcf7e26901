using System.Text;
using static GrinfiPS.Sandbox.Data.SeedVocabulary;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// Builds a team's data from a seed: the fixed lists, stages, tags, fields and flows the
/// README names, and generated contacts. Every random choice comes from one seeded
/// generator per team, so the same seed always gives the same data.
/// </summary>
internal static class Seeder
{
    private const string Base64UrlChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly string[] _listNames = ["Webinar Q4", "Prospects", "Customers", "Conference 2026", "Newsletter", "Cold outreach"];

    // Share of contacts per list, in the order above.
    private static readonly int[] _listWeights = [15, 35, 10, 10, 15, 15];

    private static readonly (string Name, string Type, string Category)[] _leadStages =
    [
        ("New", "new", "cold"), ("Approaching", "approaching", "engaging"), ("Engaging", "engaging", "engaging"),
        ("Replied", "replied", "positive"), ("Interested", "custom", "positive"), ("Meeting booked", "custom", "positive"),
        ("Not interested", "custom", "negative"),
    ];

    private static readonly int[] _stageWeights = [30, 20, 15, 10, 10, 5, 10];

    private static readonly (string Name, string Color)[] _tags =
        [("VIP", "#e11d48"), ("Hot", "#f97316"), ("Partner", "#0ea5e9"), ("Follow-up", "#22c55e"), ("Do not contact", "#64748b")];

    private static readonly (string Name, string Status)[] _flows =
        [("Welcome sequence", "on"), ("Re-engagement", "on"), ("Event follow-up", "off"), ("Old campaign", "archived"), ("Draft idea", "draft")];

    // Names as they appear in handles and email addresses: ASCII, lower case ("müller" → "muller").
    private static readonly string[] _asciiFirstNames = FirstNames.Select(n => Ascii(n).ToLowerInvariant()).ToArray();
    private static readonly string[] _asciiLastNames = LastNames.Select(n => Ascii(n).ToLowerInvariant()).ToArray();

    /// <summary>The team's user; fixed, so keys minted before a reset still name it.</summary>
    public static SandboxUser UserFor(int teamId) => teamId == 1
        ? new SandboxUser("0b6f5a1e-3c7d-4e2f-9a8b-1c2d3e4f5a61", 1001, "Alex", "Morgan", "alex.morgan@sandbox.grinfi.test", "Europe/Berlin", 1)
        : new SandboxUser("7e2d9c4b-5a6f-4b3e-8d1c-2f3a4b5c6d72", 1002, "Sam", "Rivera", "sam.rivera@sandbox.grinfi.test", "America/New_York", 2);

    /// <summary>
    /// Seeded instants lie in the two years before <paramref name="anchor"/> (midnight UTC of
    /// the day the data is made), so contacts created later through the API sort after them.
    /// </summary>
    public static TeamStore SeedTeam(int teamId, int contactCount, int seed, TimeProvider time, long anchor)
    {
        var store = new TeamStore(teamId, UserFor(teamId), time, seed);
        var rng = new Random(unchecked(seed * 31 + teamId));
        var day = TimeSpan.TicksPerDay;
        var setupStart = anchor - 760 * day;

        for (var i = 0; i < _listNames.Length; i++)
        {
            var at = setupStart + i * 3 * day + RandomTicks(rng, day);
            store.Lists.Add(new LeadList { Uuid = NewUuid(rng), TeamId = teamId, Name = _listNames[i], CreatedAt = at, UpdatedAt = at });
        }
        for (var i = 0; i < _leadStages.Length; i++)
        {
            var (name, type, category) = _leadStages[i];
            store.Stages.Add(new PipelineStage
            {
                Uuid = NewUuid(rng), TeamId = teamId, Name = name, Object = "lead", Type = type, Category = category,
                Order = i + 1, CreatedAt = setupStart + RandomTicks(rng, day),
            });
        }
        store.Stages.Add(new PipelineStage { Uuid = NewUuid(rng), TeamId = teamId, Name = "Target", Object = "company", Type = "new", Category = "cold", Order = 1, CreatedAt = setupStart });
        store.Stages.Add(new PipelineStage { Uuid = NewUuid(rng), TeamId = teamId, Name = "Customer", Object = "company", Type = "custom", Category = "positive", Order = 2, CreatedAt = setupStart });
        for (var i = 0; i < _tags.Length; i++)
        {
            var at = setupStart + (20 + i) * day + RandomTicks(rng, day);
            store.Tags.Add(new Tag { Uuid = NewUuid(rng), TeamId = teamId, Name = _tags[i].Name, Color = _tags[i].Color, CreatedAt = at, UpdatedAt = at });
        }
        string[] fieldNames = ["industry", "deal_size", "source"];
        for (var i = 0; i < fieldNames.Length; i++)
        {
            store.CustomFields.Add(new CustomField
            {
                Uuid = NewUuid(rng), TeamId = teamId, UserId = store.User.Id, Name = fieldNames[i], Object = "lead",
                Order = i + 1, CreatedAt = setupStart + (25 + i) * day,
            });
        }
        for (var i = 0; i < _flows.Length; i++)
        {
            store.Flows.Add(new Flow { Uuid = NewUuid(rng), TeamId = teamId, Name = _flows[i].Name, Status = _flows[i].Status, CreatedAt = setupStart + (30 + i * 40) * day + RandomTicks(rng, day) });
        }

        var context = new SeedContext(store, rng, anchor);
        var contacts = new List<Contact>(contactCount);

        foreach (var (createdAt, groupSize) in CreatedAtPlan(rng, contactCount, anchor))
        {
            // A bulk-import group arrives in one list from one data source, as a CSV import would.
            var groupList = PickWeighted(rng, store.Lists, _listWeights).Uuid;
            var source = groupSize > 1 ? NewUuid(rng) : null;
            for (var k = 0; k < groupSize; k++)
            {
                var c = NewContact(context, createdAt, groupSize > 1 ? groupList : null);
                if (source is not null) c.DataSourceUuid = source;
                contacts.Add(c);
            }
            if (source is not null) store.DataSources.Add(SeedDataSource(store, source, groupList, groupSize, createdAt));
        }
        store.AddMany(contacts);
        CompanySeeder.Seed(store, anchor, context.CompanyUuid);
        // The few searches and imports single contacts come from (the context's fixed uuids),
        // as data sources with counts read off the contacts: no draw of the generator either.
        string[] sourceTypes = ["sn_leads_search", "ln_leads_search", "ln_my_network", "post_engagement"];
        string[] sourceStatuses = ["completed", "completed", "in_progress", "on_hold"];
        for (var i = 0; i < context.DataSources.Length; i++)
        {
            var uuid = context.DataSources[i];
            var saved = contacts.Count(c => c.DataSourceUuid == uuid);
            store.DataSources.Add(new DataSource
            {
                Uuid = uuid, TeamId = teamId, UserId = store.User.Id, Type = sourceTypes[i % sourceTypes.Length], Status = sourceStatuses[i % sourceStatuses.Length],
                ListUuid = store.Lists[i % store.Lists.Count].Uuid, CreatedAt = setupStart + (40 + i * 60) * day, UpdatedAt = anchor - (i + 1) * day,
                Saved = saved, Duplicate = saved / 5, Blacklisted = saved / 20, Error = i, Queued = sourceStatuses[i % sourceStatuses.Length] == "in_progress" ? 12 : 0,
            });
        }
        // Statuses, nodes and times of the records come from a generator of their own, so the
        // choice of members (and everything seeded before) stays what it always was.
        var records = new Random(unchecked(seed * 131 + teamId));
        foreach (var c in contacts.Where(c => rng.Next(100) < 12))
        {
            store.FlowLeads.Add(SeedFlowLead(store, store.Flows[rng.Next(2)].Uuid, c, records, anchor));
        }
        RecordSeeder.Seed(store, contacts, seed, anchor);
        return store;
    }

    /// <summary>The import job behind a bulk-import group: its counts follow from the group's size, without a random draw.</summary>
    private static DataSource SeedDataSource(TeamStore store, string uuid, string listUuid, int saved, long createdAt) => new()
    {
        Uuid = uuid, TeamId = store.TeamId, UserId = store.User.Id, Type = "csv_leads", Status = "completed", ListUuid = listUuid,
        CreatedAt = createdAt - TimeSpan.TicksPerMinute, UpdatedAt = createdAt,
        Saved = saved, Duplicate = saved / 7, Blacklisted = saved / 25, Error = saved % 4,
    };

    /// <summary>A seeded enrolment: mostly running, some paused, finished or failed, somewhere in the sequence.</summary>
    private static FlowLead SeedFlowLead(TeamStore store, string flowUuid, Contact contact, Random rng, long anchor)
    {
        var roll = rng.Next(100);
        var status = roll < 60 ? FlowLead.InProgress : roll < 70 ? FlowLead.Paused : roll < 90 ? FlowLead.Finished : FlowLead.Failed;
        var joined = contact.CreatedAt ?? anchor; // seeded contacts always have one
        var created = Timestamps.Truncate(joined + (long)((anchor - joined) * rng.NextDouble() * 0.5));
        return new FlowLead
        {
            Uuid = NewUuid(rng), TeamId = store.TeamId, FlowUuid = flowUuid, LeadUuid = contact.Uuid, Status = status,
            NodeId = status == FlowLead.Finished ? 4 : 1 + rng.Next(4), CreatedAt = created,
            UpdatedAt = Timestamps.Truncate(created + (long)((anchor - created) * rng.NextDouble())),
        };
    }

    /// <summary>
    /// Generated contacts for <c>POST /_sandbox/contacts</c>, drawing from the team's own
    /// generator, so a replayed test gets the same people.
    /// </summary>
    public static List<Contact> Generate(TeamStore store, int count, Func<int, long> createdAt, string listUuid) =>
        Generate(store, count, createdAt, listUuid, store.Generator);

    /// <summary>Generated contacts drawing from the given generator (phantom pages use their own, so they leave the team's sequence alone).</summary>
    public static List<Contact> Generate(TeamStore store, int count, Func<int, long> createdAt, string listUuid, Random rng)
    {
        var context = new SeedContext(store, rng, store.Now());
        var contacts = new List<Contact>(count);
        for (var i = 0; i < count; i++) contacts.Add(NewContact(context, createdAt(i), listUuid));
        return contacts;
    }

    /// <summary>
    /// When each seeded contact is created: unique instants over two years, except that
    /// about a quarter (from 100 contacts on) arrive in bulk-import groups sharing one
    /// instant, one group larger than 150 whenever a quarter of the contacts can hold it.
    /// </summary>
    private static IEnumerable<(long CreatedAt, int GroupSize)> CreatedAtPlan(Random rng, int count, long anchor)
    {
        var groups = new List<int>();
        if (count >= 100)
        {
            var bulk = count / 4;
            if (bulk >= 151 + 5)
            {
                var big = 151 + rng.Next(Math.Min(bulk - 151 - 5, 100) + 1);
                groups.Add(big);
                bulk -= big;
            }
            while (bulk > 0)
            {
                var size = Math.Min(bulk, 5 + rng.Next(56));
                if (bulk - size is > 0 and < 2) size = bulk;
                groups.Add(size);
                bulk -= size;
            }
        }
        var singles = count - groups.Sum();
        var sizes = new List<int>(singles + groups.Count);
        sizes.AddRange(groups);
        sizes.AddRange(Enumerable.Repeat(1, singles));
        // Shuffle so the big group is not always the oldest.
        for (var i = sizes.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (sizes[i], sizes[j]) = (sizes[j], sizes[i]);
        }
        var span = 730 * TimeSpan.TicksPerDay - TimeSpan.TicksPerHour;
        var used = new HashSet<long>();
        for (var g = 0; g < sizes.Count; g++)
        {
            long at;
            do
            {
                at = Timestamps.Truncate(anchor - span + RandomTicks(rng, span));
            }
            while (!used.Add(at));
            yield return (at, sizes[g]);
        }
    }

    private static Contact NewContact(SeedContext ctx, long createdAt, string? listUuid)
    {
        var rng = ctx.Rng;
        var store = ctx.Store;
        var c = new Contact(NewUuid(rng))
        {
            TeamId = store.TeamId,
            UserId = store.User.Id,
            ListUuid = listUuid ?? PickWeighted(rng, store.Lists, _listWeights).Uuid,
            CreatedAt = createdAt,
        };
        var firstIndex = rng.Next(FirstNames.Length);
        var lastIndex = rng.Next(LastNames.Length);
        var first = FirstNames[firstIndex];
        var last = LastNames[lastIndex];
        var firstAscii = _asciiFirstNames[firstIndex];
        var lastAscii = _asciiLastNames[lastIndex];
        var (company, domain) = Companies[rng.Next(Companies.Length)];
        var position = Positions[rng.Next(Positions.Length)];
        var (city, country) = Places[rng.Next(Places.Length)];
        c.FirstName = first;
        c.LastName = last;
        c.RefreshName();
        c.CompanyName = company;
        c.Position = position;
        c.Headline = rng.Next(3) switch
        {
            0 => $"{position} at {company}",
            1 => $"{position} | {Industries[rng.Next(Industries.Length)]} | {city}",
            _ => $"{position} @ {company} — {Skills[rng.Next(Skills.Length)]}",
        };
        c.CompanyUuid = rng.Next(100) < 60 ? ctx.CompanyUuid(company) : null;
        c.SenderProfileUuid = rng.Next(100) < 50 ? ctx.SenderProfiles[rng.Next(ctx.SenderProfiles.Length)] : null;
        c.DataSourceUuid = rng.Next(100) < 20 ? ctx.DataSources[rng.Next(ctx.DataSources.Length)] : null;
        c.About = rng.Next(100) < 40 ? AboutLines[rng.Next(AboutLines.Length)] : null;
        c.AvatarUrl = rng.Next(100) < 70 ? $"https://media.licdn.com/dms/image/{RandomChars(rng, 16)}/profile-displayphoto-shrink_200_200/0/" : null;

        var handle = ctx.UniqueHandle(firstAscii, lastAscii);
        c.Linkedin = rng.Next(100) < 95 ? LinkedinId.ProfileUrl(handle) : null;
        c.LnId = rng.Next(100) < 60 ? "ACoAA" + RandomChars(rng, 34) : null;
        c.SnId = rng.Next(100) < 25 ? "ACwAA" + RandomChars(rng, 34) : null;
        c.Facebook = rng.Next(100) < 5 ? $"https://www.facebook.com/{handle}" : null;
        c.Twitter = rng.Next(100) < 10 ? $"https://twitter.com/{firstAscii}_{lastAscii}{rng.Next(100)}" : null;
        var local = firstAscii + "." + lastAscii;
        c.WorkEmail = rng.Next(100) < 55 ? $"{local}@{domain}" : null;
        c.PersonalEmail = rng.Next(100) < 25 ? $"{local}{rng.Next(10, 99)}@{PersonalDomains[rng.Next(PersonalDomains.Length)]}" : null;
        c.WorkPhoneNumber = rng.Next(100) < 20 ? Phone(rng) : null;
        c.PersonalPhoneNumber = rng.Next(100) < 15 ? Phone(rng) : null;
        c.ConnectionsNumber = rng.Next(100) < 90 ? (int)Math.Min(30000, Math.Pow(rng.NextDouble(), 2) * 30000) : null;
        c.FollowersNumber = rng.Next(100) < 85 ? (int)(Math.Pow(rng.NextDouble(), 3) * 50000) : null;
        c.RawAddress = rng.Next(100) < 30 ? $"{rng.Next(1, 250)} {Streets[rng.Next(Streets.Length)]}, {city}, {country}" : null;
        c.Location = rng.Next(100) < 90 ? [city, country] : [];

        var startYear = 2008 + rng.Next(17);
        var experience = new List<Experience> { new(company, position, $"{startYear}-{1 + rng.Next(12):00}", null) };
        for (var i = rng.Next(3); i > 0; i--)
        {
            var end = startYear - rng.Next(2);
            var begin = end - 1 - rng.Next(5);
            experience.Add(new(Companies[rng.Next(Companies.Length)].Name, Positions[rng.Next(Positions.Length)], $"{begin}-{1 + rng.Next(12):00}", $"{end}-{1 + rng.Next(12):00}"));
            startYear = begin;
        }
        c.Experience = [.. experience];
        var educations = new List<Education>();
        for (var i = rng.Next(3); i > 0; i--)
        {
            var from = 1990 + rng.Next(30);
            educations.Add(new(Schools[rng.Next(Schools.Length)], Degrees[rng.Next(Degrees.Length)], FieldsOfStudy[rng.Next(FieldsOfStudy.Length)], from, from + 2 + rng.Next(3)));
        }
        c.Educations = [.. educations];
        c.Posts = rng.Next(100) < 5
            ? [new(PostLines[rng.Next(PostLines.Length)], Timestamps.Format(createdAt + RandomTicks(rng, Math.Max(1, ctx.Anchor - createdAt))))]
            : [];
        c.Skills = Distinct(rng, Skills, 2 + rng.Next(5));

        var tagRoll = rng.Next(100);
        var tagCount = tagRoll < 50 ? 0 : tagRoll < 85 ? 1 : 2;
        c.Tags = [.. Distinct(rng, ctx.TagUuids, tagCount)];
        var leadStages = ctx.LeadStages;
        c.PipelineStageUuid = rng.Next(100) < 85 && leadStages.Count > 0
            ? (leadStages.Count == _stageWeights.Length ? PickWeighted(rng, leadStages, _stageWeights) : leadStages[rng.Next(leadStages.Count)]).Uuid
            : null;
        c.Status = ContactStatuses[rng.Next(ContactStatuses.Length)];
        c.LinkedinStatus = LinkedinStatuses[rng.Next(LinkedinStatuses.Length)];
        c.EmailStatus = c.WorkEmail is null && c.PersonalEmail is null ? null : EmailStatuses[rng.Next(EmailStatuses.Length)];
        var unread = rng.Next(100);
        c.UnreadCounts = unread < 8 ? [new("linkedin", 1 + rng.Next(3))] : unread < 11 ? [new("linkedin", 1), new("email", 1 + rng.Next(2))] : [];

        var life = Math.Max(0, ctx.Anchor - createdAt);
        c.LastAutomationApproveAt = rng.Next(100) < 30 && life > 0 ? Timestamps.Truncate(createdAt + RandomTicks(rng, life)) : null;
        c.UpdatedAt = life > 0 && rng.Next(100) < 70 ? Timestamps.Truncate(createdAt + RandomTicks(rng, life)) : createdAt;

        var fields = store.CustomFieldsInOrder;
        if (rng.Next(100) < 40)
        {
            foreach (var field in fields)
            {
                if (rng.Next(100) >= 70) continue;
                CustomValue? value = field.Name switch
                {
                    "industry" => CustomValue.FromString(Industries[rng.Next(Industries.Length)]),
                    "deal_size" => CustomValue.FromNumber(1000L * (1 + rng.Next(250))),
                    "source" => CustomValue.FromString(Sources[rng.Next(Sources.Length)]),
                    _ => null,
                };
                if (value is { } v) c.CustomFields[field.Uuid] = v;
            }
        }
        return c;
    }

    /// <summary>A version-4 uuid from the seeded generator, lower case.</summary>
    public static string NewUuid(Random rng)
    {
        Span<byte> b = stackalloc byte[16];
        rng.NextBytes(b);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(b);
        return string.Create(36, hex, static (span, h) =>
        {
            h.AsSpan(0, 8).CopyTo(span);
            span[8] = '-';
            h.AsSpan(8, 4).CopyTo(span[9..]);
            span[13] = '-';
            h.AsSpan(12, 4).CopyTo(span[14..]);
            span[18] = '-';
            h.AsSpan(16, 4).CopyTo(span[19..]);
            span[23] = '-';
            h.AsSpan(20, 12).CopyTo(span[24..]);
        });
    }

    private static long RandomTicks(Random rng, long span) => span <= 0 ? 0 : Timestamps.Truncate(rng.NextInt64(span));

    private static T PickWeighted<T>(Random rng, IReadOnlyList<T> items, int[] weights)
    {
        if (items.Count != weights.Length) return items[rng.Next(items.Count)];
        var roll = rng.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return items[i];
        }
        return items[^1];
    }

    private static string[] Distinct(Random rng, string[] pool, int count)
    {
        count = Math.Min(count, pool.Length);
        var picked = new List<string>(count);
        while (picked.Count < count)
        {
            var item = pool[rng.Next(pool.Length)];
            if (!picked.Contains(item)) picked.Add(item);
        }
        return [.. picked];
    }

    private static string RandomChars(Random rng, int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++) chars[i] = Base64UrlChars[rng.Next(Base64UrlChars.Length)];
        return new string(chars);
    }

    private static string Phone(Random rng) =>
        $"+{1 + rng.Next(49)} {rng.Next(100, 999)} {rng.Next(100, 999)} {rng.Next(1000, 9999)}";

    /// <summary>Strips accents and anything that is not a letter, for handles and email addresses.</summary>
    private static string Ascii(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (char.IsAsciiLetter(ch)) sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>Per-run state the contact generator shares: company uuids, sender profiles, used handles.</summary>
    private sealed class SeedContext
    {
        private readonly Dictionary<string, string> _companyUuids = new(StringComparer.Ordinal);
        private readonly HashSet<string> _handles = new(StringComparer.Ordinal);

        public SeedContext(TeamStore store, Random rng, long anchor)
        {
            Store = store;
            Rng = rng;
            Anchor = anchor;
            // Derived from the team only, so the same few profiles and sources recur.
            var fixedRng = new Random(store.TeamId * 1000 + 7);
            SenderProfiles = [NewUuid(fixedRng), NewUuid(fixedRng), NewUuid(fixedRng)];
            DataSources = [NewUuid(fixedRng), NewUuid(fixedRng), NewUuid(fixedRng), NewUuid(fixedRng)];
            TagUuids = store.Tags.Select(t => t.Uuid).ToArray();
            LeadStages = store.Stages.Where(s => s.Object == "lead").ToList();
        }

        public TeamStore Store { get; }

        public Random Rng { get; }

        public long Anchor { get; }

        public string[] SenderProfiles { get; }

        public string[] DataSources { get; }

        public string CompanyUuid(string company)
        {
            if (!_companyUuids.TryGetValue(company, out var uuid))
            {
                // Stable per team and company name, whatever the seed or the draw order.
                var fixedRng = new Random(StableHash(company) ^ Store.TeamId);
                _companyUuids[company] = uuid = NewUuid(fixedRng);
            }
            return uuid;
        }

        public string[] TagUuids { get; }

        public List<PipelineStage> LeadStages { get; }

        /// <summary>A handle no contact has yet, from the lower-case ASCII forms of the names.</summary>
        public string UniqueHandle(string first, string last)
        {
            var stem = first + "-" + last;
            while (true)
            {
                var handle = $"{stem}-{Rng.Next(0x1000000):x6}";
                if (_handles.Add(handle) && Store.FindByHandle(handle) is null) return handle;
            }
        }

        private static int StableHash(string text)
        {
            var hash = 17;
            foreach (var ch in text) hash = unchecked(hash * 31 + ch);
            return hash;
        }
    }
}
