using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Completers;
using GrinfiPS.Filters;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Leads;

/// <summary>Get-GrinfiLead: streams contacts that match a filter, or gets them by UUID or by a unique identifier.</summary>
[Cmdlet(VerbsCommon.Get, "GrinfiLead", DefaultParameterSetName = SearchSet, SupportsPaging = true)]
[OutputType(typeof(GrinfiLead))]
public sealed class GetGrinfiLeadCommand : LeadSearchCmdlet
{
    private const string UuidSet = "ByUuid";
    private const string LinkedInSet = "ByLinkedInId";
    private const string EmailSet = "ByEmail";
    private const string NameSet = "ByName";

    private readonly List<LeadPipeBind> _pendingIds = new();

    /// <summary>The field to sort by (created_at by default).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LeadFieldCompleter))]
    public string SortBy { get; set; } = "created_at";

    /// <summary>Sort from the largest value down.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    public SwitchParameter Descending { get; set; }

    /// <summary>
    /// Contacts per request (1 to 1000). By default the first page is small and the rest take the
    /// largest page the API serves, so a full read costs one request per 1,000 contacts.
    /// </summary>
    [Parameter(ParameterSetName = SearchSet)]
    [Parameter(ParameterSetName = UuidSet)]
    [ValidateRange(1, LeadPager.MaxPageSize)]
    public int? PageSize { get; set; }

    /// <summary>Ask the API to skip the enrichment data it aggregates into each contact: lighter, faster pages.</summary>
    [Parameter(ParameterSetName = SearchSet)]
    public SwitchParameter DisableAggregation { get; set; }

    /// <summary>Only contacts of these companies (GrinfiCompany, UUID, or an object with a CompanyUuid or Uuid property; several match any).</summary>
    [Parameter(ParameterSetName = SearchSet)]
    [ValidateNotNullOrEmpty]
    public CompanyPipeBind[]? Company { get; set; }

    /// <summary>Contacts by UUID; takes GrinfiLead objects and objects with a Uuid property from the pipeline.</summary>
    [Parameter(ParameterSetName = UuidSet, Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("LeadUuid")]
    [ValidateNotNullOrEmpty]
    public LeadPipeBind[]? Uuid { get; set; }

    /// <summary>The contact with this LinkedIn profile URL, public handle or member id.</summary>
    [Parameter(ParameterSetName = LinkedInSet, Mandatory = true)]
    [Alias("LinkedIn", "LinkedInUrl")]
    [ValidateNotNullOrEmpty]
    public string? LinkedInId { get; set; }

    /// <summary>The contact with this work or personal email.</summary>
    [Parameter(ParameterSetName = EmailSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Email { get; set; }

    /// <summary>The contact with this full name (with -CompanyName).</summary>
    [Parameter(ParameterSetName = NameSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>The company of the contact named by -Name.</summary>
    [Parameter(ParameterSetName = NameSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? CompanyName { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        if (ParameterSetName == SearchSet)
        {
            // Everything that can be wrong locally is reported before the first request.
            Selection.ConvertFilter();
            ResolveSortField();
            if (Company?.Select(c => c.Refusal(ActiveConnection.TeamId, "-Company")).FirstOrDefault(r => r is not null) is { } refusal)
            {
                throw refusal;
            }
        }
    }

    /// <inheritdoc />
    protected override void Process()
    {
        switch (ParameterSetName)
        {
            case SearchSet:
                Search();
                break;
            case UuidSet:
                foreach (var id in Uuid!)
                {
                    if (!id.IsValid)
                    {
                        WriteFailure(id.Invalid(), id.InputObject);
                        continue;
                    }
                    if (id.Lead is { } lead && TeamCheck.Refusal(lead, ActiveConnection.TeamId, "-Uuid") is { } otherTeam)
                    {
                        WriteFailure(otherTeam, id.InputObject);
                        continue;
                    }
                    _pendingIds.Add(id);
                    if (_pendingIds.Count >= (PageSize ?? LeadPager.FirstPageSize))
                    {
                        FetchPending();
                    }
                }
                break;
            case LinkedInSet:
                Lookup(LeadLookup.ByLinkedInId(LinkedInId!), LinkedInId!);
                break;
            case EmailSet:
                FindByEmail(Email!.Trim());
                break;
            case NameSet:
                Lookup(LeadLookup.ByName(Name!, CompanyName!), Name!);
                break;
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (_pendingIds.Count > 0)
        {
            FetchPending();
        }
    }

    private string ResolveSortField() => FieldSet.Leads.SortField(SortBy, AllowUnknownField);

    private void Search()
    {
        var selection = Selection;
        var filter = Run(ctx => selection.ToFilterAsync(ActiveConnection, ctx));
        FilterConverter.AddIdentity(filter, "company_uuid", Company?.Select(c => c.Uuid).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? new List<string>(), "Company");
        var first = PagingParameters.First;
        var skip = PagingParameters.Skip;
        if (PagingParameters.IncludeTotalCount)
        {
            var total = Run(ctx => Api.CountLeadsAsync(ContactSelection.OfSearch(filter), ctx));
            WriteObject(PagingParameters.NewTotalCount((ulong)Math.Max(0, total), 1.0));
        }
        if (first == 0)
        {
            return;
        }
        long? wanted = first == ulong.MaxValue ? null : (long)Math.Min((ulong)long.MaxValue, skip + first);
        var pager = new LeadPager(Api, filter, ResolveSortField(), Descending,
            firstPageSize: PageSize ?? LeadPager.FirstPageSize, pageSize: PageSize ?? LeadPager.MaxPageSize, wanted)
        {
            DisableAggregation = DisableAggregation,
        };
        Stream(pager, skip, first);
    }

    /// <summary>
    /// Writes pages as they arrive. The first page is written before the second is asked for,
    /// so Select-Object -First stops after one request; from then on the next page is fetched
    /// while the current one is written.
    /// </summary>
    private void Stream(LeadPager pager, ulong skip, ulong first)
    {
        using var streaming = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken);
        const int progressId = 0x6C656164;
        var showProgress = false;
        ulong seen = 0;
        ulong written = 0;
        var prefetch = false;
        Task<IReadOnlyList<GrinfiLead>>? next = Start(pager.NextAsync, streaming.Token);
        try
        {
            while (next is not null)
            {
                var batch = Await(next);
                next = null;
                if (batch.Count == 0)
                {
                    break;
                }
                if (prefetch && !pager.Done)
                {
                    next = Start(pager.NextAsync, streaming.Token);
                }
                foreach (var lead in batch)
                {
                    if (seen++ < skip)
                    {
                        continue;
                    }
                    WriteLead(lead);
                    if (++written >= first)
                    {
                        return;
                    }
                }
                if (pager.FirstTotal is long total && total > 2L * batch.Count)
                {
                    // A new record each time: hosts may keep the records they are given.
                    showProgress = true;
                    WriteProgress(new ProgressRecord(progressId, "Get-GrinfiLead", $"{written:N0} of {total:N0} contacts")
                    {
                        PercentComplete = (int)Math.Min(100, written * 100 / (ulong)Math.Max(1, total)),
                    });
                }
                if (next is null && !pager.Done)
                {
                    next = Start(pager.NextAsync, streaming.Token);
                }
                prefetch = true;
            }
        }
        finally
        {
            if (next is not null && !next.IsCompleted)
            {
                // Stopped early (-First, Select-Object -First, an error downstream): drop the prefetch.
                streaming.Cancel();
                next.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
            if (showProgress)
            {
                WriteProgress(new ProgressRecord(progressId, "Get-GrinfiLead", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }

    /// <summary>Fetches the queued UUIDs with "uuid IN (...)" searches (not one request each) and writes them in input order.</summary>
    private void FetchPending()
    {
        var ids = _pendingIds.ToList();
        _pendingIds.Clear();
        var found = Run(ctx => Api.GetLeadsAsync(ids.Select(i => i.Uuid), ctx, PageSize ?? LeadPager.FirstPageSize));
        foreach (var id in ids)
        {
            if (found.TryGetValue(id.Uuid, out var lead))
            {
                WriteLead(lead);
            }
            else
            {
                WriteFailure(new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiLeadNotFound", $"No contact has the UUID '{id.Uuid}'.")
                {
                    RecommendedAction = "Check the UUID; the contact may have been deleted.",
                }, id.InputObject);
            }
        }
    }

    /// <summary>
    /// Every contact with the email as its work or its personal email: an erasure request must
    /// reach them all, so this searches rather than taking the one lookup-one would return.
    /// </summary>
    private void FindByEmail(string email)
    {
        var found = Run(ctx => Api.FindByEmailAsync(email, ctx));
        if (found.Count == 0)
        {
            WriteFailure(new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiLeadNotFound", $"No contact has the work or personal email '{email}'.")
            {
                RecommendedAction = "Search more widely with -Filter, e.g. @{ company_name = 'Acme' }.",
            }, email);
        }
        foreach (var lead in found)
        {
            WriteLead(lead);
        }
    }

    private void Lookup(LeadLookup lookup, string target)
    {
        try
        {
            WriteLead(Run(ctx => Api.LookupLeadAsync(lookup, ctx)));
        }
        catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound)
        {
            WriteFailure(new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiLeadNotFound", $"No contact has the {lookup.Description}.", ex)
            {
                RecommendedAction = "Search more widely with -Filter, e.g. @{ company_name = 'Acme' }.",
            }, target);
        }
    }
}
