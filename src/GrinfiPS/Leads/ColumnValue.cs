namespace GrinfiPS.Leads;

/// <summary>How a column's cells become the value written.</summary>
internal enum ColumnValue
{
    /// <summary>The cell's text, trimmed; an empty cell writes nothing (<see cref="CellValues.Text"/>).</summary>
    Text,

    /// <summary>A website's host: "https://www.Acme.com/about" writes "acme.com" (<see cref="CellValues.TryGetHost"/>).</summary>
    WebsiteHost,

    /// <summary>A LinkedIn handle, member id or profile URL, checked and normalised (<see cref="LinkedInIds.Parse"/>).</summary>
    LinkedIn,
}
