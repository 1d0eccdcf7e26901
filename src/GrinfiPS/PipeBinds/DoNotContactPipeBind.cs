using System;
using System.Collections.Generic;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.DoNotContact;
using GrinfiPS.Leads;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// A person for a do-not-contact list, as given: a contact (GrinfiLead, or its UUID), an email
/// address, a linkedin.com profile address, a row with Email and LinkedIn columns (any spelling
/// Set-GrinfiLead knows: Email Address, WorkEmail, LinkedIn URL, ...), or an entry of the list
/// (GrinfiDoNotContact). Binding never fails: what is wrong is reported per item by the cmdlet.
/// </summary>
public sealed class DoNotContactPipeBind
{
    private readonly List<(string Field, string Text)> _texts = new();

    /// <summary>An email address, a linkedin.com address, or a contact UUID.</summary>
    public DoNotContactPipeBind(string text)
        : this((object)text)
    {
    }

    /// <summary>A GrinfiLead, a GrinfiDoNotContact, a text, a GUID, or a row.</summary>
    public DoNotContactPipeBind(object value)
    {
        InputObject = value;
        var inner = value is PSObject ps ? ps.BaseObject : value;
        switch (inner)
        {
            case GrinfiDoNotContact entry:
                Entry = entry;
                break;
            case GrinfiLead lead:
                Lead = lead;
                break;
            case GrinfiObject other:
                Problem = $"A {other.GetType().Name} ('{other}') is not a person.";
                break;
            case Guid g:
                LeadUuid = g.ToString("D");
                break;
            case string s:
                var text = CellValues.Text(s) ?? "";
                if (text.Length == 0)
                {
                    IsBlank = true;
                }
                else if (Guid.TryParseExact(text, "D", out _))
                {
                    LeadUuid = text;
                }
                else if (BlockedValues.KindOfText(text) is { } field)
                {
                    _texts.Add((field, text));
                }
                else
                {
                    Problem = $"'{s}' is not an email address, a linkedin.com profile address or a contact UUID.";
                }
                break;
            default:
                ReadRow(PSObject.AsPSObject(value), inner.GetType().Name);
                break;
        }
    }

    /// <summary>An empty or blank text (a blank line of a file): nothing to act on, and no error.</summary>
    public bool IsBlank { get; }

    /// <summary>An entry of the list, when one was given.</summary>
    public GrinfiDoNotContact? Entry { get; }

    /// <summary>A contact, when one was given.</summary>
    public GrinfiLead? Lead { get; }

    /// <summary>A contact's UUID, when one was given (a text, a GUID, or a row with only a Uuid).</summary>
    public string? LeadUuid { get; private set; }

    /// <summary>Email and LinkedIn texts given (field, text), not yet checked.</summary>
    internal IReadOnlyList<(string Field, string Text)> Texts => _texts;

    /// <summary>Why the input names no person, or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>What the user passed, for error records.</summary>
    public object InputObject { get; }

    /// <summary>
    /// The checked values of the texts given (for a contact: see <see cref="PersonIdentifiers.Of"/>).
    /// </summary>
    /// <exception cref="GrinfiException">A text is not an email or LinkedIn profile.</exception>
    internal PersonIdentifiers Identifiers(bool forSearch)
    {
        if (Lead is not null)
        {
            return PersonIdentifiers.Of(Lead);
        }
        var values = new List<BlockedValue>();
        foreach (var (field, text) in _texts)
        {
            values.Add(field == BlockedValue.EmailField
                ? BlockedValues.Email(text, InputObject)
                : BlockedValues.LinkedIn(text, InputObject, forSearch));
        }
        return new PersonIdentifiers(values);
    }

    /// <summary>The error for an input that names no person.</summary>
    internal GrinfiException Invalid() => GrinfiException.InvalidInput("GrinfiNotAPerson", Problem ?? "The input names no person.", InputObject,
        "Pipe contacts (Get-GrinfiLead), contact UUIDs, email addresses, linkedin.com profile addresses, rows with an Email or LinkedIn column, " +
        "or entries from Get-GrinfiDoNotContact; give a bare LinkedIn handle to -LinkedInId.");

    /// <inheritdoc />
    public override string ToString() => Entry?.ToString() ?? Lead?.ToString() ?? LeadUuid ?? string.Join(", ", _texts.ConvertAll(t => t.Text));

    /// <summary>A row (Import-Csv): its email and LinkedIn columns, else its Uuid as a contact's.</summary>
    private void ReadRow(PSObject row, string typeName)
    {
        string? uuid = null;
        foreach (var property in row.Properties)
        {
            if (property.MemberType is not (PSMemberTypes.NoteProperty or PSMemberTypes.Property) || KnownColumns.Find(property.Name) is not { } known)
            {
                continue;
            }
            string? cell;
            try
            {
                cell = CellValues.Text(property.Value);
            }
            catch (GetValueException)
            {
                continue;
            }
            if (cell is null)
            {
                continue;
            }
            if (known.Kind == ColumnKind.Identity)
            {
                uuid ??= cell;
            }
            else if (known.Value == ColumnValue.LinkedIn || known.Target == "ln_id")
            {
                _texts.Add((BlockedValue.LinkedInField, cell));
            }
            else if (known.Target is "email" or "work_email" or "personal_email")
            {
                _texts.Add((BlockedValue.EmailField, cell));
            }
        }
        if (_texts.Count == 0)
        {
            if (uuid is not null)
            {
                LeadUuid = uuid;
            }
            else
            {
                Problem = $"The {typeName} has no Email, LinkedIn or Uuid property, so it names no person.";
            }
        }
    }
}
