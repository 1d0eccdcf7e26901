namespace GrinfiPS.Leads;

/// <summary>What a LinkedIn value identifies a profile by.</summary>
internal enum LinkedInIdKind
{
    /// <summary>The public handle of linkedin.com/in/&lt;handle&gt; (the lead field <c>linkedin</c>).</summary>
    Handle,

    /// <summary>The member id LinkedIn shows in profile URLs, "ACoAA..." (the lead field <c>ln_id</c>).</summary>
    MemberId,

    /// <summary>The Sales Navigator id of the same member, "ACwAA..." (the lead field <c>sn_id</c>).</summary>
    SalesNavigatorId,

    /// <summary>The numeric member id of old profile URLs (profile/view?id=12345); no lead field holds it, linkedin_id takes it.</summary>
    NumericMemberId,
}
