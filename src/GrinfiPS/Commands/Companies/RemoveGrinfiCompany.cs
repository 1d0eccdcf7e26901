using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Companies;

/// <summary>
/// Remove-GrinfiCompany: deletes companies, one DELETE each, after one prompt that counts them
/// all. (Invoke-GrinfiCompanyMassAction -Action Delete deletes in batches instead.)
/// </summary>
[Cmdlet(VerbsCommon.Remove, "GrinfiCompany", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGrinfiCompanyCommand : CompanyCmdlet
{
    private readonly List<(string Uuid, object? Source)> _companies = new();
    private readonly HashSet<string> _seen = new(System.StringComparer.OrdinalIgnoreCase);

    /// <summary>The companies: GrinfiCompany objects, UUIDs, or rows with a CompanyUuid or Uuid column.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("Uuid", "Company")]
    [ValidateNotNullOrEmpty]
    public CompanyPipeBind[]? InputObject { get; set; }

    /// <summary>Delete without asking (for unattended scripts; -Confirm:$false works too).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

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
                _companies.Add((id.Uuid, id.Company ?? id.InputObject));
            }
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (_companies.Count == 0 || !Approve(Companies(_companies), "Delete", Force))
        {
            return;
        }
        var deleted = 0;
        foreach (var (uuid, source) in _companies)
        {
            Guard(() =>
            {
                try
                {
                    Run(ctx => Api.DeleteCompanyAsync(uuid, ctx));
                    deleted++;
                }
                catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound)
                {
                    throw new GrinfiException(GrinfiErrorKind.NotFound, "GrinfiCompanyNotFound", $"No company has the UUID '{uuid}'.", ex)
                    {
                        RecommendedAction = "Check the UUID; the company may have been deleted already.",
                    };
                }
            }, source);
        }
        WriteSummary($"Deleted {Count(deleted)} in {Output.Count(_companies.Count, "request")}.");
    }
}
