namespace GrinfiPS.Model;

/// <summary>What one mass-action request did.</summary>
public sealed class GrinfiMassActionResult
{
    internal GrinfiMassActionResult(string action, string type, int batch, string selection, int? requested, long? affected, object? data)
    {
        Action = action;
        Type = type;
        Batch = batch;
        Selection = selection;
        Requested = requested;
        Affected = affected;
        Data = data;
    }

    /// <summary>The action, as named to -Action (or the wire type given to -Type).</summary>
    public string Action { get; }

    /// <summary>The wire type sent.</summary>
    public string Type { get; }

    /// <summary>1-based number of the request within the command.</summary>
    public int Batch { get; }

    /// <summary>ids, filter or all.</summary>
    public string Selection { get; }

    /// <summary>Contacts named in the request (for ids), else null.</summary>
    public int? Requested { get; }

    /// <summary>Contacts the server says it acted on; null when it does not say (the vendor answers with no body).</summary>
    public long? Affected { get; }

    /// <summary>What else the server returned (an export's id, say).</summary>
    public object? Data { get; }
}
