using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using GrinfiPS.Client;
using GrinfiPS.Commands.Leads;
using GrinfiPS.Leads;
using Microsoft.PowerShell.Commands;

namespace GrinfiPS.Tests;

/// <summary>
/// The exports people actually have (tests/fixtures/exports, one file per tool, shaped as the
/// tool writes it) map as tests/fixtures/exports/expected-mapping.csv says, and every column
/// either maps or is named in a warning.
/// </summary>
public sealed class ExportFixtureTests
{
    private static readonly string s_folder = Path.Combine(RepoRoot(), "tests", "fixtures", "exports");

    public static TheoryData<string> Tools()
    {
        var data = new TheoryData<string>();
        foreach (var tool in Expected().Select(e => e.Tool).Distinct())
        {
            data.Add(tool);
        }
        return data;
    }

    [Fact]
    public void Every_fixture_has_its_rows_in_the_table_and_every_row_its_fixture()
    {
        var files = Directory.GetFiles(s_folder, "*.csv").Select(Path.GetFileNameWithoutExtension)
            .Where(f => f != "expected-mapping").OrderBy(f => f).ToList();

        Assert.Equal(7, files.Count);
        Assert.Equal(files, Expected().Select(e => e.Tool).Distinct().OrderBy(f => f));
    }

    [Theory]
    [MemberData(nameof(Tools))]
    public void The_plan_for_each_export_is_the_expected_mapping(string tool)
    {
        var (headers, _) = Read(tool);

        var plan = ColumnResolver.Resolve(headers);

        var actual = plan.Columns.Select(c => Row(tool, c)).ToList();
        var expected = Expected().Where(e => e.Tool == tool).ToList();
        Assert.Equal(expected.Select(e => e.Header), actual.Select(a => a.Header));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Tools))]
    public void Every_column_of_each_export_maps_or_is_named_in_a_warning(string tool)
    {
        var (headers, _) = Read(tool);

        var plan = ColumnResolver.Resolve(headers);

        var warned = plan.Warnings.SelectMany(w => w.Columns).ToHashSet();
        foreach (var column in plan.Columns)
        {
            var maps = column.Kind is ColumnKind.Field or ColumnKind.Identity or ColumnKind.CustomField or ColumnKind.ReadOnly;
            Assert.True(maps || warned.Contains(column.Column), $"{tool}: '{column.Column}' ({column.Kind}) is dropped without a word");
        }
        Assert.Single(plan.Warnings, w => w.Id == ColumnWarning.Unmapped);
        Assert.NotNull(plan.ColumnFor("first_name"));
        Assert.DoesNotContain(plan.Columns, c => c.Kind == ColumnKind.Ignored);
    }

    [Theory]
    [MemberData(nameof(Tools))]
    public void Each_fixture_is_shaped_like_an_export_rows_of_its_width_with_non_ASCII_names_and_blanks(string tool)
    {
        var (headers, rows) = Read(tool);

        Assert.True(rows.Count >= 3, $"{tool} has {rows.Count} rows");
        Assert.All(rows, r => Assert.Equal(headers.Count, r.Length));
        Assert.Contains(rows, r => r.Any(cell => cell.Any(ch => ch > 127)));
        Assert.Contains(rows, r => r.Any(cell => cell.Length == 0));
    }

    [Theory]
    [MemberData(nameof(Tools))]
    public void Import_Csv_gives_the_same_column_names(string tool)
    {
        var (headers, _) = Read(tool);
        var delimiter = CsvText.DetectDelimiter(File.ReadAllText(Path.Combine(s_folder, tool + ".csv")));

        var names = ImportCsvPropertyNames(Path.Combine(s_folder, tool + ".csv"), delimiter);

        Assert.Equal(headers.Select(h => h.Trim('\uFEFF')), names);
    }

    [Fact]
    public void One_export_has_a_byte_order_mark_and_still_maps()
    {
        var bytes = File.ReadAllBytes(Path.Combine(s_folder, "hubspot-contacts.csv"));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));

        var (headers, _) = Read("hubspot-contacts");

        Assert.StartsWith("\uFEFF", headers[0]);
        Assert.Equal(ColumnKind.Unwritable, ColumnResolver.Resolve(headers).Columns[0].Kind);
    }

    [Fact]
    public void The_semicolon_export_read_with_commas_is_the_delimiter_error()
    {
        var path = Path.Combine(s_folder, "outlook-contacts.csv");
        Assert.Equal(';', CsvText.DetectDelimiter(File.ReadAllText(path)));

        var names = ImportCsvPropertyNames(path, ',');

        var error = Assert.Throws<GrinfiException>(() => ColumnResolver.Resolve(names));
        Assert.Equal("GrinfiWrongDelimiter", error.ErrorId);
        Assert.Contains("Import-Csv -Delimiter \";\"", error.RecommendedAction);
    }

    [Fact]
    public void The_website_values_of_the_exports_become_domains()
    {
        Assert.Equal(new[] { "atelier-lumiere.fr", "nordhavn.dk" }, Cells("hubspot-contacts", "Website URL").Select(Host));
        Assert.Equal(new[] { "lagosfreight.ng", "fromagerie-beranger.fr" }, Cells("salesforce-leads", "Website").Select(Host));
        Assert.Equal(new[] { "nordlicht.se", "glenveagh.ie", "kisansetu.in" }, Cells("apollo-people", "Website").Select(Host));
    }

    [Fact]
    public void The_linkedin_values_of_the_exports_parse()
    {
        Assert.All(Cells("linkedin-sales-navigator", "profileUrl"), v => Assert.Equal(LinkedInIdKind.SalesNavigatorId, LinkedInIds.Parse(v).Kind));
        Assert.All(Cells("linkedin-sales-navigator", "linkedInProfileUrl"), v => Assert.Equal(LinkedInIdKind.MemberId, LinkedInIds.Parse(v).Kind));
        Assert.Equal(new[] { "ines-carvalho-8b2a1c", "takeshi-nakamura", "łukasz-wiśniewski-3f9e" },
            Cells("lemlist-leads", "linkedinUrl").Select(v => LinkedInIds.Parse(v).Value));
        Assert.Equal(new[] { "bjorn-oberg", "aisling-ni-bhriain-4471b2", "rahuldeshpande" },
            Cells("apollo-people", "Person Linkedin Url").Select(v => LinkedInIds.Parse(v).Value));
    }

    private static string Host(string website) =>
        CellValues.TryGetHost(website, out var host, out var problem) ? host : throw new Xunit.Sdk.XunitException(problem);

    private static IEnumerable<string> Cells(string tool, string column)
    {
        var (headers, rows) = Read(tool);
        var index = headers.ToList().FindIndex(h => h.Trim('\uFEFF') == column);
        return rows.Select(r => r[index]).Where(v => v.Length > 0).ToList();
    }

    private static ExpectedRow Row(string tool, PlannedColumn column) => new(
        tool,
        column.Column.Trim('\uFEFF'),
        column.Kind.ToString().ToLowerInvariant(),
        column.Target ?? "",
        column.Kind is ColumnKind.Field or ColumnKind.Duplicate ? column.Value.ToString().ToLowerInvariant() : "");

    /// <summary>The header and rows as the bytes say, a byte order mark left on the first name as a naive reader leaves it.</summary>
    private static (IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows) Read(string tool)
    {
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(s_folder, tool + ".csv")));
        var records = CsvText.Parse(text, CsvText.DetectDelimiter(text.TrimStart('\uFEFF')));
        return (records[0], records.Skip(1).ToList());
    }

    private static IReadOnlyList<ExpectedRow> Expected()
    {
        var records = CsvText.Parse(File.ReadAllText(Path.Combine(s_folder, "expected-mapping.csv")), ',');
        Assert.Equal(new[] { "tool", "header", "meaning", "target", "value" }, records[0]);
        return records.Skip(1).Select(r => new ExpectedRow(r[0], r[1], r[2], r[3], r[4])).ToList();
    }

    private static IReadOnlyList<string> ImportCsvPropertyNames(string path, char delimiter)
    {
        var state = InitialSessionState.CreateDefault2();
        state.Commands.Add(new SessionStateCmdletEntry("Import-Csv", typeof(ImportCsvCommand), null));
        using var ps = PowerShell.Create(state);
        var rows = ps.AddCommand("Import-Csv").AddParameter("LiteralPath", path).AddParameter("Delimiter", delimiter).Invoke();
        Assert.Empty(ps.Streams.Error);
        return rows[0].Properties.Select(p => p.Name).ToList();
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "build.ps1")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("No build.ps1 above " + AppContext.BaseDirectory);
    }

    public sealed record ExpectedRow(string Tool, string Header, string Meaning, string Target, string Value);
}
