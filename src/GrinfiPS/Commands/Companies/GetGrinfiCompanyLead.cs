using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Commands.Companies;

/// <summary>
/// Get-GrinfiCompanyLead: the contacts of piped companies (POST /leads/api/companies/leads),
/// for a batch of companies per request. (Get-GrinfiLead -Company reads the same contacts
/// through the paged contact search, with its filters.)
/// </summary>
[Cmdlet(VerbsCommon.Get, "GrinfiCompanyLead")]
[OutputType(typeof(GrinfiLead))]
public sealed class GetGrinfiCompanyLeadCommand : CompanyCmdlet
{
    private readonly List<CompanyPipeBind> _pending = new();
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The companies: GrinfiCompany objects, UUIDs, or rows with a CompanyUuid or Uuid column.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Uuid", "Company", "CompanyUuid")]
    [ValidateNotNullOrEmpty]
    public CompanyPipeBind[]? InputObject { get; set; }

    /// <summary>Companies per request.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <inheritdoc />
    protected override void Process()
    {
        foreach (var id in InputObject!)
        {
            if (id.Refusal(ActiveConnection.TeamId, "the pipeline") is { } refusal)
            {
                WriteFailure(refusal, id.InputObject);
            }
            else if (_seen.Add(id.Uuid))
            {
                _pending.Add(id);
                if (_pending.Count >= BatchSize)
                {
                    Fetch();
                }
            }
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (_pending.Count > 0)
        {
            Fetch();
        }
    }

    /// <summary>One request for the queued companies; their contacts are written in input order.</summary>
    private void Fetch()
    {
        var batch = _pending.ToList();
        _pending.Clear();
        Guard(() =>
        {
            var leads = Run(ctx => Api.GetCompanyLeadsAsync(batch.Select(b => b.Uuid).ToList(), ctx));
            foreach (var company in batch)
            {
                if (!leads.TryGetValue(company.Uuid, out var contacts))
                {
                    // The document: the answer maps companies to their contacts; one left out has none (or does not exist).
                    WriteVerbose($"The answer lists no contacts for company {company}.");
                    continue;
                }
                foreach (var lead in contacts)
                {
                    WriteLead(lead);
                }
            }
        }, batch.Select(b => b.InputObject).ToArray());
    }
}
