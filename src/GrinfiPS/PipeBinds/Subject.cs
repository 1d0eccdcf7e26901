using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// What a note or an activity is about, resolved from -Lead or -Company: a contact or a
/// company, by UUID, with its name when the object was given.
/// </summary>
internal sealed class Subject
{
    private Subject(GrinfiObjectType type, string uuid, string? name, object input)
    {
        Type = type;
        Uuid = uuid;
        Name = name;
        Input = input;
    }

    public GrinfiObjectType Type { get; }

    /// <summary>"lead" or "company", as the API names the object.</summary>
    public string ApiObject => Type == GrinfiObjectType.Company ? "company" : "lead";

    public string Uuid { get; }

    /// <summary>The contact's or company's name, when its object was given.</summary>
    public string? Name { get; }

    /// <summary>What the user passed, for error records.</summary>
    public object Input { get; }

    /// <summary>"Ada Lovelace", "company Acme", "contact 0f8f…": for prompts.</summary>
    public string Label => Type == GrinfiObjectType.Company
        ? "company " + (Name is { Length: > 0 } company ? company : Uuid)
        : Name is { Length: > 0 } name ? name : "contact " + Uuid;

    /// <summary>
    /// A contact from -Lead, checked: a UUID of the right form, of this connection's team. A
    /// company that arrived there from the pipeline (PowerShell binds piped objects to the
    /// default parameter set's -Lead) is taken as the company it is.
    /// </summary>
    /// <exception cref="GrinfiException">The input is not a contact or company of this team.</exception>
    public static Subject From(LeadPipeBind bind, long? team, string parameter)
    {
        if ((bind.InputObject is PSObject ps ? ps.BaseObject : bind.InputObject) is GrinfiCompany)
        {
            return From(new CompanyPipeBind(bind.InputObject), team, parameter);
        }
        if (bind.Lead is { } lead && TeamCheck.Refusal(lead, team, parameter) is { } otherTeam)
        {
            throw otherTeam;
        }
        if (!bind.IsValid)
        {
            throw bind.Invalid();
        }
        return new Subject(GrinfiObjectType.Lead, bind.Uuid, bind.Lead?.Name, bind.InputObject);
    }

    /// <summary>A company from -Company, checked as a contact is.</summary>
    /// <exception cref="GrinfiException">The input is not a company of this team.</exception>
    public static Subject From(CompanyPipeBind bind, long? team, string parameter) =>
        bind.Refusal(team, parameter) is { } refusal
            ? throw refusal
            : new Subject(GrinfiObjectType.Company, bind.Uuid, bind.Company?.Name, bind.InputObject);
}
