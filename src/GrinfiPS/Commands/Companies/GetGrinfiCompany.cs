using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Completers;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Companies;

/// <summary>Get-GrinfiCompany: streams the companies a search selects, or gets them by UUID, name, website or LinkedIn page.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiCompany", DefaultParameterSetName = SearchSet, SupportsPaging = true)]
[OutputType(typeof(GrinfiCompany))]
public sealed class GetGrinfiCompanyCommand : CompanySearchCmdlet
{
    private const string UuidSet = "ByUuid";
    private const string NameSet = "ByName";
    private const string WebsiteSet = "ByWebsite";
    private const string LinkedInSet = "ByLinkedIn";
    private const int ProgressId = 0x636F6D70;

    /// <summary>The field to sort by (created_at by default).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CompanyFieldCompleter))]
    public string SortBy { get; set; } = "created_at";

    /// <summary>Sort from the largest value down.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    public SwitchParameter Descending { get; set; }

    /// <summary>Companies per request (1 to 1000); by default a small first page, then the largest the API serves.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateRange(1, KeysetPager<GrinfiCompany>.MaxPageSize)]
    public int? PageSize { get; set; }

    /// <summary>Companies by UUID; takes GrinfiCompany objects and objects with a CompanyUuid or Uuid property from the pipeline.</summary>
    [Parameter(ParameterSetName = UuidSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("CompanyUuid")]
    [ValidateNotNullOrEmpty]
    public CompanyPipeBind[]? Uuid { get; set; }

    /// <summary>The companies the API's lookup finds by these names.</summary>
    [Parameter(ParameterSetName = NameSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>The companies the API's lookup finds by these websites or domains.</summary>
    [Parameter(ParameterSetName = WebsiteSet, Mandatory = true)]
    [Alias("Domain")]
    [ValidateNotNullOrEmpty]
    public string[]? Website { get; set; }

    /// <summary>The companies the API's lookup finds by these LinkedIn company pages (URL, handle, or numeric id).</summary>
    [Parameter(ParameterSetName = LinkedInSet, Mandatory = true)]
    [Alias("LinkedInUrl")]
    [ValidateNotNullOrEmpty]
    public string[]? LinkedIn { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        if (ParameterSetName == SearchSet)
        {
            // Everything that can be wrong locally is reported before the first request.
            Selection.ConvertFilter();
            ResolveSortField();
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        switch (ParameterSetName)
        {
            case SearchSet:
                Stream();
                break;
            case UuidSet:
                foreach (var id in Uuid!)
                {
                    if (id.Refusal(ActiveConnection.TeamId, "-Uuid") is { } refusal)
                    {
                        WriteFailure(refusal, id.InputObject);
                        continue;
                    }
                    Guard(() => WriteCompany(Get(id)), id.InputObject);
                }
                break;
            case NameSet:
                Lookup(Name!.Select(CompanyLookup.ByName));
                break;
            case WebsiteSet:
                Lookup(Website!.Select(CompanyLookup.ByWebsite));
                break;
            case LinkedInSet:
                Lookup(LinkedIn!.Select(CompanyLookup.ByLinkedIn));
                break;
        }
    }

    private string ResolveSortField() => FieldSet.Companies.SortField(SortBy, AllowUnknownField);

    /// <summary>
    /// Streams the search with the keyset pager and its guard, a page written before the next
    /// is asked for, so Select-Object -First 3 costs one small request.
    /// </summary>
    private void Stream()
    {
        var selection = Selection;
        var filter = Run(ctx => selection.ToFilterAsync(ActiveConnection, ctx));
        if (PagingParameters.IncludeTotalCount)
        {
            var total = Run(ctx => Api.CountCompaniesAsync(filter, ctx));
            WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, total), 1.0));
        }
        var first = PagingParameters.First;
        var skip = PagingParameters.Skip;
        if (first == 0)
        {
            return;
        }
        long? wanted = first == ulong.MaxValue ? null : (long)Math.Min((ulong)long.MaxValue, skip + first);
        var pager = new CompanyPager(Api, filter, ResolveSortField(), Descending,
            firstPageSize: PageSize ?? KeysetPager<GrinfiCompany>.FirstPageSize, pageSize: PageSize ?? KeysetPager<GrinfiCompany>.MaxPageSize, wanted);
        ulong seen = 0;
        ulong written = 0;
        var showProgress = false;
        try
        {
            while (true)
            {
                var batch = Run(pager.NextAsync);
                if (batch.Count == 0)
                {
                    return;
                }
                foreach (var company in batch)
                {
                    if (seen++ < skip)
                    {
                        continue;
                    }
                    WriteCompany(company);
                    if (++written >= first)
                    {
                        return;
                    }
                }
                if (pager.FirstTotal is long total && total > 2L * batch.Count)
                {
                    showProgress = true;
                    WriteProgress(new ProgressRecord(ProgressId, "Get-GrinfiCompany", $"{written:N0} of {total:N0} companies")
                    {
                        PercentComplete = (int)Math.Min(100, written * 100 / (ulong)Math.Max(1, total)),
                    });
                }
            }
        }
        finally
        {
            if (showProgress)
            {
                WriteProgress(new ProgressRecord(ProgressId, "Get-GrinfiCompany", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }

    private GrinfiCompany Get(CompanyPipeBind id)
    {
        try
        {
            return Run(ctx => Api.GetCompanyAsync(id.Uuid, ctx));
        }
        catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound)
        {
            throw new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiCompanyNotFound", $"No company has the UUID '{id.Uuid}'.", ex)
            {
                RecommendedAction = "Check the UUID; the company may have been deleted.",
            };
        }
    }

    /// <summary>One lookup request per value, so each answer belongs to its value: a value the lookup finds nothing for is an error.</summary>
    private void Lookup(IEnumerable<CompanyLookup> lookups)
    {
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var lookup in lookups)
        {
            Guard(() =>
            {
                var found = Run(ctx => Api.LookupCompaniesAsync(new[] { lookup }, ctx));
                if (found.Count == 0)
                {
                    throw new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiCompanyNotFound", $"The company lookup found nothing for the {lookup.Description}.")
                    {
                        RecommendedAction = "Search more widely: Get-GrinfiCompany -Search <text>, or -Filter @{ name = ... }.",
                    };
                }
                foreach (var company in found.Where(c => written.Add(c.Uuid)))
                {
                    WriteCompany(company);
                }
            }, lookup.Value);
        }
    }
}
