using System.Collections.Generic;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.DoNotContact;

/// <summary>The companies given to Get-, Add- and Remove-GrinfiCompanyDoNotContact: domains, checked as they arrive, and entries.</summary>
internal sealed class CompaniesGiven
{
    /// <summary>The domains given, in order, with what the user passed and the company's name when a company was given.</summary>
    public List<(BlockedValue Domain, object Input, string Label)> Domains { get; } = new();

    /// <summary>Entries of the list given as such.</summary>
    public List<GrinfiCompanyDoNotContact> Entries { get; } = new();

    public bool Any => Domains.Count > 0 || Entries.Count > 0;

    /// <summary>Takes one piped item.</summary>
    /// <exception cref="GrinfiException">It names no company, its domain is not a host, or an object is of another team.</exception>
    public void Add(CompanyDoNotContactPipeBind bind, long? team)
    {
        if (bind.IsBlank)
        {
            return;
        }
        var item = (GrinfiObject?)bind.Entry ?? bind.Company;
        if (item is not null && TeamCheck.Refusal(item, team, "the pipeline") is { } otherTeam)
        {
            throw otherTeam;
        }
        if (bind.Problem is not null)
        {
            throw bind.Invalid();
        }
        if (bind.Entry is { } entry)
        {
            Entries.Add(entry);
            return;
        }
        var domain = bind.Domain();
        Domains.Add((domain, bind.InputObject, domain.Label + (bind.Company?.Name is { Length: > 0 } name ? $" ({name})" : "")));
    }

    /// <summary>Takes one -Domain value (a blank one, such as a blank line of a file, is skipped).</summary>
    public void AddDomain(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        var domain = GrinfiPS.DoNotContact.BlockedValues.Domain(text, text);
        Domains.Add((domain, text, domain.Label));
    }
}
