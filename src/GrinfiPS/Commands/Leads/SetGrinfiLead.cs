using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Set-GrinfiLead: creates or updates contacts, typically from Import-Csv. A row with a Uuid
/// updates that contact; a row without one is upserted (created, or matched and updated).
/// </summary>
/// <remarks>
/// Parameter names are the API's (first_name, company_name, ...) with aliases for the column
/// names exports use (FirstName, 'First Name', Company, ...). Up to -ThrottleLimit rows are in
/// flight at once, paced by the key's rate limiter; results and errors are written in input
/// order on the pipeline thread. List moves, stages and tags go in batches of mass actions.
/// </remarks>
[Cmdlet(VerbsCommon.Set, "GrinfiLead", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiLead))]
public sealed class SetGrinfiLeadCommand : GrinfiConnectedCmdlet
{
    private const int PassThruFetchSize = 100;

    private readonly Queue<(LeadRow Row, Task Work)> _window = new();
    private readonly List<LeadRow> _passThru = new();
    private readonly Dictionary<RowOutcome, int> _counts = new();
    private HashSet<string> _explicit = new(StringComparer.OrdinalIgnoreCase);
    private SemaphoreSlim? _slots;
    private string? _listUuid;
    private GrinfiList? _list;
    private List<(GrinfiCustomField Field, JsonNode? Value)> _customFields = new();
    private Dictionary<string, string> _columnFields = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, GrinfiCustomField> _columnCustomFields = new(StringComparer.OrdinalIgnoreCase);
    private List<string> _clear = new();
    private List<GrinfiCustomField> _clearCustom = new();
    private MassActionBatcher? _updateBatcher;
    private MassActionBatcher? _upsertBatcher;
    private int _rows;
    private int _sent;

    /// <summary>The input row (any object: an Import-Csv row, a GrinfiLead, a PSCustomObject).</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The contact to update; rows without it are upserted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LeadUuid")]
    public string? Uuid { get; set; }

    /// <summary>LinkedIn profile URL, public handle or member id; upserts need it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, Position = 0)]
    [Alias("LinkedInId", "LinkedInUrl", "LinkedIn URL", "ProfileUrl", "LinkedIn")]
    public string? linkedin_id { get; set; }

    /// <summary>First name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("FirstName", "First Name")]
    public string? first_name { get; set; }

    /// <summary>Last name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LastName", "Last Name")]
    public string? last_name { get; set; }

    /// <summary>Company name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Company", "CompanyName")]
    public string? company_name { get; set; }

    /// <summary>Email (stored as the work email).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("WorkEmail", "work_email")]
    public string? email { get; set; }

    /// <summary>Job title.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Title", "JobTitle")]
    public string? position { get; set; }

    /// <summary>LinkedIn headline.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? headline { get; set; }

    /// <summary>About text.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? about { get; set; }

    /// <summary>Company domain.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? domain { get; set; }

    /// <summary>Address as free text.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("RawAddress", "Address")]
    public string? raw_address { get; set; }

    /// <summary>LinkedIn member id.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LnId")]
    public string? ln_id { get; set; }

    /// <summary>Sales Navigator id.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SnId")]
    public string? sn_id { get; set; }

    /// <summary>Target list of an upsert, when the row carries it (-List wins).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ListUuid")]
    public string? list_uuid { get; set; }

    /// <summary>The list: where upserted contacts go, and where updated contacts move to.</summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind? List { get; set; }

    /// <summary>Upserts leave existing contacts untouched; they are reported as skipped.</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>Upserts move an existing contact into -List (by default it stays in its list).</summary>
    [Parameter]
    public SwitchParameter MoveToList { get; set; }

    /// <summary>Custom field values for every row: @{ industry = 'SaaS' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? CustomField { get; set; }

    /// <summary>Maps other column names to lead fields or custom fields: @{ 'Deal Size' = 'deal_size' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? ColumnMap { get; set; }

    /// <summary>Fields to empty on purpose (contacts with a Uuid): -Clear position, about.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LeadFieldCompleter))]
    public string[]? Clear { get; set; }

    /// <summary>Pipeline stage to put the contacts in (batched).</summary>
    [Parameter]
    [Alias("Stage")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public PipelineStagePipeBind? PipelineStage { get; set; }

    /// <summary>Tags to add (batched).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? AddTag { get; set; }

    /// <summary>Tags to remove (batched).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? RemoveTag { get; set; }

    /// <summary>Requests in flight at once (the key's rate limit still applies).</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>Contacts per mass-action request for -List moves, -PipelineStage and tags.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Return each contact as it is after every change asked for.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        // Parameters bound before the first row are the explicit ones; they win over row values.
        _explicit = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        _slots = new SemaphoreSlim(ThrottleLimit, ThrottleLimit);
        Run(ResolveNamesAsync);
        var updatePlan = new List<PlannedAction>();
        if (_list is not null)
        {
            updatePlan.Add(MassActions.MoveToList(_list));
        }
        var both = Run(PlanStageAndTagsAsync);
        updatePlan.AddRange(both);
        _updateBatcher = NewBatcher(updatePlan);
        _upsertBatcher = NewBatcher(both);
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var row = new LeadRow(++_rows, InputObject?.BaseObject is null ? null : InputObject);
        try
        {
            Fill(row);
        }
        catch (GrinfiException ex)
        {
            Fail(row, ex);
            return;
        }
        if (!ShouldProcess(row.Label, Describe(row)))
        {
            return;
        }
        var call = Call;
        var work = Task.Run(() => WriteRowAsync(row, call), call.CancellationToken);
        _sent++;
        _window.Enqueue((row, work));
        WriteFinished(wait: false);
        // Keep a few rows queued behind those in flight, but no more: memory stays flat.
        while (_window.Count >= ThrottleLimit * 4)
        {
            WriteFinished(wait: true, one: true);
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        WriteFinished(wait: true);
        _updateBatcher?.Flush();
        _upsertBatcher?.Flush();
        WritePassThru();
        if (_rows > 0)
        {
            int Count(RowOutcome r) => _counts.TryGetValue(r, out var n) ? n : 0;
            var succeeded = Count(RowOutcome.Created) + Count(RowOutcome.Updated) + Count(RowOutcome.Upserted);
            var detail = new List<string>();
            if (Count(RowOutcome.Created) > 0)
            {
                detail.Add($"{Count(RowOutcome.Created):N0} created");
            }
            if (Count(RowOutcome.Updated) > 0)
            {
                detail.Add($"{Count(RowOutcome.Updated):N0} updated");
            }
            if (Count(RowOutcome.Upserted) > 0)
            {
                detail.Add($"{Count(RowOutcome.Upserted):N0} created or updated");
            }
            WriteSummary($"Set-GrinfiLead: {Output.Count(_rows, "row")}, {_sent:N0} sent: {succeeded:N0} succeeded" +
                (detail.Count > 0 ? $" ({string.Join(", ", detail)})" : "") +
                $", {Count(RowOutcome.Skipped):N0} skipped, {Count(RowOutcome.Failed):N0} failed.");
        }
    }

    private async Task ResolveNamesAsync(CallContext ctx)
    {
        var cache = ActiveConnection.Cache;
        if (List is not null)
        {
            _list = await List.ResolveAsync(cache.Lists, "List", ctx).ConfigureAwait(false);
            _listUuid = _list.Uuid;
        }
        foreach (DictionaryEntry entry in CustomField ?? new Hashtable())
        {
            var field = await new CustomFieldPipeBind(entry.Key?.ToString() ?? "").ResolveAsync(cache.LeadCustomFields, "CustomField", ctx).ConfigureAwait(false);
            _customFields.Add((field, JsonInput.From(entry.Value, "CustomField")));
        }
        var map = await LeadColumns.ResolveAsync(ColumnMap, cache, ctx).ConfigureAwait(false);
        _columnFields = map.Fields;
        _columnCustomFields = map.CustomFields;
        foreach (var name in Clear ?? Array.Empty<string>())
        {
            if (LeadFields.TryResolve(name, out var field, out _) && WritableFields.IsWritable(field) && field != "linkedin_id")
            {
                _clear.Add(field);
                continue;
            }
            var fields = await cache.LeadCustomFields.GetAllAsync(ctx).ConfigureAwait(false);
            var custom = fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw GrinfiException.InvalidInput("GrinfiInvalidClear",
                    $"-Clear '{name}' is neither a lead field that can be emptied nor a custom field.", name,
                    $"Use fields such as {string.Join(", ", WritableFields.Names.Skip(1).Take(5))}, or custom field names.");
            _clearCustom.Add(custom);
        }
    }

    private async Task<List<PlannedAction>> PlanStageAndTagsAsync(CallContext ctx)
    {
        var cache = ActiveConnection.Cache;
        var plan = new List<PlannedAction>();
        if (PipelineStage is not null)
        {
            plan.Add(MassActions.ChangePipelineStage(await PipelineStage.ResolveAsync(cache.LeadStages, "PipelineStage", ctx).ConfigureAwait(false)));
        }
        plan.AddRange(await MassActions.TagActionsAsync(GrinfiMassAction.AddTag, AddTag ?? Array.Empty<TagPipeBind>(), cache, "AddTag", ctx).ConfigureAwait(false));
        plan.AddRange(await MassActions.TagActionsAsync(GrinfiMassAction.RemoveTag, RemoveTag ?? Array.Empty<TagPipeBind>(), cache, "RemoveTag", ctx).ConfigureAwait(false));
        return plan;
    }

    private MassActionBatcher? NewBatcher(IReadOnlyList<PlannedAction> plan) => plan.Count == 0 ? null : new MassActionBatcher(this, plan, BatchSize)
    {
        // A failed batch fails each of its rows, with the row as the target: the retry file stays whole.
        Failed = (ex, items) =>
        {
            foreach (var item in items)
            {
                var row = (LeadRow)item.Source!;
                Count(row.Outcome, -1);
                Fail(row, ex);
            }
        },
        BatchDone = items =>
        {
            if (PassThru)
            {
                _passThru.AddRange(items.Select(i => (LeadRow)i.Source!));
                if (_passThru.Count >= PassThruFetchSize)
                {
                    WritePassThru();
                }
            }
        },
    };

    /// <summary>Reads the row into fields, checking what can be checked before a request.</summary>
    private void Fill(LeadRow row)
    {
        var uuid = Value(Uuid);
        if (uuid is not null)
        {
            if (!Guid.TryParseExact(uuid, "D", out _))
            {
                throw GrinfiException.InvalidInput("GrinfiInvalidUuid", $"Uuid '{uuid}' is not a contact UUID.", row.Input,
                    "Leave the Uuid column empty to create or match the contact by its LinkedIn id instead.");
            }
            row.Uuid = uuid;
        }
        // A piped GrinfiLead carries the contact as it is, not changes: its properties bind to
        // first_name, company_name, ... but only what the user passed explicitly is a change.
        var currentState = InputObject?.BaseObject is GrinfiLead;
        // A column -ColumnMap sends elsewhere no longer means what its header usually means.
        var remapped = new HashSet<string>(_columnFields.Keys.Concat(_columnCustomFields.Keys)
            .Where(c => LeadColumns.ByHeader.ContainsKey(c) && Column(c) is not null)
            .Select(c => LeadColumns.ByHeader[c]), StringComparer.OrdinalIgnoreCase);
        foreach (var (field, value) in new[]
        {
            ("linkedin_id", linkedin_id), ("first_name", first_name), ("last_name", last_name), ("company_name", company_name),
            ("email", email), ("position", position), ("headline", headline), ("about", about), ("domain", domain),
            ("raw_address", raw_address), ("ln_id", ln_id), ("sn_id", sn_id),
        })
        {
            if ((_explicit.Contains(field) || (!currentState && !remapped.Contains(field))) && Value(value) is string text)
            {
                row.Fields[field] = text;
            }
        }
        foreach (var mapped in _columnFields)
        {
            if (!_explicit.Contains(mapped.Value) && Column(mapped.Key) is string text)
            {
                row.Fields[mapped.Value] = text;
            }
        }
        foreach (var mapped in _columnCustomFields)
        {
            if (!_customFields.Any(c => c.Field.Uuid == mapped.Value.Uuid) && Column(mapped.Key) is string text)
            {
                row.CustomFields.Add((mapped.Value, JsonValue.Create(text)));
            }
        }
        row.CustomFields.AddRange(_customFields);

        if (row.IsUpdate)
        {
            // PUT takes no linkedin_id: the profile URL or handle is its linkedin field.
            if (row.Fields["linkedin_id"] is JsonNode linkedIn)
            {
                row.Fields.Remove("linkedin_id");
                row.Fields["linkedin"] = linkedIn.DeepClone();
            }
            row.Clear.AddRange(_clear.Where(f => !row.Fields.ContainsKey(f)));
            row.ClearCustom.AddRange(_clearCustom.Where(f => row.CustomFields.All(c => c.Field.Uuid != f.Uuid)));
            return;
        }

        if (_clear.Count > 0 || _clearCustom.Count > 0)
        {
            throw GrinfiException.InvalidInput("GrinfiClearNeedsUuid", "-Clear applies to existing contacts, and this row has no Uuid.", row.Input,
                "Give the contact's Uuid (Get-GrinfiLead ... | Set-GrinfiLead -Clear ...), or leave -Clear out.");
        }
        if (!row.Fields.ContainsKey("linkedin_id"))
        {
            throw GrinfiException.InvalidInput("GrinfiLinkedInIdRequired",
                "The row has no linkedin_id, which the API needs to create or match a contact (an email alone is not enough).", row.Input,
                "Add a column with the LinkedIn profile URL or handle (LinkedIn, LinkedInUrl, ProfileUrl...), map yours with -ColumnMap @{ 'Your Column' = 'linkedin_id' }, or give the Uuid of an existing contact.");
        }
        var rowList = Value(list_uuid);
        row.ListUuid = _listUuid ?? rowList ?? throw GrinfiException.InvalidInput("GrinfiListRequired",
            "Nothing says which list the contact goes in.", row.Input, "Pass -List 'Name', or give the rows a list_uuid column.");
        if (!Guid.TryParseExact(row.ListUuid, "D", out _))
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidListUuid", $"list_uuid '{row.ListUuid}' is not a UUID.", row.Input,
                "Give a list UUID, or a list name with -List.");
        }
    }

    /// <summary>A parameter's value for this row, or null when empty: an empty cell never blanks a field.</summary>
    private static string? Value(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private string? Column(string column)
    {
        var property = InputObject?.Properties.FirstOrDefault(p => string.Equals(p.Name, column, StringComparison.OrdinalIgnoreCase));
        var text = property?.Value?.ToString();
        return string.IsNullOrWhiteSpace(text) ? null : text!.Trim();
    }

    private string Describe(LeadRow row)
    {
        if (!row.IsUpdate)
        {
            return $"Upsert into list '{_list?.Name ?? row.ListUuid}': {JsonFormat.Text(UpsertBody(row))}";
        }
        var parts = new List<string>();
        if (row.Fields.Count > 0 || row.Clear.Count > 0)
        {
            parts.Add($"Update {JsonFormat.Text(UpdateBody(row))}");
        }
        parts.AddRange(row.CustomFields.Select(c => $"set custom field '{c.Field.Name}' to {(c.Value is null ? "null" : JsonFormat.Text(c.Value))}"));
        parts.AddRange(row.ClearCustom.Select(c => $"clear custom field '{c.Name}'"));
        parts.AddRange((_updateBatcher is null ? Enumerable.Empty<string>() : new[] { "then the batched list, stage and tag changes" }));
        return parts.Count == 0 ? "Nothing to change" : string.Join("; ", parts);
    }

    private JsonObject UpsertBody(LeadRow row)
    {
        var body = new JsonObject
        {
            ["lead"] = row.Fields.DeepClone(),
            ["list_uuid"] = row.ListUuid,
            ["update_if_exists"] = !SkipExisting.IsPresent,
            ["move_to_list"] = MoveToList.IsPresent,
        };
        if (row.CustomFields.Count > 0)
        {
            var custom = new JsonObject();
            foreach (var (field, value) in row.CustomFields)
            {
                custom[field.Name] = value?.DeepClone();
            }
            body["custom_fields"] = custom;
        }
        return body;
    }

    private static JsonObject UpdateBody(LeadRow row)
    {
        var body = (JsonObject)row.Fields.DeepClone();
        foreach (var field in row.Clear)
        {
            body[field] = null;
        }
        return body;
    }

    /// <summary>The row's requests, on a worker thread; never writes to the pipeline.</summary>
    private async Task WriteRowAsync(LeadRow row, CallContext ctx)
    {
        await _slots!.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
        try
        {
            if (!row.IsUpdate)
            {
                var (lead, created) = await Api.UpsertLeadAsync(UpsertBody(row), ctx).ConfigureAwait(false);
                row.Lead = lead;
                row.Outcome = created switch
                {
                    true => RowOutcome.Created,
                    false when SkipExisting => RowOutcome.Skipped,
                    false => RowOutcome.Updated,
                    null => RowOutcome.Upserted,
                };
                return;
            }
            if (row.Fields.Count > 0 || row.Clear.Count > 0)
            {
                row.Lead = await Api.UpdateLeadAsync(row.Uuid!, UpdateBody(row), ctx).ConfigureAwait(false);
            }
            // The update endpoint drops custom fields without a word; they have their own endpoint.
            foreach (var (field, value) in row.CustomFields)
            {
                await Api.SetCustomFieldValueAsync(field.Uuid, row.Uuid!, value, ctx).ConfigureAwait(false);
            }
            foreach (var field in row.ClearCustom)
            {
                await Api.SetCustomFieldValueAsync(field.Uuid, row.Uuid!, null, ctx).ConfigureAwait(false);
            }
            if (row.CustomFields.Count > 0 || row.ClearCustom.Count > 0)
            {
                row.Lead = null; // what came back predates the custom fields
            }
            row.Outcome = RowOutcome.Updated;
        }
        catch (GrinfiException ex)
        {
            row.Outcome = RowOutcome.Failed;
            row.Error = ex;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Writes the results of finished rows, in input order, waiting for them when asked.</summary>
    private void WriteFinished(bool wait, bool one = false)
    {
        while (_window.Count > 0)
        {
            var (row, work) = _window.Peek();
            if (!work.IsCompleted)
            {
                if (!wait)
                {
                    return;
                }
            }
            Await(work);
            _window.Dequeue();
            Finish(row);
            if (one)
            {
                return;
            }
        }
    }

    private void Finish(LeadRow row)
    {
        if (row.Outcome == RowOutcome.Failed)
        {
            Fail(row, row.Error!);
            return;
        }
        Count(row.Outcome, 1);
        if (row.Outcome == RowOutcome.Skipped)
        {
            WriteVerbose($"{row.Label}: skipped; the contact exists ({row.Lead?.Uuid}) and -SkipExisting is set.");
            return;
        }
        var batcher = row.IsUpdate ? _updateBatcher : _upsertBatcher;
        if (batcher is not null && row.ResultUuid is string uuid)
        {
            batcher.Add(new BatchItem(uuid, row));
        }
        else if (PassThru)
        {
            _passThru.Add(row);
            if (_passThru.Count >= PassThruFetchSize)
            {
                WritePassThru();
            }
        }
    }

    private void Fail(LeadRow row, GrinfiException ex)
    {
        Count(RowOutcome.Failed, 1);
        WriteFailure(row.RowError(ex), row.Input);
    }

    private void Count(RowOutcome result, int delta) =>
        _counts[result] = (_counts.TryGetValue(result, out var n) ? n : 0) + delta;

    /// <summary>
    /// Writes -PassThru contacts in input order. Those whose answer does not show every change
    /// (custom fields, batched moves and tags) are read again, a hundred per request.
    /// </summary>
    private void WritePassThru()
    {
        if (_passThru.Count == 0)
        {
            return;
        }
        var rows = _passThru.ToList();
        _passThru.Clear();
        var stale = rows.Where(r => r.Lead is null || (r.IsUpdate ? _updateBatcher : _upsertBatcher) is not null)
            .Select(r => r.ResultUuid!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var fresh = new Dictionary<string, GrinfiLead>(StringComparer.OrdinalIgnoreCase);
        if (stale.Count > 0)
        {
            var body = new JsonObject
            {
                ["filter"] = new JsonObject { ["uuid"] = new JsonArray(stale.Select(u => (JsonNode?)u).ToArray()) },
                ["limit"] = stale.Count,
                ["offset"] = 0,
                ["order_field"] = "uuid",
                ["order_type"] = "asc",
            };
            foreach (var lead in Run(ctx => Api.SearchLeadsAsync(body, ctx)).Items)
            {
                fresh[lead.Uuid] = lead;
            }
        }
        foreach (var row in rows)
        {
            var lead = row.ResultUuid is string id && fresh.TryGetValue(id, out var f) ? f : row.Lead;
            if (lead is not null)
            {
                WriteObject(Output.Wrap(lead));
            }
        }
    }
}
