using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Leads;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Set-GrinfiLead: creates or updates contacts, typically from Import-Csv. A row with a Uuid
/// updates that contact; a row without one creates it, or updates the contact it matches.
/// </summary>
/// <remarks>
/// Rows are read through the column mapping (<see cref="LeadRowReader"/>); the writing, with
/// lookups, outcomes and batched changes, is <see cref="LeadWriter"/>'s. Parameters give every
/// row a value and win over its cells.
/// </remarks>
[Cmdlet(VerbsCommon.Set, "GrinfiLead", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiLead))]
public sealed class SetGrinfiLeadCommand : GrinfiConnectedCmdlet
{
    private LeadWriteRun? _run;
    private int _rows;

    /// <summary>The input row (an Import-Csv row, a hashtable, a GrinfiLead, any object).</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>The contact to update; rows without it are created or matched.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LeadUuid", "lead_uuid")]
    public string? Uuid { get; set; }

    /// <summary>LinkedIn profile URL, public handle or member id; creating a contact needs it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, Position = 0)]
    [Alias("linkedin_id", "LinkedInUrl", "LinkedIn URL", "ProfileUrl", "LinkedIn")]
    public string? LinkedInId { get; set; }

    /// <summary>First name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("first_name", "First Name")]
    public string? FirstName { get; set; }

    /// <summary>Last name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("last_name", "Last Name")]
    public string? LastName { get; set; }

    /// <summary>Company name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("company_name", "Company")]
    public string? CompanyName { get; set; }

    /// <summary>Email (the API stores it as the work email).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("WorkEmail", "work_email")]
    public string? Email { get; set; }

    /// <summary>Job title.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Title", "JobTitle")]
    public string? Position { get; set; }

    /// <summary>LinkedIn headline.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Headline { get; set; }

    /// <summary>About text.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? About { get; set; }

    /// <summary>Company domain (a website's host), used for email discovery.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Domain { get; set; }

    /// <summary>Address as free text.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("raw_address", "Address")]
    public string? RawAddress { get; set; }

    /// <summary>LinkedIn member id (ACoAA...).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ln_id")]
    public string? LnId { get; set; }

    /// <summary>Sales Navigator id (ACwAA...).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("sn_id")]
    public string? SnId { get; set; }

    /// <summary>The list: where new contacts go, and where updated contacts move to.</summary>
    [Parameter]
    [Alias("list_uuid", "ListUuid")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind? List { get; set; }

    /// <summary>Leave existing contacts alone; they are reported as skipped.</summary>
    [Parameter]
    public SwitchParameter SkipExisting { get; set; }

    /// <summary>Existing contacts matched by their identifiers move into -List too (by default they stay in their list).</summary>
    [Parameter]
    public SwitchParameter MoveToList { get; set; }

    /// <summary>Custom field values for every row: @{ industry = 'SaaS' } ($null clears).</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? CustomField { get; set; }

    /// <summary>Maps other column names to lead fields or custom fields: @{ 'Deal Size' = 'deal_size' }; $null leaves a column out.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? ColumnMap { get; set; }

    /// <summary>Fields to empty on purpose (contacts with a Uuid): -Clear Position, Headline. Only fields the API lets be empty, and custom fields.</summary>
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

    /// <summary>Most writes in flight at once. Below it, as many as the key's rate and the API's latency need.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Contacts per mass-action request for batched changes.</summary>
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
        var bound = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        var fields = new Dictionary<string, string?>
        {
            ["linkedin_id"] = LinkedInId, ["first_name"] = FirstName, ["last_name"] = LastName, ["company_name"] = CompanyName,
            ["email"] = Email, ["position"] = Position, ["headline"] = Headline, ["about"] = About, ["domain"] = Domain,
            ["raw_address"] = RawAddress, ["ln_id"] = LnId, ["sn_id"] = SnId,
        };
        var given = fields.Where(f => bound.Contains(LeadFields.Get(f.Key)!.Property) && FieldText.From(f.Value, f.Key) is not null)
            .ToDictionary(f => f.Key, f => FieldText.From(f.Value, f.Key)!);
        _run = Run(ctx => LeadWriteRun.PrepareAsync(this, new LeadWriteParameters
        {
            Uuid = bound.Contains(nameof(Uuid)) ? Uuid : null,
            Fields = given,
            CustomField = CustomField,
            ColumnMap = ColumnMap,
            Clear = Clear,
            List = List,
            PipelineStage = PipelineStage,
            AddTag = AddTag,
            RemoveTag = RemoveTag,
            SkipExisting = SkipExisting,
            MoveToList = MoveToList,
            ThrottleLimit = ThrottleLimit,
            BatchSize = BatchSize,
            PassThru = PassThru,
        }, ctx));
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var run = _run!;
        var input = InputObject?.BaseObject is null ? null : InputObject;
        var row = run.Read(++_rows, input);
        if (row.Error is null && !ShouldProcess(row.Label, run.Describe(row)))
        {
            return;
        }
        run.Writer.Add(row);
    }

    /// <inheritdoc />
    protected override void End() => _run?.Writer.Finish();

    /// <inheritdoc />
    protected override void OnStopped() => _run?.Writer.Stopped();
}
