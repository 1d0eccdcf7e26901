using System;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.DoNotContact;
using GrinfiPS.Leads;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// A company for the do-not-contact list of companies, as given: a GrinfiCompany (its domain,
/// else its website's host), a domain or website address, a row with a Domain or Website column
/// (any spelling Set-GrinfiLead knows: Company Domain, Website URL, ...), or an entry of the
/// list (GrinfiCompanyDoNotContact). Binding never fails: what is wrong is reported per item.
/// </summary>
public sealed class CompanyDoNotContactPipeBind
{
    /// <summary>A domain or website address.</summary>
    public CompanyDoNotContactPipeBind(string text)
        : this((object)text)
    {
    }

    /// <summary>A GrinfiCompany, a GrinfiCompanyDoNotContact, a text, or a row.</summary>
    public CompanyDoNotContactPipeBind(object value)
    {
        InputObject = value;
        var inner = value is PSObject ps ? ps.BaseObject : value;
        switch (inner)
        {
            case GrinfiCompanyDoNotContact entry:
                Entry = entry;
                break;
            case GrinfiCompany company:
                Company = company;
                DomainText = CellValues.Text(company.Domain) ?? CellValues.Text(company.Website);
                if (DomainText is null)
                {
                    Problem = $"The company '{company}' has no domain or website, which is what the do-not-contact list keeps.";
                }
                break;
            case GrinfiObject other:
                Problem = $"A {other.GetType().Name} ('{other}') is not a company.";
                break;
            case Guid:
            case string s when Guid.TryParseExact(s.Trim(), "D", out _):
                Problem = $"'{inner}' is a UUID; the do-not-contact list keeps a company by its domain, which a UUID does not give. " +
                    $"Pipe the company instead: Get-GrinfiCompany {inner.ToString()!.Trim()} | Add-GrinfiCompanyDoNotContact.";
                break;
            case string s when CellValues.Text(s) is null:
                IsBlank = true;
                break;
            case string s:
                DomainText = s;
                break;
            default:
                foreach (var property in PSObject.AsPSObject(value).Properties)
                {
                    if (property.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property
                        && KnownColumns.Find(property.Name) is { Value: ColumnValue.WebsiteHost }
                        && CellValues.Text(property.Value) is { } cell)
                    {
                        DomainText = cell;
                        break;
                    }
                }
                if (DomainText is null)
                {
                    Problem = $"The {inner.GetType().Name} has no Domain or Website property, so it names no company.";
                }
                break;
        }
    }

    /// <summary>An empty or blank text (a blank line of a file): nothing to act on, and no error.</summary>
    public bool IsBlank { get; }

    /// <summary>An entry of the list, when one was given.</summary>
    public GrinfiCompanyDoNotContact? Entry { get; }

    /// <summary>The company, when one was given.</summary>
    public GrinfiCompany? Company { get; }

    /// <summary>The domain or website text given, not yet checked.</summary>
    public string? DomainText { get; }

    /// <summary>Why the input names no company, or null.</summary>
    public string? Problem { get; }

    /// <summary>What the user passed, for error records.</summary>
    public object InputObject { get; }

    /// <summary>The checked domain.</summary>
    /// <exception cref="GrinfiException">The text is not a domain or website address.</exception>
    internal BlockedValue Domain() => BlockedValues.Domain(DomainText, InputObject);

    /// <summary>The error for an input that names no company.</summary>
    internal GrinfiException Invalid() => GrinfiException.InvalidInput("GrinfiNotACompany", Problem ?? "The input names no company.", InputObject,
        "Pipe companies (Get-GrinfiCompany), domains such as acme.com, website addresses, rows with a Domain or Website column, " +
        "or entries from Get-GrinfiCompanyDoNotContact.");

    /// <inheritdoc />
    public override string ToString() => Entry?.ToString() ?? Company?.ToString() ?? DomainText ?? "";
}
