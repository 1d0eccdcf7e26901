using System;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// A contact or a company as given: a GrinfiLead or GrinfiCompany (which say what they are), a
/// contact's automation record (its contact), a UUID, or a row with a Uuid, LeadUuid or
/// CompanyUuid property. What a bare UUID (or a row's Uuid) is, the cmdlet's -Object says.
/// </summary>
public sealed class LeadOrCompanyPipeBind
{
    private static readonly string[] s_uuidProperties = { "Uuid" };
    private static readonly string[] s_leadProperties = { "LeadUuid", "lead_uuid" };
    private static readonly string[] s_companyProperties = { "CompanyUuid", "company_uuid" };

    /// <summary>A UUID.</summary>
    public LeadOrCompanyPipeBind(string uuid)
    {
        Uuid = uuid.Trim();
        InputObject = uuid;
    }

    /// <summary>A GrinfiLead, GrinfiCompany, GUID, or an object with a Uuid, LeadUuid or CompanyUuid property.</summary>
    public LeadOrCompanyPipeBind(object value)
    {
        InputObject = value;
        var inner = value is PSObject ps ? ps.BaseObject : value;
        switch (inner)
        {
            case GrinfiCompany company:
                Object = company;
                Kind = GrinfiObjectType.Company;
                Uuid = company.Uuid;
                break;
            case string s:
                Uuid = s.Trim();
                break;
            case Guid g:
                Uuid = g.ToString("D");
                break;
            case GrinfiLead or GrinfiAutomationLead or GrinfiObject:
                var lead = new LeadPipeBind(value);
                Object = lead.Lead;
                Kind = GrinfiObjectType.Lead;
                Uuid = lead.Uuid;
                Problem = lead.Problem;
                break;
            default:
                if (PipeInput.FirstValue(value, s_uuidProperties) is { } uuid)
                {
                    Uuid = uuid;
                }
                else if (PipeInput.FirstValue(value, s_leadProperties) is { } leadUuid)
                {
                    Uuid = leadUuid;
                    Kind = GrinfiObjectType.Lead;
                }
                else if (PipeInput.FirstValue(value, s_companyProperties) is { } companyUuid)
                {
                    Uuid = companyUuid;
                    Kind = GrinfiObjectType.Company;
                }
                else
                {
                    Uuid = "";
                    Problem = $"The {inner.GetType().Name} has no Uuid, LeadUuid or CompanyUuid property, so it names no contact or company.";
                }
                break;
        }
    }

    /// <summary>What the input says it is (a GrinfiLead, a GrinfiCompany, a LeadUuid or CompanyUuid column); null for a bare UUID.</summary>
    public GrinfiObjectType? Kind { get; }

    /// <summary>The UUID as given (check <see cref="Problem"/> and the format).</summary>
    public string Uuid { get; }

    /// <summary>The contact or company, when an object was given.</summary>
    public GrinfiObject? Object { get; }

    /// <summary>What the user passed, for error records.</summary>
    public object InputObject { get; }

    /// <summary>Why the input names no contact or company, or null.</summary>
    public string? Problem { get; }

    /// <summary>
    /// What the input is, given the cmdlet's -Object (null when not given): the input's own
    /// kind, else -Object's, else a contact. Throws when the two disagree or the UUID is malformed.
    /// </summary>
    internal GrinfiObjectType Resolve(GrinfiObjectType? objectParameter)
    {
        if (Problem is not null)
        {
            throw GrinfiException.InvalidInput("GrinfiNotALeadOrCompany", Problem, InputObject,
                "Pipe contacts (Get-GrinfiLead), companies (Get-GrinfiCompany), UUIDs, or rows with a Uuid, LeadUuid or CompanyUuid column.");
        }
        if (!Guid.TryParseExact(Uuid, "D", out _))
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidUuid", $"'{Uuid}' is not a UUID.", InputObject,
                "Give a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e, or pipe the contacts or companies themselves.");
        }
        if (Kind is GrinfiObjectType own && objectParameter is GrinfiObjectType asked && own != asked)
        {
            throw GrinfiException.InvalidInput("GrinfiObjectMismatch",
                $"'{(Object as object)?.ToString() ?? Uuid}' is a {Noun(own)}, and -Object {asked} asks for {Noun(asked)}s.", InputObject,
                $"Leave out -Object: contacts and companies piped as objects say what they are. To act on a contact's company, pipe its CompanyUuid with -Object Company.");
        }
        return Kind ?? objectParameter ?? GrinfiObjectType.Lead;
    }

    internal static string Noun(GrinfiObjectType kind) => kind == GrinfiObjectType.Company ? "company" : "contact";

    /// <inheritdoc />
    public override string ToString() => Uuid;
}
