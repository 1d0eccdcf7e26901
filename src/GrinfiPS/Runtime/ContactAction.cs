using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Client;

namespace GrinfiPS.Runtime;

/// <summary>One request for one contact: what it is (for prompts, summaries and errors) and how to send it.</summary>
internal sealed class ContactAction
{
    public ContactAction(string key, string name, string description, object source, Func<CallContext, Task<bool>> send)
    {
        Key = key;
        Name = name;
        Description = description;
        Source = source;
        Send = send;
    }

    /// <summary>What makes two actions the same (asked for once): the contact and what is done to it.</summary>
    public string Key { get; }

    /// <summary>The contact, for people: "Ada Lovelace (uuid)", or the LinkedIn id of one to create.</summary>
    public string Name { get; }

    /// <summary>What is done, for prompts and the summary: "Cancel from automation 'Welcome sequence'".</summary>
    public string Description { get; }

    /// <summary>The input it came from: the error's target.</summary>
    public object Source { get; }

    /// <summary>Sends the request; the result says which of two outcomes it had (added or skipped), where there are two.</summary>
    public Func<CallContext, Task<bool>> Send { get; }

    /// <summary>Data for Succeeded (the contact's UUID, the automation).</summary>
    public object? Tag { get; init; }
}
