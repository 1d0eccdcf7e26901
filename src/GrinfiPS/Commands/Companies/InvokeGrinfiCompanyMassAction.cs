using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json.Nodes;
using GrinfiPS.Client;
using GrinfiPS.Completers;
using GrinfiPS.Filters;
using GrinfiPS.Leads;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Companies;

/// <summary>
/// Invoke-GrinfiCompanyMassAction: tags, stages or deletes many companies with one request per
/// batch (PUT /leads/api/companies/mass-action), through the batcher the contact mass actions use.
/// </summary>
/// <remarks>
/// The document shows the company mass action only with ids, so a filter or -All is read first
/// (the guarded company search) and its companies are sent as ids: the prompt counts exactly
/// what is sent, and no server can widen "these companies" to "all companies".
/// </remarks>
[Cmdlet(VerbsLifecycle.Invoke, "GrinfiCompanyMassAction", DefaultParameterSetName = PipelineSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiMassActionResult))]
public sealed class InvokeGrinfiCompanyMassActionCommand : CompanyCmdlet
{
    private const string PipelineSet = "Pipeline";
    private const string FilterSet = "Filter";
    private const string AllSet = "All";

    private GrinfiCompanyMassAction? _action;
    private IReadOnlyList<PlannedAction> _plan = Array.Empty<PlannedAction>();
    private MassActionBatcher? _batcher;
    private bool _approved;

    /// <summary>What to do: AddTag, RemoveTag, ReplaceTags, ChangePipelineStage, Delete.</summary>
    [Parameter(Position = 0)]
    public GrinfiCompanyMassAction? Action { get; set; }

    /// <summary>A company wire type sent as is, for actions the API added after this module.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Type { get; set; }

    /// <summary>Companies from the pipeline: GrinfiCompany objects, UUIDs, or rows with a CompanyUuid or Uuid column.</summary>
    [Parameter(ParameterSetName = PipelineSet, ValueFromPipeline = true)]
    [Alias("Uuid", "Company")]
    [ValidateNotNullOrEmpty]
    public CompanyPipeBind[]? InputObject { get; set; }

    /// <summary>Companies these field conditions select (as Get-GrinfiCompany -Filter).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateNotNull]
    public CompanyFilter? Filter { get; set; }

    /// <summary>Selects companies in any of these lists (as Get-GrinfiCompany -List).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind[]? FromList { get; set; }

    /// <summary>Selects companies in these company stages (as Get-GrinfiCompany -PipelineStage).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CompanyPipelineStageNameCompleter))]
    public PipelineStagePipeBind[]? FromPipelineStage { get; set; }

    /// <summary>Selects companies with one of these tags (as Get-GrinfiCompany -Tag).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? WithTag { get; set; }

    /// <summary>Allow -Filter fields GrinfiPS does not know.</summary>
    [Parameter(ParameterSetName = FilterSet)]
    public SwitchParameter AllowUnknownField { get; set; }

    /// <summary>Every company of the team. Only -All means everything; an empty filter is an error.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>Tags for AddTag and RemoveTag (one request each) and ReplaceTags (-Tag @() takes every tag off).</summary>
    [Parameter]
    [ValidateNotNull]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? Tag { get; set; }

    /// <summary>The company stage for ChangePipelineStage.</summary>
    [Parameter]
    [Alias("Stage")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(CompanyPipelineStageNameCompleter))]
    public PipelineStagePipeBind? PipelineStage { get; set; }

    /// <summary>The payload as the API takes it, instead of -Tag or -PipelineStage: @{ tag_uuid = '...' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Payload { get; set; }

    /// <summary>Companies per request (the server may ask for fewer).</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Act without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private string Description => string.Join(", then ", _plan.Select(p => p.Description));

    private MassActionBatcher Batcher => _batcher ??= new MassActionBatcher(this, _plan, BatchSize)
    {
        Approve = batch => _approved || Approve(Companies(batch.Select(i => (i.Uuid, i.Source)).ToList()), Description, Force, askByDefault: _action == GrinfiCompanyMassAction.Delete),
        Succeeded = Record,
        Failed = (ex, items) => WriteFailure(ex, items.Select(i => i.Uuid).ToArray()),
    };

    /// <inheritdoc />
    protected override void Begin()
    {
        if (Action is null == Type is null)
        {
            throw GrinfiException.InvalidInput("GrinfiActionRequired", Action is null
                    ? "Say what to do with -Action (AddTag, ChangePipelineStage, Delete, ...) or -Type (a raw company type)."
                    : "Give -Action or -Type, not both.", null,
                "For example: Invoke-GrinfiCompanyMassAction -Action AddTag -Tag 'VIP'.");
        }
        _action = Action ?? MassAction.OnCompanies.FromType(Type!);
        CheckPayloadParameters();
        if (ParameterSetName == PipelineSet && InputObject is null && !MyInvocation.ExpectingInput)
        {
            throw GrinfiException.InvalidInput("GrinfiNoSelection", $"{Action?.ToString() ?? Type} was given no companies to act on.", null,
                "Pipe companies (Get-GrinfiCompany ... | Invoke-GrinfiCompanyMassAction ...), or select them with -Filter, -FromList, -FromPipelineStage or -WithTag, or pass -All.");
        }
        if (ParameterSetName == FilterSet && Selection.ConvertFilter().Count == 0 && FromList is null && FromPipelineStage is null && WithTag is null)
        {
            throw GrinfiException.InvalidInput("GrinfiEmptySelection", "An empty filter selects no companies here: it never means every company.", Filter,
                "Give -Filter conditions (or -FromList, -FromPipelineStage, -WithTag), or pass -All to act on every company.");
        }
        _plan = Run(BuildPlanAsync);
    }

    /// <inheritdoc />
    protected override void Process()
    {
        if (ParameterSetName != PipelineSet)
        {
            return;
        }
        foreach (var id in InputObject!)
        {
            if (id.Refusal(ActiveConnection.TeamId, "the pipeline") is { } refusal)
            {
                WriteFailure(refusal, id.InputObject);
            }
            else
            {
                Batcher.Add(new BatchItem(id.Uuid, id.Company ?? id.InputObject));
            }
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        string? target = null;
        if (ParameterSetName != PipelineSet)
        {
            // Read the selection through the guarded search; one prompt counts all of it.
            var filter = ParameterSetName == AllSet ? new JsonObject() : Run(ctx => Selection.ToFilterAsync(ActiveConnection, ctx));
            var companies = Run(ctx => ReadAllAsync(filter, ctx));
            target = ParameterSetName == AllSet ? $"all {Count(companies.Count)}" : $"{Count(companies.Count)} {DescribeCompanies(filter)}";
            if (companies.Count == 0)
            {
                WriteSummary($"{Description}: no company matches, nothing was sent.");
                return;
            }
            if (!Approve(target, Description, Force, askByDefault: true))
            {
                return;
            }
            _approved = true;
            foreach (var company in companies)
            {
                Batcher.Add(new BatchItem(company.Uuid, company));
            }
        }
        Batcher.Flush();
        if (Batcher.Requests > 0)
        {
            WriteSummary($"{Description}: {target ?? Count(Batcher.Sent / Math.Max(1, _plan.Count))} in {Output.Count(Batcher.Requests, "request")}.");
        }
    }

    private CompanySelection Selection => new()
    {
        Filter = Filter,
        Lists = FromList,
        Stages = FromPipelineStage,
        Tags = WithTag,
        AllowUnknownField = AllowUnknownField,
    };

    private async System.Threading.Tasks.Task<List<GrinfiCompany>> ReadAllAsync(JsonObject filter, CallContext ctx)
    {
        var pager = new CompanyPager(Api, filter, "uuid", descending: false, KeysetPager<GrinfiCompany>.MaxPageSize, KeysetPager<GrinfiCompany>.MaxPageSize, wanted: null);
        var all = new List<GrinfiCompany>();
        while (true)
        {
            var page = await pager.NextAsync(ctx).ConfigureAwait(false);
            if (page.Count == 0)
            {
                return all;
            }
            all.AddRange(page);
        }
    }

    private void CheckPayloadParameters()
    {
        var given = new (string Name, bool Present)[] { ("Tag", Tag is not null), ("PipelineStage", PipelineStage is not null) }
            .Where(p => p.Present).Select(p => p.Name).ToList();
        var label = Action?.ToString() ?? Type!;
        if (Payload is not null && given.Count > 0)
        {
            throw GrinfiException.InvalidInput("GrinfiPayloadConflict", $"-Payload and -{given[0]} both give the payload.", null,
                "Use -Payload for the raw payload, or the named parameters, not both.");
        }
        var needs = _action switch
        {
            GrinfiCompanyMassAction.AddTag or GrinfiCompanyMassAction.RemoveTag or GrinfiCompanyMassAction.ReplaceTags => "Tag",
            GrinfiCompanyMassAction.ChangePipelineStage => "PipelineStage",
            _ => null,
        };
        if (given.FirstOrDefault(g => g != needs) is { } stray)
        {
            throw GrinfiException.InvalidInput("GrinfiPayloadNotApplicable", $"-{stray} does not apply to {label}." + (needs is null ? "" : $" {label} takes -{needs}."), null,
                needs is null ? $"Leave out -{stray}." : $"Use -{needs}.");
        }
        if (_action is not GrinfiCompanyMassAction known)
        {
            return;
        }
        if (needs is not null && !given.Contains(needs) && Payload is null)
        {
            throw GrinfiException.InvalidInput("GrinfiPayloadMissing", $"{label} needs -{needs}.", null, $"For example: -Action {known} -{needs} <name or UUID>.");
        }
        if (Tag is { Length: 0 } && known != GrinfiCompanyMassAction.ReplaceTags)
        {
            throw GrinfiException.InvalidInput("GrinfiPayloadMissing", $"{label} needs at least one tag; -Tag is empty.", Tag,
                "Give the tags by name or UUID. To take every tag off, use -Action ReplaceTags -Tag @().");
        }
        if (Payload is not null && MassAction.OnCompanies.PayloadKeys(known).FirstOrDefault(k => !Payload.ContainsKey(k)) is { } missing)
        {
            throw GrinfiException.InvalidInput("GrinfiPayloadMissing",
                $"-Payload for {label} lacks '{missing}' (it takes {string.Join(", ", MassAction.OnCompanies.PayloadKeys(known))}).", Payload,
                needs is null ? "Add the key." : $"Add the key, or use -{needs} instead of -Payload.");
        }
    }

    private async System.Threading.Tasks.Task<IReadOnlyList<PlannedAction>> BuildPlanAsync(CallContext ctx)
    {
        var cache = ActiveConnection.Cache;
        var payload = Payload is null ? null : (JsonObject?)JsonInput.From(Payload, "Payload");
        if (_action is not GrinfiCompanyMassAction action)
        {
            return new[] { new PlannedAction(Type!, MassAction.OnCompanies.Raw(Type!, payload), $"Run company mass action '{Type}'") };
        }
        var name = action.ToString();
        if (payload is not null)
        {
            return new[] { new PlannedAction(name, MassAction.OnCompanies.Raw(MassAction.OnCompanies.TypeOf(action), payload), $"{name} with {JsonFormat.Text(payload)}") };
        }
        var tags = new List<GrinfiTag>();
        foreach (var bind in Tag ?? Array.Empty<TagPipeBind>())
        {
            tags.Add(await bind.ResolveAsync(cache.Tags, "Tag", ctx).ConfigureAwait(false));
        }
        switch (action)
        {
            case GrinfiCompanyMassAction.AddTag:
                return tags.Select(t => new PlannedAction(name, MassAction.OnCompanies.AddTag(t.Uuid), $"Add tag '{t.Name}'")).ToList();
            case GrinfiCompanyMassAction.RemoveTag:
                return tags.Select(t => new PlannedAction(name, MassAction.OnCompanies.RemoveTag(t.Uuid), $"Remove tag '{t.Name}'")).ToList();
            case GrinfiCompanyMassAction.ReplaceTags:
                return new[] { new PlannedAction(name, MassAction.OnCompanies.ReplaceTags(tags.Select(t => t.Uuid)),
                    tags.Count == 0 ? "Take every tag off" : $"Replace tags with {string.Join(", ", tags.Select(t => $"'{t.Name}'"))}") };
            case GrinfiCompanyMassAction.ChangePipelineStage:
                var stage = await PipelineStage!.ResolveAsync(cache.CompanyStages, "PipelineStage", ctx).ConfigureAwait(false);
                return new[] { new PlannedAction(name, MassAction.OnCompanies.ChangePipelineStage(stage.Uuid), $"Change pipeline stage to '{stage.Name}'") };
            default:
                return new[] { new PlannedAction(name, MassAction.OnCompanies.Delete, "Delete") };
        }
    }

    private void Record(PlannedAction action, ContactSelection selection, MassActionAnswer answer) =>
        WriteObject(new GrinfiMassActionResult(action.Name, action.Action.Type, Batcher.Requests, selection.Kind.ToString().ToLowerInvariant(),
            selection.Kind == ContactSelection.SelectionKind.Ids ? selection.Ids.Count : null, answer.Count, PSJson.ToPowerShell(answer.Data)));
}
