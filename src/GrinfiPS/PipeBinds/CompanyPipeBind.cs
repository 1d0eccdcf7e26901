using System;
using System.Management.Automation;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// A company as given: a UUID, a GrinfiCompany, or any object with a CompanyUuid or Uuid
/// property (an Import-Csv row). A contact, list, tag or stage object is refused, never read
/// as a company id.
/// </summary>
public sealed class CompanyPipeBind
{
    // CompanyUuid first: a row with both (an export of contacts) names the contact by Uuid.
    private static readonly string[] s_uuidProperties = { "CompanyUuid", "company_uuid", "Uuid" };

    /// <summary>A UUID.</summary>
    public CompanyPipeBind(string uuid)
    {
        Uuid = uuid.Trim();
        InputObject = uuid;
    }

    /// <summary>A GrinfiCompany, a GUID, or an object with a CompanyUuid or Uuid property.</summary>
    public CompanyPipeBind(object value)
    {
        InputObject = value;
        var inner = value is PSObject ps ? ps.BaseObject : value;
        switch (inner)
        {
            case GrinfiCompany company:
                Company = company;
                Uuid = company.Uuid;
                break;
            case string s:
                Uuid = s.Trim();
                break;
            case Guid g:
                Uuid = g.ToString("D");
                break;
            case GrinfiLead lead:
                Uuid = "";
                Problem = $"A GrinfiLead ('{lead}') is not a company." + (lead.CompanyUuid is { Length: > 0 } c ? $" Its company is {c} (its CompanyUuid)." : "");
                break;
            case GrinfiObject other:
                Uuid = "";
                Problem = $"A {other.GetType().Name} ('{other}') is not a company.";
                break;
            default:
                Uuid = PipeInput.FirstValue(value, s_uuidProperties) ?? "";
                if (Uuid.Length == 0)
                {
                    Problem = $"The {inner.GetType().Name} has no CompanyUuid or Uuid property, so it does not name a company.";
                }
                break;
        }
    }

    /// <summary>
    /// Why the input is not a company, or null. Binding never fails on a bad input, so the
    /// cmdlet can report it with a clear message and carry on with the rest of the pipeline.
    /// </summary>
    public string? Problem { get; }

    /// <summary>The company's UUID as given (check <see cref="IsValid"/>).</summary>
    public string Uuid { get; }

    /// <summary>The company, when a GrinfiCompany was given.</summary>
    public GrinfiCompany? Company { get; }

    /// <summary>What the user passed, for error records.</summary>
    public object InputObject { get; }

    /// <summary>Whether <see cref="Uuid"/> is a well-formed UUID.</summary>
    public bool IsValid => Problem is null && Guid.TryParseExact(Uuid, "D", out _);

    /// <summary>The error for an input that is not a usable company UUID.</summary>
    internal Client.GrinfiException Invalid() => Problem is not null
        ? Client.GrinfiException.InvalidInput("GrinfiNotACompany", Problem, InputObject,
            "Pipe companies (Get-GrinfiCompany), UUIDs, or rows with a CompanyUuid or Uuid column. For a contact's company use its CompanyUuid.")
        : Client.GrinfiException.InvalidInput("GrinfiInvalidUuid", $"'{Uuid}' is not a company UUID.", InputObject,
            "Give a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e, or find the company with Get-GrinfiCompany -Name, -Website or -Filter.");

    /// <summary>Why the command cannot use it: not a company UUID, or a company of another team; null when it can.</summary>
    internal Client.GrinfiException? Refusal(long? team, string given) =>
        !IsValid ? Invalid() : Company is { } company ? Client.TeamCheck.Refusal(company, team, given) : null;

    /// <inheritdoc />
    public override string ToString() => Company?.Name ?? Uuid;
}
