namespace GrinfiPS.Model;

/// <summary>What Measure-GrinfiLead counted: how many contacts match, and the filter sent.</summary>
public sealed class GrinfiLeadCount
{
    internal GrinfiLeadCount(long count, string filter)
    {
        Count = count;
        Filter = filter;
    }

    /// <summary>Contacts that match.</summary>
    public long Count { get; }

    /// <summary>The filter sent to the count endpoint, as JSON.</summary>
    public string Filter { get; }

    /// <inheritdoc />
    public override string ToString() => Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
