using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Completers;
using GrinfiPS.Leads;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Automations;

/// <summary>
/// Add-GrinfiAutomationLead: adds contacts to automations, one request per contact and
/// automation: existing contacts from the pipeline, or contacts given by LinkedIn id (rows of
/// Import-Csv), which the API creates in -List (or matches) and adds in one call.
/// </summary>
[Cmdlet(VerbsCommon.Add, "GrinfiAutomationLead", DefaultParameterSetName = LeadSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiAutomationLeadResult))]
public sealed class AddGrinfiAutomationLeadCommand : ContactActionCmdlet
{
    private const string LeadSet = "Lead";
    private const string NewSet = "LinkedInId";

    private IReadOnlyList<GrinfiAutomation> _automations = Array.Empty<GrinfiAutomation>();
    private GrinfiList? _list;
    private Dictionary<string, string?>? _customFields;

    /// <summary>The automations to add the contacts to (names, UUIDs or GrinfiAutomation objects).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AutomationNameCompleter))]
    public AutomationPipeBind[]? Automation { get; set; }

    /// <summary>
    /// Existing contacts (GrinfiLead objects, UUIDs, or objects with a Uuid property); with -List,
    /// the rows whose columns give the contacts to create (they bind to -LinkedInId, -FirstName, ...).
    /// </summary>
    [Parameter(ParameterSetName = LeadSet, Mandatory = true, ValueFromPipeline = true)]
    [Parameter(ParameterSetName = NewSet, ValueFromPipeline = true)]
    [Alias("Lead", "Uuid")]
    [ValidateNotNullOrEmpty]
    public object[]? InputObject { get; set; }

    /// <summary>A contact to create (or match) and add: its LinkedIn profile URL, handle or member id.</summary>
    [Parameter(ParameterSetName = NewSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("linkedin_id", "LinkedInUrl", "LinkedIn URL", "ProfileUrl", "LinkedIn")]
    [ValidateNotNullOrEmpty]
    public string? LinkedInId { get; set; }

    /// <summary>First name of the contact to create.</summary>
    [Parameter(ParameterSetName = NewSet, ValueFromPipelineByPropertyName = true)]
    [Alias("first_name", "First Name")]
    public string? FirstName { get; set; }

    /// <summary>Last name of the contact to create.</summary>
    [Parameter(ParameterSetName = NewSet, ValueFromPipelineByPropertyName = true)]
    [Alias("last_name", "Last Name")]
    public string? LastName { get; set; }

    /// <summary>Company name of the contact to create.</summary>
    [Parameter(ParameterSetName = NewSet, ValueFromPipelineByPropertyName = true)]
    [Alias("company_name", "Company")]
    public string? CompanyName { get; set; }

    /// <summary>Email of the contact to create (stored as the work email).</summary>
    [Parameter(ParameterSetName = NewSet, ValueFromPipelineByPropertyName = true)]
    [Alias("WorkEmail", "work_email")]
    public string? Email { get; set; }

    /// <summary>Job title of the contact to create.</summary>
    [Parameter(ParameterSetName = NewSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Title", "JobTitle")]
    public string? Position { get; set; }

    /// <summary>Company domain, used for email discovery.</summary>
    [Parameter(ParameterSetName = NewSet, ValueFromPipelineByPropertyName = true)]
    public string? Domain { get; set; }

    /// <summary>The list a new contact is created in.</summary>
    [Parameter(ParameterSetName = NewSet, Mandatory = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind? List { get; set; }

    /// <summary>Custom field values for contacts created or updated: @{ industry = 'SaaS' }.</summary>
    [Parameter(ParameterSetName = NewSet)]
    [ValidateNotNull]
    public Hashtable? CustomField { get; set; }

    /// <summary>Leave a contact that exists alone: not updated and not added (reported as Skipped).</summary>
    [Parameter(ParameterSetName = NewSet)]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>Move a contact that exists into -List.</summary>
    [Parameter(ParameterSetName = NewSet)]
    public SwitchParameter MoveToList { get; set; }

    /// <summary>The automation segment the contact enters (the API's flow_segment_id; 1 by default).</summary>
    [Parameter(ParameterSetName = NewSet)]
    [ValidateRange(1, int.MaxValue)]
    public int? Segment { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        var cache = Names;
        _automations = Run(async ctx =>
        {
            var found = new List<GrinfiAutomation>();
            foreach (var bind in Automation!)
            {
                found.Add(await bind.ResolveAsync(cache.Automations, "Automation", ctx).ConfigureAwait(false));
            }
            return (IReadOnlyList<GrinfiAutomation>)found.GroupBy(a => a.Uuid).Select(g => g.First()).ToList();
        });
        foreach (var automation in _automations.Where(a => !string.Equals(a.Status, "on", StringComparison.OrdinalIgnoreCase)))
        {
            WriteWarning($"Automation '{automation.Name}' is {automation.Status ?? "of no known status"}, not on: contacts added to it wait until it is turned on.");
        }
        if (ParameterSetName == NewSet)
        {
            _list = Run(ctx => List!.ResolveAsync(cache.Lists, "List", ctx));
            _customFields = CustomField is null ? null : Run(async ctx =>
            {
                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in CustomField)
                {
                    var field = await new CustomFieldPipeBind(entry.Key?.ToString() ?? "").ResolveAsync(cache.LeadCustomFields, "CustomField", ctx).ConfigureAwait(false);
                    values[field.Name] = FieldText.From(entry.Value, $"custom field '{field.Name}'");
                }
                return values;
            });
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        if (ParameterSetName == LeadSet)
        {
            Enqueue(InputObject!.Select(o => o is string s ? new LeadPipeBind(s) : new LeadPipeBind(o)));
            return;
        }
        object input = InputObject is { Length: 1 } row ? row[0] : LinkedInId!;
        Guard(() =>
        {
            foreach (var action in PlanNew(input))
            {
                Queue(action);
            }
        }, input);
    }

    /// <inheritdoc />
    protected override void End() => Finish();

    private protected override IEnumerable<ContactAction> Plan(LeadPipeBind contact)
    {
        var uuid = contact.Uuid;
        var name = NameOf(contact);
        foreach (var automation in _automations)
        {
            var flow = automation.Uuid;
            yield return new ContactAction("add|" + flow + "|" + uuid, name, $"Add to automation '{automation.Name}'", contact.InputObject,
                async ctx =>
                {
                    await Api.AddLeadToAutomationAsync(flow, uuid, ctx).ConfigureAwait(false);
                    return true;
                })
            { Tag = (automation, contact.Lead?.Name is { Length: > 0 } n ? n : uuid, (string?)uuid) };
        }
    }

    private IEnumerable<ContactAction> PlanNew(object input)
    {
        var linkedIn = LinkedInIds.Parse(LinkedInId);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["linkedin_id"] = LinkedInId!.Trim() };
        void Add(string field, string? value)
        {
            if (FieldText.From(value, field) is string text)
            {
                fields[field] = text;
            }
        }
        Add("first_name", FirstName);
        Add("last_name", LastName);
        Add("company_name", CompanyName);
        Add("email", Email);
        Add("position", Position);
        Add("domain", Domain);
        // The same rule as Set-GrinfiLead's rows: add-new-lead takes the upsert's lead fields.
        if (fields.TryGetValue("email", out var email) && CellValues.EmailProblem(email) is string problem)
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidEmail", $"'{email}' is not an e-mail address the API takes: {problem}.", input,
                "Give an address like jane@acme.com, or leave the email out.");
        }
        var lead = new AutomationNewLead(new LeadUpsert(fields, _list!.Uuid) { CustomFields = _customFields ?? new Dictionary<string, string?>(), MoveToList = MoveToList })
        {
            SkipIfExists = SkipExisting,
            Segment = Segment,
        };
        var person = string.Join(" ", new[] { FirstName, LastName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
        var name = person.Length > 0 ? $"{person} ({linkedIn.Value})" : $"LinkedIn '{linkedIn.Value}'";
        var verb = SkipExisting ? "Create (unless it exists) and add" : "Create or update, and add";
        foreach (var automation in _automations)
        {
            var flow = automation.Uuid;
            yield return new ContactAction($"new|{flow}|{linkedIn.Kind}|{linkedIn.Value}", name, $"{verb} to automation '{automation.Name}' (list '{_list.Name}')", input,
                ctx => Api.AddNewLeadToAutomationAsync(flow, lead, ctx))
            { Tag = (automation, person.Length > 0 ? person : linkedIn.Value, (string?)null) };
        }
    }

    private protected override void Succeeded(ContactAction action, bool added)
    {
        var (automation, lead, uuid) = ((GrinfiAutomation, string, string?))action.Tag!;
        if (!added)
        {
            WriteVerbose($"{action.Name} exists and was left alone (-SkipExisting): not added to automation '{automation.Name}'.");
        }
        WriteObject(new GrinfiAutomationLeadResult(automation.Name, automation.Uuid, lead, uuid, added ? "Added" : "Skipped"));
    }
}
