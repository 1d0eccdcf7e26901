namespace GrinfiPS.Model;

/// <summary>What one Start-GrinfiEnrichment request queued.</summary>
public sealed class GrinfiEnrichmentResult
{
    internal GrinfiEnrichmentResult(string objectType, int batch, int requested, long? queued)
    {
        ObjectType = objectType;
        Batch = batch;
        Requested = requested;
        Queued = queued;
    }

    /// <summary>Lead or Company.</summary>
    public string ObjectType { get; }

    /// <summary>1-based number of the request within the command.</summary>
    public int Batch { get; }

    /// <summary>UUIDs sent in the request.</summary>
    public int Requested { get; }

    /// <summary>How many the server says it queued: the companies' answer says, the contacts' does not (null).</summary>
    public long? Queued { get; }
}
