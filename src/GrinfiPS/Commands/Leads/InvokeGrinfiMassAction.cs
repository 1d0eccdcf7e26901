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

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Invoke-GrinfiMassAction: tags, moves, stages, deletes ... thousands of contacts in a few
/// requests: piped contacts in batches, or a filter the server evaluates.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "GrinfiMassAction", DefaultParameterSetName = PipelineSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiMassActionResult))]
public sealed class InvokeGrinfiMassActionCommand : MassActionCmdlet
{
    private const string PipelineSet = "Pipeline";
    private const string FilterSet = "Filter";
    private const string AllSet = "All";

    private GrinfiMassAction? _action;

    /// <summary>What to do: AddTag, RemoveTag, ReplaceTags, MoveToList, ChangePipelineStage, SetCustomField, AddToAutomation, CancelFromAutomations, Delete, ExportCsv, MarkRead.</summary>
    [Parameter(Position = 0)]
    public GrinfiMassAction? Action { get; set; }

    /// <summary>A wire type sent as is, for actions the API added after this module (older names are translated).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Type { get; set; }

    /// <summary>Contacts from the pipeline: GrinfiLead objects, UUIDs, or objects with a Uuid property.</summary>
    [Parameter(ParameterSetName = PipelineSet, ValueFromPipeline = true)]
    [Alias("Uuid", "Lead")]
    [ValidateNotNullOrEmpty]
    public LeadPipeBind[]? InputObject { get; set; }

    /// <summary>Contacts the server selects by these field conditions (as Get-GrinfiLead -Filter).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateNotNull]
    public LeadFilter? Filter { get; set; }

    /// <summary>Selects contacts in these lists (as Get-GrinfiLead -List; -List here is the action's target).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind[]? FromList { get; set; }

    /// <summary>Selects contacts in these stages (as Get-GrinfiLead -PipelineStage).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public PipelineStagePipeBind[]? FromPipelineStage { get; set; }

    /// <summary>Selects contacts with one of these tags (as Get-GrinfiLead -Tag).</summary>
    [Parameter(ParameterSetName = FilterSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? WithTag { get; set; }

    /// <summary>Allow -Filter fields GrinfiPS does not know.</summary>
    [Parameter(ParameterSetName = FilterSet)]
    public SwitchParameter AllowUnknownField { get; set; }

    /// <summary>Every contact of the team. Only -All means everything; an empty filter is an error.</summary>
    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    /// <summary>Tags for AddTag and RemoveTag (one request each) and ReplaceTags (-Tag @() takes every tag off).</summary>
    [Parameter]
    [ValidateNotNull]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? Tag { get; set; }

    /// <summary>The list for MoveToList.</summary>
    [Parameter]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind? List { get; set; }

    /// <summary>The stage for ChangePipelineStage.</summary>
    [Parameter]
    [Alias("Stage")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(PipelineStageNameCompleter))]
    public PipelineStagePipeBind? PipelineStage { get; set; }

    /// <summary>Values for SetCustomField, by field name: @{ industry = 'SaaS' } (one request per field; $null clears).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public Hashtable? CustomField { get; set; }

    /// <summary>Automations for AddToAutomation (one request each) and CancelFromAutomations.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AutomationNameCompleter))]
    public AutomationPipeBind[]? Automation { get; set; }

    /// <summary>The payload as the API takes it, instead of -Tag, -List, ...: @{ tag_uuid = '...' }.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? Payload { get; set; }

    private protected override bool AskByDefault(bool wholeSelection) => wholeSelection || _action == GrinfiMassAction.Delete;

    /// <inheritdoc />
    protected override void Begin()
    {
        _action = ResolveAction();
        CheckPayloadParameters();
        if (ParameterSetName == PipelineSet && InputObject is null && !MyInvocation.ExpectingInput)
        {
            throw GrinfiException.InvalidInput("GrinfiNoSelection",
                $"{Action?.ToString() ?? Type} was given no contacts to act on.", null,
                "Pipe contacts (Get-GrinfiLead ... | Invoke-GrinfiMassAction ...), or select them with -Filter, -FromList, -FromPipelineStage or -WithTag, or pass -All for every contact.");
        }
        if (ParameterSetName == FilterSet)
        {
            if (Selection.ConvertFilter().Count == 0 && FromList is null && FromPipelineStage is null && WithTag is null)
            {
                throw GrinfiException.InvalidInput("GrinfiEmptySelection",
                    "An empty filter selects no contacts here: it never means every contact.", Filter,
                    "Give -Filter conditions (or -FromList, -FromPipelineStage, -WithTag), or pass -All to act on every contact.");
            }
        }
        Plan = Run(BuildPlanAsync);
    }

    /// <inheritdoc />
    protected override void Process()
    {
        if (ParameterSetName == PipelineSet)
        {
            Enqueue(InputObject!);
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        switch (ParameterSetName)
        {
            case PipelineSet:
                Finish();
                break;
            case FilterSet:
                var selection = Selection;
                ActOnSelection(ContactSelection.Where(Run(ctx => selection.ToFilterAsync(ActiveConnection, ctx))));
                break;
            case AllSet:
                ActOnSelection(ContactSelection.Everyone);
                break;
        }
    }

    private LeadSelection Selection => new()
    {
        Filter = Filter,
        Lists = FromList,
        Stages = FromPipelineStage,
        Tags = WithTag,
        AllowUnknownField = AllowUnknownField,
    };

    private GrinfiMassAction? ResolveAction()
    {
        if (Action is null == Type is null)
        {
            throw GrinfiException.InvalidInput("GrinfiActionRequired", Action is null
                    ? "Say what to do with -Action (AddTag, MoveToList, Delete, ...) or -Type (a raw API type)."
                    : "Give -Action or -Type, not both.", null,
                "For example: Invoke-GrinfiMassAction -Action AddTag -Tag 'VIP'.");
        }
        return Action ?? MassAction.FromType(Type!);
    }

    private void CheckPayloadParameters()
    {
        var given = new (string Name, bool Present)[]
        {
            ("Tag", Tag is not null), ("List", List is not null), ("PipelineStage", PipelineStage is not null),
            ("CustomField", CustomField is not null), ("Automation", Automation is not null),
        }.Where(p => p.Present).Select(p => p.Name).ToList();
        var label = Action?.ToString() ?? Type!;
        if (Payload is not null && given.Count > 0)
        {
            throw GrinfiException.InvalidInput("GrinfiPayloadConflict",
                $"-Payload and -{given[0]} both give the payload.", null, "Use -Payload for the raw payload, or the named parameters, not both.");
        }
        var needs = _action switch
        {
            GrinfiMassAction.AddTag or GrinfiMassAction.RemoveTag or GrinfiMassAction.ReplaceTags => "Tag",
            GrinfiMassAction.MoveToList => "List",
            GrinfiMassAction.ChangePipelineStage => "PipelineStage",
            GrinfiMassAction.SetCustomField => "CustomField",
            GrinfiMassAction.AddToAutomation or GrinfiMassAction.CancelFromAutomations => "Automation",
            _ => null,
        };
        var stray = given.Where(g => g != needs).ToList();
        if (stray.Count > 0)
        {
            throw GrinfiException.InvalidInput("GrinfiPayloadNotApplicable",
                $"-{stray[0]} does not apply to {label}." + (needs is null ? "" : $" {label} takes -{needs}."), null,
                needs is null ? $"Leave out -{stray[0]}." : $"Use -{needs}.");
        }
        if (_action is GrinfiMassAction known)
        {
            if (needs is not null && !given.Contains(needs) && Payload is null)
            {
                throw GrinfiException.InvalidInput("GrinfiPayloadMissing",
                    $"{label} needs -{needs}.", null, $"For example: -Action {known} -{needs} <{(needs == "CustomField" ? "@{ name = value }" : "name or UUID")}>.");
            }
            if (Tag is { Length: 0 } && known != GrinfiMassAction.ReplaceTags)
            {
                throw GrinfiException.InvalidInput("GrinfiPayloadMissing", $"{label} needs at least one tag; -Tag is empty.", Tag,
                    "Give the tags by name or UUID. To take every tag off, use -Action ReplaceTags -Tag @().");
            }
            var missing = Payload is null ? null : MassAction.PayloadKeys(known).FirstOrDefault(k => !Payload.ContainsKey(k));
            if (missing is not null)
            {
                throw GrinfiException.InvalidInput("GrinfiPayloadMissing",
                    $"-Payload for {label} lacks '{missing}' (it takes {string.Join(", ", MassAction.PayloadKeys(known))}).", Payload,
                    needs is null ? "Add the key." : $"Add the key, or use -{needs} instead of -Payload.");
            }
        }
    }

    private async System.Threading.Tasks.Task<IReadOnlyList<PlannedAction>> BuildPlanAsync(CallContext ctx)
    {
        var cache = ActiveConnection.Cache;
        var payload = Payload is null ? null : (JsonObject?)JsonInput.From(Payload, "Payload");
        if (_action is not GrinfiMassAction action)
        {
            return new[] { new PlannedAction(Type!, MassAction.Raw(Type!, payload), $"Run mass action '{Type}'") };
        }
        var name = action.ToString();
        if (payload is not null)
        {
            return new[] { new PlannedAction(name, MassAction.Raw(MassAction.TypeOf(action), payload), $"{name} with {JsonFormat.Text(payload)}") };
        }
        switch (action)
        {
            case GrinfiMassAction.AddTag or GrinfiMassAction.RemoveTag:
                return await MassActionPlans.TagActionsAsync(action, Tag!, cache, "Tag", ctx).ConfigureAwait(false);
            case GrinfiMassAction.ReplaceTags:
                var all = new List<GrinfiTag>();
                foreach (var bind in Tag!)
                {
                    all.Add(await bind.ResolveAsync(cache.Tags, "Tag", ctx).ConfigureAwait(false));
                }
                return new[] { new PlannedAction(name, MassAction.ReplaceTags(all.Select(t => t.Uuid)),
                    all.Count == 0 ? "Take every tag off" : $"Replace tags with {string.Join(", ", all.Select(t => $"'{t.Name}'"))}") };
            case GrinfiMassAction.MoveToList:
                return new[] { MassActionPlans.MoveToList(await List!.ResolveAsync(cache.Lists, "List", ctx).ConfigureAwait(false)) };
            case GrinfiMassAction.ChangePipelineStage:
                return new[] { MassActionPlans.ChangePipelineStage(await PipelineStage!.ResolveAsync(cache.LeadStages, "PipelineStage", ctx).ConfigureAwait(false)) };
            case GrinfiMassAction.SetCustomField:
                var fields = new List<PlannedAction>();
                foreach (DictionaryEntry entry in CustomField!)
                {
                    var field = await new CustomFieldPipeBind(entry.Key?.ToString() ?? "").ResolveAsync(cache.LeadCustomFields, "CustomField", ctx).ConfigureAwait(false);
                    fields.Add(MassActionPlans.SetCustomField(field, FieldText.From(entry.Value, $"custom field '{field.Name}'")));
                }
                return fields;
            case GrinfiMassAction.AddToAutomation:
                var flows = new List<PlannedAction>();
                foreach (var bind in Automation!)
                {
                    var flow = await bind.ResolveAsync(cache.Automations, "Automation", ctx).ConfigureAwait(false);
                    flows.Add(new PlannedAction(name, MassAction.AddToAutomation(flow.Uuid), $"Add to automation '{flow.Name}'"));
                }
                return flows;
            case GrinfiMassAction.CancelFromAutomations:
                var cancel = new List<GrinfiAutomation>();
                foreach (var bind in Automation!)
                {
                    cancel.Add(await bind.ResolveAsync(cache.Automations, "Automation", ctx).ConfigureAwait(false));
                }
                return new[] { new PlannedAction(name, MassAction.CancelFromAutomations(cancel.Select(f => f.Uuid)),
                    $"Cancel from automations {string.Join(", ", cancel.Select(f => $"'{f.Name}'"))}") };
            case GrinfiMassAction.Delete:
                return new[] { new PlannedAction(name, MassAction.Delete, "Delete") };
            case GrinfiMassAction.ExportCsv:
                return new[] { new PlannedAction(name, MassAction.ExportCsv, "Export to CSV") };
            default:
                return new[] { new PlannedAction(name, MassAction.MarkRead, "Mark read") };
        }
    }
}
