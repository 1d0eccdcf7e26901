using System;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// A contact as given: a UUID, a GrinfiLead, or any object with a Uuid property (an
/// Import-Csv row). A list, tag or stage object is refused, never read as a contact id.
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
            case GrinfiObject other:
                throw new ArgumentException(
                    $"A {other.GetType().Name} ('{other}') is not a contact. To act on the contacts of a list, stage or tag, use -List, -PipelineStage or -Tag.");
            default:
                var property = PSObject.AsPSObject(value).Properties
                    .FirstOrDefault(p => s_uuidProperties.Any(n => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase)));
                if (property?.Value is null)
                {
                    throw new ArgumentException($"The {inner.GetType().Name} has no Uuid property, so it does not name a contact.");
                }
                Uuid = property.Value.ToString()!.Trim();
                break;
        }
    }

    /// <summary>The contact's UUID as given (check <see cref="IsValid"/>).</summary>
    public string Uuid { get; }

    /// <summary>The contact, when a GrinfiLead was given.</summary>
    public GrinfiLead? Lead { get; }

    /// <summary>What the user passed, for error records.</summary>
    public object InputObject { get; }

    /// <summary>Whether <see cref="Uuid"/> is a well-formed UUID.</summary>
    public bool IsValid => Guid.TryParseExact(Uuid, "D", out _);

    /// <inheritdoc />
    public override string ToString() => Uuid;
}
