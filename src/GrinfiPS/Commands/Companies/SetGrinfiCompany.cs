using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Completers;
using GrinfiPS.Leads;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Companies;

/// <summary>
/// Set-GrinfiCompany: changes companies' fields and pipeline stage (one PUT each) and their
/// custom-field values (one request per field), from parameters or Import-Csv columns.
/// </summary>
[Cmdlet(VerbsCommon.Set, "GrinfiCompany", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiCompany))]
public sealed class SetGrinfiCompanyCommand : CompanyCmdlet
{
    // PowerShell parameter → company field; the values come from the parameters or, for a
    // piped row that is not a GrinfiCompany, from its columns.
    private static readonly (string Parameter, string Field)[] s_fields =
    {
        (nameof(Name), "name"), (nameof(Domain), "domain"), (nameof(Website), "website"), (nameof(LinkedIn), "linkedin"),
        (nameof(LnId), "ln_id"), (nameof(Industry), "industry"), (nameof(EmployeesRange), "employees_range"),
        (nameof(HqRawAddress), "hq_raw_address"), (nameof(Phone), "phone"), (nameof(About), "about"),
    };

    private HashSet<string> _explicit = new(StringComparer.OrdinalIgnoreCase);
    private GrinfiPipelineStage? _stage;
    private List<(GrinfiCustomField Field, string? Value)> _customFields = new();
    private int _updated;
    private int _requests;

    /// <summary>The companies: GrinfiCompany objects, UUIDs, or rows with a CompanyUuid or Uuid column.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Uuid", "Company")]
    [ValidateNotNull]
    public CompanyPipeBind? InputObject { get; set; }

    /// <summary>Company name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("CompanyName", "company_name")]
    public string? Name { get; set; }

    /// <summary>Web domain.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Domain { get; set; }

    /// <summary>Website address.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Website { get; set; }

    /// <summary>LinkedIn company page: a handle or a linkedin.com/company/ URL.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LinkedInUrl")]
    public string? LinkedIn { get; set; }

    /// <summary>LinkedIn numeric company id.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ln_id")]
    public string? LnId { get; set; }

    /// <summary>Industry.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Industry { get; set; }

    /// <summary>Employee count range, such as 51-200.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("employees_range")]
    public string? EmployeesRange { get; set; }

    /// <summary>Headquarters address as free text.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("hq_raw_address", "Address")]
    public string? HqRawAddress { get; set; }

    /// <summary>Phone number.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Phone { get; set; }

    /// <summary>About text.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? About { get; set; }

    /// <summary>The company pipeline stage to put the companies in (name, UUID or GrinfiPipelineStage).</summary>
    [Parameter]
    [Alias("Stage")]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(CompanyPipelineStageNameCompleter))]
    public PipelineStagePipeBind? PipelineStage { get; set; }

    /// <summary>Company custom-field values by field name: @{ tier = 'Enterprise' } ($null clears).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public Hashtable? CustomField { get; set; }

    /// <summary>Return each company as it is after the change.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        // Parameters bound before the first input are the explicit ones; a piped GrinfiCompany's
        // own properties (Name, Domain, ...) must never be written back as changes.
        _explicit = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        if (!s_fields.Any(f => _explicit.Contains(f.Parameter)) && PipelineStage is null && CustomField is null && !MyInvocation.ExpectingInput)
        {
            throw GrinfiException.InvalidInput("GrinfiNothingToSet", "Set-GrinfiCompany was given nothing to change.", null,
                "Give a field (-Industry 'SaaS'), -PipelineStage or -CustomField; or pipe rows whose columns hold the new values.");
        }
        var cache = Names;
        _stage = PipelineStage is null ? null : Run(ctx => PipelineStage.ResolveAsync(cache.CompanyStages, "PipelineStage", ctx));
        if (CustomField is not null)
        {
            _customFields = Run(async ctx =>
            {
                var resolved = new List<(GrinfiCustomField, string?)>();
                foreach (DictionaryEntry entry in CustomField)
                {
                    var field = await new CustomFieldPipeBind(entry.Key?.ToString() ?? "").ResolveAsync(cache.CompanyCustomFields, "CustomField", ctx).ConfigureAwait(false);
                    resolved.Add((field, FieldText.From(entry.Value, $"custom field '{field.Name}'")));
                }
                return resolved;
            });
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var id = InputObject!;
        if (id.Refusal(ActiveConnection.TeamId, "-InputObject") is { } refusal)
        {
            WriteFailure(refusal, id.InputObject);
            return;
        }
        Guard(() => Update(id), id.InputObject);
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (_requests > 0)
        {
            WriteSummary($"Updated {Count(_updated)} in {Output.Count(_requests, "request")}.");
        }
    }

    private void Update(CompanyPipeBind id)
    {
        var update = CompanyWrite.ForUpdate(Fields(id));
        if (update.IsEmpty && _customFields.Count == 0)
        {
            WriteVerbose($"Nothing to change for company {id}: no field has a value.");
            return;
        }
        var changes = new List<string>();
        if (!update.IsEmpty)
        {
            changes.Add("Set " + string.Join(", ", update.Fields.Keys.OrderBy(k => k, StringComparer.Ordinal)
                .Select(k => k == "lead_status_uuid" ? $"pipeline stage '{_stage!.Name}'" : k)));
        }
        changes.AddRange(_customFields.Select(c => c.Value is null ? $"clear custom field '{c.Field.Name}'" : $"set custom field '{c.Field.Name}' to '{c.Value}'"));
        var target = id.Company is { } known ? $"company '{known.Name}' ({known.Uuid})" : $"company {id.Uuid}";
        if (!ShouldProcess(target, string.Join("; ", changes)))
        {
            return;
        }
        GrinfiCompany? result = null;
        try
        {
            if (!update.IsEmpty)
            {
                result = Run(ctx => Api.UpdateCompanyAsync(id.Uuid, update, ctx));
                _requests++;
            }
            foreach (var (field, value) in _customFields)
            {
                Run(ctx => Api.SetCustomFieldValueAsync(field.Uuid, "company", id.Uuid, value, ctx));
                _requests++;
            }
        }
        catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound || (ex.Kind == GrinfiErrorKind.Validation && ex.FieldErrors.ContainsKey("object_uuid")))
        {
            throw new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiCompanyNotFound", $"No company has the UUID '{id.Uuid}'.", ex)
            {
                RecommendedAction = "Check the UUID; the company may have been deleted.",
            };
        }
        _updated++;
        if (PassThru)
        {
            // The custom-field values are not part of a company as the API returns it.
            WriteCompany(result ?? Run(ctx => Api.GetCompanyAsync(id.Uuid, ctx)));
        }
    }

    /// <summary>The fields to send: explicit parameters, or a piped row's columns (never a piped GrinfiCompany's own values).</summary>
    private Dictionary<string, string> Fields(CompanyPipeBind id)
    {
        var bound = MyInvocation.BoundParameters;
        var fromRow = id.Company is null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (parameter, field) in s_fields)
        {
            if (!_explicit.Contains(parameter) && !(fromRow && bound.ContainsKey(parameter)))
            {
                continue;
            }
            var text = FieldText.From(bound.TryGetValue(parameter, out var v) ? v : null, field);
            if (text is null)
            {
                continue;
            }
            if (field == "ln_id" && !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw GrinfiException.InvalidInput("GrinfiInvalidFieldValue", $"-LnId '{text}' is not a LinkedIn numeric company id.", id.InputObject,
                    "Give the digits of the company's LinkedIn id, or a handle with -LinkedIn.");
            }
            values[field] = field == "linkedin" ? CompanyLookup.CompanyHandle(text) : text;
        }
        if (_stage is not null)
        {
            values["lead_status_uuid"] = _stage.Uuid;
        }
        return values;
    }
}
