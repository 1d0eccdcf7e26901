using GrinfiPS.Client;

namespace GrinfiPS.Leads;

/// <summary>One mass action to run on each selection of contacts, with how to name it to the user.</summary>
internal sealed class PlannedAction
{
    public PlannedAction(string name, MassAction action, string description)
    {
        Name = name;
        Action = action;
        Description = description;
    }

    /// <summary>Friendly name (or the raw type) for results: "AddTag".</summary>
    public string Name { get; }

    public MassAction Action { get; }

    /// <summary>What it does, for -WhatIf and prompts: "Add tag 'VIP'".</summary>
    public string Description { get; }
}
