using System.Text.Json.Nodes;

namespace GrinfiPS.Sandbox.Data;

/// <summary>
/// One team's data. Every member is guarded by <see cref="Gate"/>: endpoints take the lock
/// for the whole of a request's reads and writes, so requests see consistent data. The
/// public members are safe snapshots for tests.
/// </summary>
public sealed class TeamStore
{
    private readonly DuplicateIndex _byLnId = new();
    private readonly DuplicateIndex _bySnId = new();
    private readonly DuplicateIndex _byHandle = new();
    private readonly DuplicateIndex _byWorkEmail = new();
    private readonly DuplicateIndex _byPersonalEmail = new();
    private readonly DuplicateIndex _byNameCompany = new();
    private List<CustomField>? _fieldsInOrder;
    private int _pendingDeletes;
    private int _pendingImports;

    internal TeamStore(int teamId, SandboxUser user, TimeProvider time, int seed)
    {
        TeamId = teamId;
        User = user;
        Time = time;
        Generator = new Random(unchecked(seed * 7919 + teamId * 104729 + 17));
    }

    /// <summary>The team's id (1 or 2).</summary>
    public int TeamId { get; }

    /// <summary>Uuid of the team's user (the <c>sub</c> of its keys).</summary>
    public string UserUuid => User.Uuid;

    internal Lock Gate { get; } = new();

    internal SandboxUser User { get; }

    internal TimeProvider Time { get; }

    /// <summary>Makes contacts for <c>POST /_sandbox/contacts</c>; seeded, so a replayed test gets the same people.</summary>
    internal Random Generator { get; }

    internal Dictionary<string, Contact> Contacts { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal ContactIndex ByCreated { get; } = new(ContactIndex.CompareByCreated);

    internal ContactIndex ByUuid { get; } = new(ContactIndex.CompareByUuid);

    internal List<LeadList> Lists { get; } = [];

    /// <summary>Companies by uuid (contacts point at them through company_uuid).</summary>
    internal Dictionary<string, Company> Companies { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal List<PipelineStage> Stages { get; } = [];

    internal List<Tag> Tags { get; } = [];

    internal List<CustomField> CustomFields { get; } = [];

    internal List<Flow> Flows { get; } = [];

    /// <summary>Flow-lead records: each contact's enrolment in each automation, one per pair.</summary>
    internal List<FlowLead> FlowLeads { get; } = [];

    /// <summary>Data sources (import jobs) and their record counts.</summary>
    internal List<DataSource> DataSources { get; } = [];

    /// <summary>The enrichment queue, oldest first.</summary>
    internal List<EnrichmentEntry> EnrichmentQueue { get; } = [];

    internal Dictionary<string, FileImport> Imports { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal Dictionary<string, FileExport> Exports { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The record of each custom-field value set through the API: (field uuid, contact uuid) → its uuid and creation time.</summary>
    internal Dictionary<(string Field, string Contact), (string Uuid, long CreatedAt)> ValueRecords { get; } = [];

    /// <summary>Notes on contacts and companies, in the order they were added.</summary>
    internal List<Note> Notes { get; } = [];

    /// <summary>Activities on contacts and companies, in the order they were recorded.</summary>
    internal List<Activity> Activities { get; } = [];

    /// <summary>The do-not-contact list of people (the API's leads blacklist).</summary>
    internal List<BlacklistEntry> PeopleBlacklist { get; } = [];

    /// <summary>The do-not-contact list of companies (the API's companies blacklist).</summary>
    internal List<BlacklistEntry> CompaniesBlacklist { get; } = [];

    /// <summary>Bumped when custom field names or order change: every cached contact JSON is then stale.</summary>
    internal int SchemaVersion { get; private set; } = 1;

    internal IReadOnlyList<CustomField> CustomFieldsInOrder =>
        _fieldsInOrder ??= CustomFields.Where(f => f.Object == "lead").OrderBy(f => f.Order).ThenBy(f => f.CreatedAt).ToList();

    internal int PendingDeletes => Volatile.Read(ref _pendingDeletes);

    internal int PendingImports => Volatile.Read(ref _pendingImports);

    internal void ChangePendingDeletes(int delta) => Interlocked.Add(ref _pendingDeletes, delta);

    internal void ChangePendingImports(int delta) => Interlocked.Add(ref _pendingImports, delta);

    internal void SchemaChanged()
    {
        SchemaVersion++;
        _fieldsInOrder = null;
    }

    internal long Now() => Timestamps.Now(Time);

    // ---- contacts -------------------------------------------------------------------

    internal Contact? FindContact(string? uuid) =>
        uuid is not null && Contacts.TryGetValue(uuid, out var c) ? c : null;

    internal void Add(Contact contact)
    {
        Contacts[contact.Uuid] = contact;
        ByCreated.Insert(contact);
        ByUuid.Insert(contact);
        Index(contact);
    }

    internal void AddMany(List<Contact> contacts)
    {
        foreach (var c in contacts)
        {
            Contacts[c.Uuid] = c;
            Index(c);
        }
        ByCreated.InsertMany(contacts);
        ByUuid.InsertMany(contacts);
    }

    internal void RemoveMany(IReadOnlyCollection<Contact> contacts)
    {
        var set = new HashSet<Contact>();
        foreach (var c in contacts)
        {
            if (Contacts.Remove(c.Uuid))
            {
                set.Add(c);
                Unindex(c);
            }
        }
        if (set.Count == 0) return;
        ByCreated.RemoveMany(set);
        ByUuid.RemoveMany(set);
        if (FlowLeads.Count > 0)
        {
            var uuids = set.Select(c => c.Uuid).ToHashSet(StringComparer.OrdinalIgnoreCase);
            FlowLeads.RemoveAll(m => uuids.Contains(m.LeadUuid));
        }
    }

    /// <summary>
    /// Applies a change to a contact. When <paramref name="change"/> reports that something
    /// changed, the contact's <c>updated_at</c> is bumped, its JSON cache dropped and its
    /// duplicate-lookup keys refreshed.
    /// </summary>
    internal bool Mutate(Contact contact, Func<Contact, bool> change)
    {
        Unindex(contact);
        var changed = change(contact);
        contact.RefreshName();
        Index(contact);
        if (changed)
        {
            contact.UpdatedAt = Math.Max(Now(), contact.CreatedAt ?? long.MinValue);
            contact.DropCachedJson();
        }
        return changed;
    }

    internal byte[] Json(Contact contact, SandboxReading reading) => ContactJson.Get(contact, this, reading);

    // Duplicate lookups, one per key of the contract's matching order; callers chain them
    // so the first hit wins. Several contacts may share a key: the oldest is the match.
    internal Contact? FindByLnId(string? value) => Earliest(_byLnId, value);

    internal Contact? FindBySnId(string? value) => Earliest(_bySnId, value);

    internal Contact? FindByHandle(string? handle) => Earliest(_byHandle, handle?.ToLowerInvariant());

    internal Contact? FindByWorkEmail(string? email) => Earliest(_byWorkEmail, email?.ToLowerInvariant());

    internal Contact? FindByPersonalEmail(string? email) => Earliest(_byPersonalEmail, email?.ToLowerInvariant());

    internal Contact? FindByNameAndCompany(string? name, string? company) =>
        string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(company) ? null : Earliest(_byNameCompany, NameKey(name, company));

    private void Index(Contact c)
    {
        _byLnId.Add(c.LnId, c);
        _bySnId.Add(c.SnId, c);
        _byHandle.Add(c.LinkedinHandle, c);
        _byWorkEmail.Add(c.WorkEmail?.ToLowerInvariant(), c);
        _byPersonalEmail.Add(c.PersonalEmail?.ToLowerInvariant(), c);
        _byNameCompany.Add(NameKey(c.Name, c.CompanyName), c);
    }

    private void Unindex(Contact c)
    {
        _byLnId.Remove(c.LnId, c);
        _bySnId.Remove(c.SnId, c);
        _byHandle.Remove(c.LinkedinHandle, c);
        _byWorkEmail.Remove(c.WorkEmail?.ToLowerInvariant(), c);
        _byPersonalEmail.Remove(c.PersonalEmail?.ToLowerInvariant(), c);
        _byNameCompany.Remove(NameKey(c.Name, c.CompanyName), c);
    }

    private static string? NameKey(string? name, string? company) =>
        string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(company)
            ? null
            : name.Trim().ToLowerInvariant() + "\u0001" + company.Trim().ToLowerInvariant();

    private static Contact? Earliest(DuplicateIndex index, string? key) =>
        string.IsNullOrEmpty(key) ? null : index.Earliest(key);

    // ---- other entities -------------------------------------------------------------

    internal LeadList? FindList(string? uuid) => uuid is null ? null : Lists.Find(l => l.Uuid.Equals(uuid, StringComparison.OrdinalIgnoreCase));

    internal Tag? FindTag(string? uuid) => uuid is null ? null : Tags.Find(t => t.Uuid.Equals(uuid, StringComparison.OrdinalIgnoreCase));

    internal PipelineStage? FindStage(string? uuid) => uuid is null ? null : Stages.Find(s => s.Uuid.Equals(uuid, StringComparison.OrdinalIgnoreCase));

    internal CustomField? FindField(string? uuid) => uuid is null ? null : CustomFields.Find(f => f.Uuid.Equals(uuid, StringComparison.OrdinalIgnoreCase));

    internal CustomField? FindLeadFieldByName(string name) => CustomFields.Find(f => f.Object == "lead" && f.Name == name);

    internal Flow? FindFlow(string? uuid) => uuid is null ? null : Flows.Find(f => f.Uuid.Equals(uuid, StringComparison.OrdinalIgnoreCase));

    internal Company? FindCompany(string? uuid) => uuid is not null && Companies.TryGetValue(uuid, out var c) ? c : null;
    internal FlowLead? FindFlowLead(string flowUuid, string leadUuid) =>
        FlowLeads.Find(m => m.FlowUuid.Equals(flowUuid, StringComparison.OrdinalIgnoreCase) && m.LeadUuid.Equals(leadUuid, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Enrols a contact in a flow from the start: a new record, or the contact's record there
    /// restarted unless it still runs. True when something changed. Call under the lock.
    /// </summary>
    internal bool EnrolInFlow(string flowUuid, string leadUuid)
    {
        var now = Now();
        var record = FindFlowLead(flowUuid, leadUuid);
        if (record is null)
        {
            FlowLeads.Add(new FlowLead
            {
                Uuid = Guid.NewGuid().ToString("D"), TeamId = TeamId, FlowUuid = flowUuid, LeadUuid = leadUuid,
                Status = FlowLead.InProgress, CreatedAt = now, UpdatedAt = now,
            });
            return true;
        }
        if (record.IsActive) return false;
        record.Status = FlowLead.InProgress;
        record.NodeId = 1;
        record.UpdatedAt = now;
        return true;
    }

    /// <summary>Cancels a contact's running enrolment in a flow; true when it was running. Call under the lock.</summary>
    internal bool CancelInFlow(string flowUuid, string leadUuid)
    {
        var record = FindFlowLead(flowUuid, leadUuid);
        if (record is not { IsActive: true }) return false;
        record.Status = FlowLead.Canceled;
        record.UpdatedAt = Now();
        return true;
    }

    internal DataSource? FindDataSource(string? uuid) => uuid is null ? null : DataSources.Find(d => d.Uuid.Equals(uuid, StringComparison.OrdinalIgnoreCase));

    // ---- public snapshots for tests -------------------------------------------------

    /// <summary>Number of contacts (those waiting for a delayed delete included).</summary>
    public int ContactCount
    {
        get
        {
            lock (Gate)
            {
                return Contacts.Count;
            }
        }
    }

    /// <summary>A contact as the API would serve it; null when there is none.</summary>
    public JsonObject? GetContact(string uuid)
    {
        lock (Gate)
        {
            var c = FindContact(uuid);
            return c is null ? null : JsonNode.Parse(Json(c, SandboxReading.Generous))!.AsObject();
        }
    }

    /// <summary>Uuids of all contacts in the default order (created_at, then tie order).</summary>
    public IReadOnlyList<string> ContactUuids()
    {
        lock (Gate)
        {
            var result = new List<string>(ByCreated.Count);
            for (var i = 0; i < ByCreated.Count; i++) result.Add(ByCreated[i].Uuid);
            return result;
        }
    }

    /// <summary>Lists, tags, stages, custom fields or flows as the API serves them.</summary>
    public IReadOnlyList<JsonObject> GetLists() => Snapshot(() => Lists.Select(l => l.ToJson()));

    /// <inheritdoc cref="GetLists"/>
    public IReadOnlyList<JsonObject> GetTags() => Snapshot(() => Tags.Select(t => t.ToJson()));

    /// <inheritdoc cref="GetLists"/>
    public IReadOnlyList<JsonObject> GetStages() => Snapshot(() => Stages.Select(s => s.ToJson()));

    /// <inheritdoc cref="GetLists"/>
    public IReadOnlyList<JsonObject> GetCustomFields() => Snapshot(() => CustomFields.Select(f => f.ToJson()));

    /// <inheritdoc cref="GetLists"/>
    public IReadOnlyList<JsonObject> GetFlows() => Snapshot(() => Flows.Select(f => f.ToJson()));

    /// <summary>Uuids of the contacts that are members of a flow (their record there in progress or paused).</summary>
    public IReadOnlyList<string> FlowMembers(string flowUuid)
    {
        lock (Gate)
        {
            return FlowLeads.Where(m => m.IsActive && m.FlowUuid.Equals(flowUuid, StringComparison.OrdinalIgnoreCase)).Select(m => m.LeadUuid).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The counts <c>GET /_sandbox/state</c> reports.</summary>
    public JsonObject State()
    {
        lock (Gate)
        {
            return new JsonObject
            {
                ["teamId"] = TeamId,
                ["contacts"] = Contacts.Count,
                ["companies"] = Companies.Count,
                ["lists"] = Lists.Count,
                ["tags"] = Tags.Count,
                ["stages"] = Stages.Count,
                ["customFields"] = CustomFields.Count,
                ["flows"] = Flows.Count,
                ["flowMemberships"] = FlowLeads.Count(m => m.IsActive),
                ["flowLeads"] = FlowLeads.Count,
                ["dataSources"] = DataSources.Count,
                ["enrichmentQueue"] = EnrichmentQueue.Count,
                ["pendingDeletes"] = PendingDeletes,
                ["fileImports"] = Imports.Count,
                ["pendingImports"] = PendingImports,
                ["fileExports"] = Exports.Count,
            };
        }
    }

    private List<JsonObject> Snapshot(Func<IEnumerable<JsonObject>> read)
    {
        lock (Gate)
        {
            return read().ToList();
        }
    }

    /// <summary>
    /// Contacts by one duplicate key. Most keys are unique, so the value is a lone contact
    /// and a list is made only on a clash; this keeps 100,000 contacts cheap to index.
    /// </summary>
    private sealed class DuplicateIndex
    {
        private readonly Dictionary<string, object> _map = new(StringComparer.Ordinal);

        public void Add(string? key, Contact c)
        {
            if (string.IsNullOrEmpty(key)) return;
            if (!_map.TryGetValue(key, out var existing)) _map[key] = c;
            else if (existing is List<Contact> list) list.Add(c);
            else if (!ReferenceEquals(existing, c)) _map[key] = new List<Contact> { (Contact)existing, c };
        }

        public void Remove(string? key, Contact c)
        {
            if (string.IsNullOrEmpty(key) || !_map.TryGetValue(key, out var existing)) return;
            if (existing is List<Contact> list)
            {
                list.Remove(c);
                if (list.Count == 1) _map[key] = list[0];
            }
            else if (ReferenceEquals(existing, c))
            {
                _map.Remove(key);
            }
        }

        public Contact? Earliest(string key)
        {
            if (!_map.TryGetValue(key, out var existing)) return null;
            if (existing is Contact c) return c;
            Contact? best = null;
            foreach (var candidate in (List<Contact>)existing)
            {
                if (best is null || ContactIndex.CompareByCreated(candidate, best) < 0) best = candidate;
            }
            return best;
        }
    }
}
