namespace GrinfiPS.Model;

/// <summary>What Add-GrinfiAutomationLead did with one contact and automation.</summary>
public sealed class GrinfiAutomationLeadResult
{
    internal GrinfiAutomationLeadResult(string automation, string automationUuid, string lead, string? leadUuid, string outcome)
    {
        Automation = automation;
        AutomationUuid = automationUuid;
        Lead = lead;
        LeadUuid = leadUuid;
        Outcome = outcome;
    }

    /// <summary>Added, or Skipped (the contact exists and -SkipExisting was given).</summary>
    public string Outcome { get; }

    /// <summary>The automation's name.</summary>
    public string Automation { get; }

    /// <summary>The contact as given: its name, or its LinkedIn id for a contact created on the way.</summary>
    public string Lead { get; }

    /// <summary>The contact's UUID; null for one created on the way (the API does not return it).</summary>
    public string? LeadUuid { get; }

    /// <summary>The automation's UUID.</summary>
    public string AutomationUuid { get; }
}
