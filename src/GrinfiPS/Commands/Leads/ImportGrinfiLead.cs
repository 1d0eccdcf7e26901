using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Completers;
using GrinfiPS.Leads;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Import-GrinfiLead: uploads a whole CSV file and starts the API's own import: two requests
/// for any number of rows. Columns map as Set-GrinfiLead maps them; the file is checked
/// locally first, and rows the API would reject are reported with their numbers.
/// </summary>
[Cmdlet(VerbsData.Import, "GrinfiLead", DefaultParameterSetName = "Path", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(GrinfiFileImport))]
public sealed class ImportGrinfiLeadCommand : GrinfiConnectedCmdlet
{
    // A poll a second would spend a fifth of the key's budget: poll every 10 s, backing off.
    private static readonly TimeSpan s_firstPoll = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_slowestPoll = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_startGrace = TimeSpan.FromSeconds(30);
    private const int StablePolls = 2;

    private GrinfiList? _list;
    private List<string> _tags = new();
    private IReadOnlyList<string> _customFieldNames = Array.Empty<string>();

    /// <summary>The CSV file(s); wildcards work.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = "Path")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Path { get; set; }

    /// <summary>The CSV file(s), taken literally (for names with [ or ]). Takes FileInfo objects from Get-ChildItem.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "LiteralPath")]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string[]? LiteralPath { get; set; }

    /// <summary>The list the contacts go to.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [ArgumentCompleter(typeof(ListNameCompleter))]
    public ListPipeBind? List { get; set; }

    /// <summary>Tags every imported contact gets.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TagNameCompleter))]
    public TagPipeBind[]? Tag { get; set; }

    /// <summary>Maps other column names to lead fields or custom fields, as for Set-GrinfiLead.</summary>
    [Parameter]
    [ValidateNotNull]
    public Hashtable? ColumnMap { get; set; }

    /// <summary>The field separator; by default the one the header line uses (, ; tab or |).</summary>
    [Parameter]
    public char? Delimiter { get; set; }

    /// <summary>The file's encoding (utf-8, utf-16, windows-1252, ...); by default from its byte order mark, else UTF-8.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Encoding { get; set; }

    /// <summary>Wait until the list's contact count stops growing, with a progress bar.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>How long -Wait waits at most.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 600;

    /// <inheritdoc />
    protected override void Begin()
    {
        Run(async ctx =>
        {
            var cache = ActiveConnection.Cache;
            _list = await List!.ResolveAsync(cache.Lists, "List", ctx).ConfigureAwait(false);
            foreach (var bind in Tag ?? Array.Empty<TagPipeBind>())
            {
                _tags.Add(await bind.ResolveUuidAsync(cache.Tags, "Tag", ctx).ConfigureAwait(false));
            }
            _customFieldNames = (await cache.LeadCustomFields.GetAllAsync(ctx).ConfigureAwait(false)).Select(f => f.Name).ToList();
            // A bad -ColumnMap target is an error before any file is read.
            ColumnResolver.Resolve(Array.Empty<string>(), ColumnMap, _customFieldNames);
        });
    }

    /// <inheritdoc />
    protected override void Process()
    {
        foreach (var path in ResolvePaths())
        {
            Guard(() => ImportFile(path), path);
        }
    }

    /// <summary>The files named; a path that names nothing is one error, and the others go on.</summary>
    private IEnumerable<string> ResolvePaths()
    {
        if (LiteralPath is not null)
        {
            foreach (var literal in LiteralPath)
            {
                var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(literal);
                if (File.Exists(path))
                {
                    yield return path;
                }
                else
                {
                    WriteFailure(GrinfiException.InvalidInput("GrinfiFileNotFound", $"'{path}' does not exist.", literal, "Check the path."), literal);
                }
            }
            yield break;
        }
        foreach (var pattern in Path!)
        {
            IEnumerable<string> found;
            try
            {
                found = GetResolvedProviderPathFromPSPath(pattern, out _);
            }
            catch (ItemNotFoundException)
            {
                found = Array.Empty<string>();
            }
            var any = false;
            foreach (var path in found)
            {
                any = true;
                yield return path;
            }
            if (!any)
            {
                WriteFailure(GrinfiException.InvalidInput("GrinfiFileNotFound", $"No file matches '{pattern}'.", pattern,
                    "Check the path; use -LiteralPath for names with [ or ]."), pattern);
            }
        }
    }

    private void ImportFile(string path)
    {
        var text = Decode(path);
        var delimiter = Delimiter ?? CsvText.DetectDelimiter(text);
        var rows = CsvText.Parse(text, delimiter);
        if (rows.Count == 0 || rows[0].All(string.IsNullOrWhiteSpace))
        {
            throw GrinfiException.InvalidInput("GrinfiCsvNoHeader", $"'{path}' has no header row.", path,
                "The first line must name the columns, e.g. FirstName,LastName,LinkedIn.");
        }
        var header = rows[0].Select(h => h.Trim()).ToArray();
        var duplicate = header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1);
        if (duplicate is not null)
        {
            throw GrinfiException.InvalidInput("GrinfiCsvDuplicateColumn", $"'{path}' has the column '{duplicate.Key}' more than once.", path,
                "Rename or remove the duplicate column.");
        }

        var plan = MapColumns(header, path);
        var columns = plan.Columns.Where(c => c.Kind is ColumnKind.Field or ColumnKind.CustomField).ToList();
        var linkedIn = Array.IndexOf(header, plan.ColumnFor("linkedin_id")!.Column);
        var good = new List<string[]> { header };
        var rejected = 0;
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            var problem = row.Length != header.Length
                ? $"it has {row.Length} fields where the header has {header.Length} (a stray '{delimiter}' or an unclosed quote?)"
                : string.IsNullOrWhiteSpace(row[linkedIn]) ? $"its {header[linkedIn]} (linkedin_id) is empty, and the API needs it to create or match a contact"
                : !LinkedInIds.TryParse(row[linkedIn], out _, out var why) ? $"its {header[linkedIn]} '{row[linkedIn]}' is not a LinkedIn profile ({why})"
                : null;
            if (problem is null)
            {
                good.Add(Cleaned(row, header, plan));
                continue;
            }
            rejected++;
            // Row numbers as Import-Csv counts them: the first data row is row 1 (file line 2).
            var record = new PSObject();
            record.Properties.Add(new PSNoteProperty("Row", i));
            for (var c = 0; c < header.Length; c++)
            {
                record.Properties.Add(new PSNoteProperty(header[c], c < row.Length ? row[c] : null));
            }
            WriteFailure(GrinfiException.InvalidInput("GrinfiCsvRowRejected", $"'{System.IO.Path.GetFileName(path)}' row {i} is left out: {problem}.", record,
                "Fix the row and import it again (the error's TargetObject holds it), or use Set-GrinfiLead for per-row errors from the server."), record);
        }
        if (good.Count == 1)
        {
            WriteWarning($"'{path}' has no rows to import.");
            return;
        }

        var mapping = string.Join(", ", columns.Select(c => $"{c.Column} → {c.Target}"));
        if (!ShouldProcess(path, $"Import {Output.Count(good.Count - 1, "row")} into list '{_list!.Name}' ({mapping})"))
        {
            return;
        }
        var before = Wait ? Run(ctx => Api.CountLeadsAsync(ListContacts, ctx)) : (long?)null;
        var upload = System.Text.Encoding.UTF8.GetBytes(CsvText.Write(good));
        var import = Run(async ctx =>
        {
            var uploaded = await Api.UploadCsvAsync(System.IO.Path.GetFileName(path), upload, ctx).ConfigureAwait(false);
            await Api.StartImportAsync(uploaded.Uuid, columns.Select(c => (c.Column, c.Kind == ColumnKind.CustomField ? "custom_fields." + c.Target : c.Target!)), _list.Uuid, _tags, ctx).ConfigureAwait(false);
            return uploaded;
        });
        import.Started = true;
        import.RowsSent = good.Count - 1;
        import.RowsRejected = rejected;
        if (before is long start)
        {
            import.ListLeadCountBefore = start;
            (import.WaitResult, import.ListLeadCountAfter) = WaitForImport(start, import.RowsSent);
        }
        WriteObject(Output.Wrap(import));
    }

    private ContactSelection ListContacts => ContactSelection.Where("list_uuid", _list!.Uuid);

    /// <summary>
    /// What each header means, as Set-GrinfiLead reads columns (<see cref="ColumnResolver"/>):
    /// the warnings name every column that is not imported. Without a LinkedIn column nothing
    /// can be imported.
    /// </summary>
    private ColumnPlan MapColumns(string[] header, string path)
    {
        var plan = ColumnResolver.Resolve(header, ColumnMap, _customFieldNames);
        foreach (var warning in plan.Warnings)
        {
            WriteWarning($"'{System.IO.Path.GetFileName(path)}': {warning.Message}");
        }
        if (plan.ColumnFor("linkedin_id") is null)
        {
            throw GrinfiException.InvalidInput("GrinfiCsvNoLinkedInColumn",
                $"No column of '{path}' maps to linkedin_id, which the API needs to create or match contacts. Columns: {string.Join(", ", header)}.", path,
                "Name the LinkedIn column LinkedIn, LinkedIn URL or Profile URL, or map it: -ColumnMap @{ 'Profile' = 'linkedin_id' }.");
        }
        return plan;
    }

    /// <summary>A row as uploaded: a website column holds the site's host (the domain), other cells as given.</summary>
    private static string[] Cleaned(string[] row, string[] header, ColumnPlan plan)
    {
        var cleaned = (string[])row.Clone();
        foreach (var column in plan.Fields.Where(c => c.Value == ColumnValue.WebsiteHost))
        {
            var i = Array.IndexOf(header, column.Column);
            cleaned[i] = CellValues.TryGetHost(row[i], out var host, out _) ? host : "";
        }
        return cleaned;
    }

    /// <summary>The file as text: by -Encoding, else by its byte order mark, else strict UTF-8.</summary>
    private string Decode(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (Encoding is not null)
        {
            System.Text.Encoding encoding;
            try
            {
                encoding = System.Text.Encoding.GetEncoding(Encoding);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
            {
                throw GrinfiException.InvalidInput("GrinfiUnknownEncoding", $"-Encoding '{Encoding}' is not an encoding this system knows.", Encoding,
                    "Use a name such as utf-8, utf-16, windows-1252 or iso-8859-1.");
            }
            return StripBom(encoding.GetString(bytes));
        }
        var detected = bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE ? System.Text.Encoding.Unicode
            : bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF ? System.Text.Encoding.BigEndianUnicode
            : null;
        if (detected is not null)
        {
            return StripBom(detected.GetString(bytes));
        }
        try
        {
            return StripBom(new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
        }
        catch (DecoderFallbackException)
        {
            throw GrinfiException.InvalidInput("GrinfiCsvNotUtf8",
                $"'{path}' is not UTF-8 (Excel's plain 'CSV' saves in the system's code page): give its encoding with -Encoding.", path,
                "Save it as 'CSV UTF-8', or give its encoding with -Encoding (e.g. -Encoding windows-1252).");
        }
    }

    private static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;

    /// <summary>
    /// No status endpoint is documented, so the list's contact count tells: the import is taken
    /// as finished when every row has arrived, or when the count grew and then stood still for a
    /// few polls. A count that never moves after <see cref="s_startGrace"/> leaves the outcome
    /// unknown (a file that only updates contacts never moves it). Polls every 10 s, slower as it
    /// goes on: each poll is a request of the key's budget.
    /// </summary>
    private (ImportWaitResult Result, long After) WaitForImport(long before, int rows)
    {
        var watch = Stopwatch.StartNew();
        var last = before;
        var stable = 0;
        var pause = s_firstPoll;
        var activity = $"Importing into '{_list!.Name}'";
        try
        {
            while (true)
            {
                var left = TimeSpan.FromSeconds(TimeoutSec) - watch.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    WriteWarning($"The import into '{_list.Name}' was still changing the list after {TimeoutSec} s; it goes on in the background.");
                    return (ImportWaitResult.TimedOut, last);
                }
                Sleep(pause < left ? pause : left);
                pause = TimeSpan.FromTicks(Math.Min(s_slowestPoll.Ticks, pause.Ticks * 3 / 2));
                var now = Run(ctx => Api.CountLeadsAsync(ListContacts, ctx));
                stable = now == last ? stable + 1 : 0;
                last = now;
                var added = now - before;
                WriteProgress(new ProgressRecord(0x696D7074, activity, $"{Output.Count(added, "contact")} added of {rows:N0} rows ({watch.Elapsed.TotalSeconds:0} s)")
                {
                    PercentComplete = (int)Math.Max(0, Math.Min(100, added * 100 / Math.Max(1, rows))),
                });
                if (added >= rows || (added > 0 && stable >= StablePolls))
                {
                    return (ImportWaitResult.Finished, now);
                }
                if (added == 0 && watch.Elapsed >= s_startGrace)
                {
                    WriteVerbose($"The list's count did not move in {s_startGrace.TotalSeconds:0} s: the rows may all have updated contacts in other lists, or the job has not started. No status call is documented to tell which.");
                    return (ImportWaitResult.Unknown, now);
                }
            }
        }
        finally
        {
            WriteProgress(new ProgressRecord(0x696D7074, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
