using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Companies;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Companies;

/// <summary>
/// New-GrinfiCompany: creates companies, typically from Import-Csv, in batches (the API creates
/// an array per request), in one or more lists; companies that exist already are left out.
/// </summary>
[Cmdlet(VerbsCommon.New, "GrinfiCompany", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(GrinfiCompany))]
public sealed class NewGrinfiCompanyCommand : CompanyCmdlet
{
    private CompanyCreator? _creator;
    private IReadOnlyList<string> _listNames = Array.Empty<string>();

    /// <summary>The input row (an Import-Csv row, a hashtable, any object): named in errors.</summary>
    [Parameter(ValueFromPipeline = true)]
    public PSObject? InputObject { get; set; }

    /// <summary>Company name (required for each company).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("CompanyName", "company_name", "Company")]
    public string? Name { get; set; }

    /// <summary>Web domain (acme.com).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("CompanyDomain", "Company Domain")]
    public string? Domain { get; set; }

    /// <summary>Website address.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("WebsiteUrl", "Website URL", "Company Website")]
    public string? Website { get; set; }

    /// <summary>LinkedIn company page: a handle or a linkedin.com/company/ URL.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LinkedInUrl", "Company LinkedIn Url")]
    public string? LinkedIn { get; set; }

    /// <summary>Industry.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Industry { get; set; }

    /// <summary>Employee count range, such as 51-200.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("employees_range", "Employees")]
    public string? EmployeesRange { get; set; }

    /// <summary>Headquarters address as free text.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("hq_raw_address", "Address")]
    public string? HqRawAddress { get; set; }

    /// <summary>Lists to put every new company in (a company can be in several).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind[]? List { get; set; }

    /// <summary>UUID of the data source to record for the new companies.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataSourceUuid { get; set; }

    /// <summary>Create companies even when one with the same web address, LinkedIn page (or, lacking both, name) exists.</summary>
    [Parameter]
    public SwitchParameter AllowDuplicate { get; set; }

    /// <summary>Companies per create request.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <inheritdoc />
    protected override void Begin()
    {
        if (DataSourceUuid is not null && !Guid.TryParseExact(DataSourceUuid.Trim(), "D", out _))
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidUuid", $"-DataSourceUuid '{DataSourceUuid}' is not a UUID.", DataSourceUuid,
                "Give a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e, or leave -DataSourceUuid out.");
        }
        var lists = Run(async ctx =>
        {
            var found = new List<GrinfiList>();
            foreach (var bind in List ?? Array.Empty<ListPipeBind>())
            {
                found.Add(await bind.ResolveAsync(Names.Lists, "List", ctx).ConfigureAwait(false));
            }
            return found;
        });
        _listNames = lists.Select(l => l.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _creator = new CompanyCreator(this, lists.Select(l => l.Uuid).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            DataSourceUuid?.Trim(), AllowDuplicate, BatchSize);
    }

    /// <inheritdoc />
    protected override void Process()
    {
        var source = InputObject?.BaseObject is null ? (object?)Name : InputObject;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in new[]
        {
            ("name", Name), ("domain", Domain), ("website", Website), ("linkedin", LinkedIn is null ? null : CompanyLookup.CompanyHandle(LinkedIn.Trim())),
            ("industry", Industry), ("employees_range", EmployeesRange), ("hq_raw_address", HqRawAddress),
        })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                fields[field] = value!.Trim();
            }
        }
        if (!fields.ContainsKey("name"))
        {
            WriteFailure(GrinfiException.InvalidInput("GrinfiCompanyNameMissing", "A company to create needs a name, and this one has none.", source,
                "Give -Name, or a Name column (CompanyName and company_name work too)."), source);
            return;
        }
        var where = _listNames.Count == 0 ? "" : $" in list{(_listNames.Count == 1 ? "" : "s")} {string.Join(", ", _listNames.Select(n => $"'{n}'"))}";
        if (ShouldProcess($"company '{fields["name"]}'", "Create" + where))
        {
            _creator!.Add(CompanyWrite.ForCreate(fields), source);
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        var creator = _creator!;
        creator.Flush();
        if (creator.Requests > 0)
        {
            WriteSummary($"Created {Count(creator.Created)} in {Output.Count(creator.Requests, "request")}" +
                (creator.Existing > 0 ? $"; {Count(creator.Existing)} existed already and {(creator.Existing == 1 ? "was" : "were")} left out." : "."));
        }
    }
}
