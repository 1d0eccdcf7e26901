namespace GrinfiPS.Leads;

/// <summary>A contact waiting in a batch, with what the cmdlet needs to report on it.</summary>
internal readonly struct BatchItem
{
    public BatchItem(string uuid, object? source)
    {
        Uuid = uuid;
        Source = source;
    }

    public string Uuid { get; }

    /// <summary>The input it came from (a CSV row, a piped contact).</summary>
    public object? Source { get; }
}
