using System;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// A company as given: a UUID, a GrinfiCompany (Get-GrinfiCompany), or an object with a Uuid or
/// CompanyUuid property. A contact, list or tag object is refused, never read as a company id.
/// </summary>
public sealed class CompanyPipeBind
{
    private static readonly string[] s_uuidProperties = { "Uuid", "CompanyUuid", "company_uuid" };

    /// <summary>A UUID.</summary>
    public CompanyPipeBind(string uuid)
    {
        Uuid = uuid.Trim();
        InputObject = uuid;
    }

    /// <summary>A GrinfiCompany, a GUID, or an object with a Uuid property.</summary>
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
            case GrinfiObject other:
                Uuid = "";
                Problem = $"A {other.GetType().Name} ('{other}') is not a company.";
                break;
            default:
                var property = PSObject.AsPSObject(value).Properties
                    .FirstOrDefault(p => s_uuidProperties.Any(n => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase)));
                Uuid = property?.Value?.ToString()?.Trim() ?? "";
                if (Uuid.Length == 0)
                {
                    Problem = $"The {inner.GetType().Name} has no Uuid property, so it does not name a company.";
                }
                break;
        }
    }

    /// <summary>Why the input is not a company, or null (binding never fails, so the cmdlet reports it and goes on).</summary>
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
            "Pipe companies (Get-GrinfiCompany), company UUIDs, or rows with a Uuid or CompanyUuid column.")
        : Client.GrinfiException.InvalidInput("GrinfiInvalidUuid", $"'{Uuid}' is not a company UUID.", InputObject,
            "Give a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e, or pipe the company from Get-GrinfiCompany.");

    /// <inheritdoc />
    public override string ToString() => Uuid;
}
