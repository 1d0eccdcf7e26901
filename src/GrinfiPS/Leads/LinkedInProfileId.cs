namespace GrinfiPS.Leads;

/// <summary>A LinkedIn value made canonical by <see cref="LinkedInIds.Parse"/>: a handle, a member id or a Sales Navigator id.</summary>
internal sealed class LinkedInProfileId
{
    public LinkedInProfileId(string value, LinkedInIdKind kind)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>The handle in lower case and percent-decoded ("jörg-müller"), or the id as LinkedIn spells it (ids are case-sensitive).</summary>
    public string Value { get; }

    public LinkedInIdKind Kind { get; }

    /// <summary>The lead field that holds a value of this kind (linkedin, ln_id, sn_id), or null for a numeric member id.</summary>
    public string? Field => Kind switch
    {
        LinkedInIdKind.Handle => "linkedin",
        LinkedInIdKind.MemberId => "ln_id",
        LinkedInIdKind.SalesNavigatorId => "sn_id",
        _ => null,
    };

    /// <summary>The profile's address: linkedin.com/in/ for handles and member ids, /sales/lead/ for Sales Navigator ids.</summary>
    public string Url => Kind switch
    {
        LinkedInIdKind.SalesNavigatorId => $"https://www.linkedin.com/sales/lead/{Value}",
        LinkedInIdKind.NumericMemberId => $"https://www.linkedin.com/profile/view?id={Value}",
        _ => $"https://www.linkedin.com/in/{System.Uri.EscapeDataString(Value)}/",
    };

    public override string ToString() => Value;
}
