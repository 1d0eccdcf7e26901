namespace GrinfiPS.Model;

/// <summary>What Measure-GrinfiLead counted: how many contacts match, and the filter sent.</summary>
public sealed class GrinfiLeadCount
{
    internal GrinfiLeadCount(long count, string selection, string filter)
    {
        Count = count;
        Selection = selection;
        Filter = filter;
    }

    /// <summary>Contacts that match.</summary>
    public long Count { get; }

    /// <summary>What was counted, in names: "in list 'Webinar Q4' with tag 'Hot'".</summary>
    public string Selection { get; }

    /// <summary>The filter sent, as JSON.</summary>
    public string Filter { get; }

    /// <inheritdoc />
    public override string ToString() => Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
