using System;
using System.Management.Automation;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// A contact as given: a UUID, a GrinfiLead, a contact's automation record (its contact), or
/// any object with a Uuid property (an Import-Csv row). A list, tag or stage object is refused,
/// never read as a contact id.
/// </summary>
public sealed class LeadPipeBind
{
    private static readonly string[] s_uuidProperties = { "Uuid", "LeadUuid", "lead_uuid" };

    /// <summary>A UUID.</summary>
    public LeadPipeBind(string uuid)
    {
        Uuid = uuid.Trim();
        InputObject = uuid;
    }

    /// <summary>A GrinfiLead, a GUID, or an object with a Uuid property.</summary>
    public LeadPipeBind(object value)
    {
        InputObject = value;
        var inner = value is PSObject ps ? ps.BaseObject : value;
        switch (inner)
        {
            case GrinfiLead lead:
                Lead = lead;
                Uuid = lead.Uuid;
                break;
            case string s:
                Uuid = s.Trim();
                break;
            case Guid g:
                Uuid = g.ToString("D");
                break;
            case GrinfiAutomationLead record:
                // A contact's record in an automation names the contact: Get-GrinfiAutomationLead | Stop-GrinfiAutomationLead.
                AutomationLead = record;
                Uuid = record.LeadUuid ?? "";
                if (Uuid.Length == 0)
                {
                    Problem = $"The automation record {record.Uuid} names no contact (it has no lead_uuid).";
                }
                break;
            case GrinfiObject other:
                Uuid = "";
                Problem = $"A {other.GetType().Name} ('{other}') is not a contact.";
                break;
            default:
                Uuid = PipeInput.FirstValue(value, s_uuidProperties) ?? "";
                if (Uuid.Length == 0)
                {
                    Problem = $"The {inner.GetType().Name} has no Uuid property, so it does not name a contact.";
                }
                break;
        }
    }

    /// <summary>
    /// Why the input is not a contact, or null. Binding never fails on a bad input, so the
    /// cmdlet can report it with a clear message and carry on with the rest of the pipeline.
    /// </summary>
    public string? Problem { get; }

    /// <summary>The contact's UUID as given (check <see cref="IsValid"/>).</summary>
    public string Uuid { get; }

    /// <summary>The contact, when a GrinfiLead was given.</summary>
    public GrinfiLead? Lead { get; }

    /// <summary>The automation record, when one was given (its contact is the one meant).</summary>
    public GrinfiAutomationLead? AutomationLead { get; }

    /// <summary>What the user passed, for error records.</summary>
    public object InputObject { get; }

    /// <summary>Whether <see cref="Uuid"/> is a well-formed UUID.</summary>
    public bool IsValid => Problem is null && Guid.TryParseExact(Uuid, "D", out _);

    /// <summary>The error for an input that is not a usable contact UUID.</summary>
    internal Client.GrinfiException Invalid() => Problem is not null
        ? Client.GrinfiException.InvalidInput("GrinfiNotAContact", Problem, InputObject,
            "Pipe contacts (Get-GrinfiLead), UUIDs, or rows with a Uuid column. For the contacts of a list, stage or tag use -List, -PipelineStage or -Tag on Get-GrinfiLead, or -FromList, -FromPipelineStage, -WithTag on Invoke-GrinfiMassAction.")
        : Client.GrinfiException.InvalidInput("GrinfiInvalidUuid", $"'{Uuid}' is not a contact UUID.", InputObject,
            "Give a UUID like 0f8fad5b-d9cb-469f-a165-70867728950e, or use Get-GrinfiLead -Email, -LinkedInId or -Filter to find the contact.");

    /// <inheritdoc />
    public override string ToString() => Uuid;
}
