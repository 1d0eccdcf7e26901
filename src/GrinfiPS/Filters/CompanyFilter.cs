using System.Collections;
using System.Management.Automation;

namespace GrinfiPS.Filters;

/// <summary>
/// A companies -Filter as the user wrote it (see <see cref="LeadFilter"/>): every company field
/// is a property, so <c>-Filter @{ ind&lt;Tab&gt;</c> gives industry.
/// </summary>
#pragma warning disable IDE1006 // property names are the API's field names, for completion
public sealed class CompanyFilter : FieldFilter
{
    /// <summary>An empty filter.</summary>
    public CompanyFilter() : base(new Hashtable()) { }

    /// <summary>A filter from a hashtable or ordered dictionary.</summary>
    public CompanyFilter(IDictionary conditions) : base(conditions) { }

    /// <summary>A filter from a PSCustomObject.</summary>
    public CompanyFilter(PSObject conditions) : base(conditions) { }

    /// <summary>The condition on uuid, if any.</summary>
    public object? uuid { get => Get("uuid"); set => Set("uuid", value); }

    /// <summary>The condition on team_id, if any.</summary>
    public object? team_id { get => Get("team_id"); set => Set("team_id", value); }

    /// <summary>The condition on user_id, if any.</summary>
    public object? user_id { get => Get("user_id"); set => Set("user_id", value); }

    /// <summary>The condition on data_source_uuid, if any.</summary>
    public object? data_source_uuid { get => Get("data_source_uuid"); set => Set("data_source_uuid", value); }

    /// <summary>The condition on lead_status_uuid, if any.</summary>
    public object? lead_status_uuid { get => Get("lead_status_uuid"); set => Set("lead_status_uuid", value); }

    /// <summary>The condition on name, if any.</summary>
    public object? name { get => Get("name"); set => Set("name", value); }

    /// <summary>The condition on domain, if any.</summary>
    public object? domain { get => Get("domain"); set => Set("domain", value); }

    /// <summary>The condition on website, if any.</summary>
    public object? website { get => Get("website"); set => Set("website", value); }

    /// <summary>The condition on ln_id, if any.</summary>
    public object? ln_id { get => Get("ln_id"); set => Set("ln_id", value); }

    /// <summary>The condition on linkedin, if any.</summary>
    public object? linkedin { get => Get("linkedin"); set => Set("linkedin", value); }

    /// <summary>The condition on facebook, if any.</summary>
    public object? facebook { get => Get("facebook"); set => Set("facebook", value); }

    /// <summary>The condition on twitter, if any.</summary>
    public object? twitter { get => Get("twitter"); set => Set("twitter", value); }

    /// <summary>The condition on phone, if any.</summary>
    public object? phone { get => Get("phone"); set => Set("phone", value); }

    /// <summary>The condition on hq_raw_address, if any.</summary>
    public object? hq_raw_address { get => Get("hq_raw_address"); set => Set("hq_raw_address", value); }

    /// <summary>The condition on hq_location, if any.</summary>
    public object? hq_location { get => Get("hq_location"); set => Set("hq_location", value); }

    /// <summary>The condition on logo_url, if any.</summary>
    public object? logo_url { get => Get("logo_url"); set => Set("logo_url", value); }

    /// <summary>The condition on industry, if any.</summary>
    public object? industry { get => Get("industry"); set => Set("industry", value); }

    /// <summary>The condition on employees_range, if any.</summary>
    public object? employees_range { get => Get("employees_range"); set => Set("employees_range", value); }

    /// <summary>The condition on year_established, if any.</summary>
    public object? year_established { get => Get("year_established"); set => Set("year_established", value); }

    /// <summary>The condition on about, if any.</summary>
    public object? about { get => Get("about"); set => Set("about", value); }

    /// <summary>The condition on lists, if any.</summary>
    public object? lists { get => Get("lists"); set => Set("lists", value); }

    /// <summary>The condition on tags, if any.</summary>
    public object? tags { get => Get("tags"); set => Set("tags", value); }

    /// <summary>The condition on status, if any.</summary>
    public object? status { get => Get("status"); set => Set("status", value); }

    /// <summary>The condition on last_enrich_at, if any.</summary>
    public object? last_enrich_at { get => Get("last_enrich_at"); set => Set("last_enrich_at", value); }

    /// <summary>The condition on created_at, if any.</summary>
    public object? created_at { get => Get("created_at"); set => Set("created_at", value); }

    /// <summary>The condition on updated_at, if any.</summary>
    public object? updated_at { get => Get("updated_at"); set => Set("updated_at", value); }
}
#pragma warning restore IDE1006
