using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Export-GrinfiLead: has the API export the contacts a filter selects as a CSV file, and
/// downloads it when the API names the file; or downloads an export whose file name is known.
/// Same filter parameters as Get-GrinfiLead.
/// </summary>
[Cmdlet(VerbsData.Export, "GrinfiLead", DefaultParameterSetName = SearchSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo), typeof(GrinfiFileExport))]
public sealed class ExportGrinfiLeadCommand : LeadSearchCmdlet
{
    private const string FileNameSet = "FileName";
    private const int ProgressId = 0x65787074;

    private string _path = "";

    /// <summary>Where to write the CSV file.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = SearchSet)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = FileNameSet)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>The file name of an export to download (from the Grinfi web app, or an export record that names it).</summary>
    [Parameter(Mandatory = true, ParameterSetName = FileNameSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? FileName { get; set; }

    /// <summary>Refuse to overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>How long to wait for the file to be ready.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 600;

    /// <summary>Return the file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void Begin()
    {
        // Everything that can be wrong locally, before a long export is queued.
        if (ParameterSetName == SearchSet)
        {
            Selection.ConvertFilter();
        }
        _path = CheckPath(GetUnresolvedProviderPathFromPSPath(Path));
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (ParameterSetName == FileNameSet)
        {
            if (ShouldProcess(_path, $"Download export file '{FileName}'"))
            {
                Save(Download(FileName!));
            }
            return;
        }
        var selection = Selection;
        var filter = Run(ctx => selection.ToFilterAsync(ActiveConnection, ctx));
        var contacts = ContactSelection.OfSearch(filter);
        if (!ShouldProcess(_path, $"Export {contacts}"))
        {
            return;
        }
        var export = Run(ctx => Api.QueueExportAsync(contacts, ctx));
        if (export.FileName is not string fileName)
        {
            // The vendor's queue answer names no file, and no documented call returns the record
            // once the job is done: say so, and hand over what there is.
            WriteWarning($"The API queued export {export.Uuid} ({export.Status ?? "no status"}) but named no file to download, so nothing was written to '{_path}'. " +
                "Download the file from the Grinfi web app when the export is done, or, once you know its file name: " +
                $"Export-GrinfiLead -FileName <name> -Path '{_path}'.");
            WriteObject(Output.Wrap(export));
            return;
        }
        Save(Download(fileName));
    }

    /// <summary>The full path, checked: not a folder, in a folder that exists and can be written, and not there with -NoClobber.</summary>
    private string CheckPath(string path)
    {
        if (Directory.Exists(path))
        {
            throw GrinfiException.InvalidInput("GrinfiPathIsFolder", $"-Path '{path}' is a folder; give a file name in it.", Path,
                $"For example: -Path '{System.IO.Path.Combine(path, "contacts.csv")}'.");
        }
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw GrinfiException.InvalidInput("GrinfiPathFolderMissing", $"The folder of -Path '{path}' does not exist.", Path,
                $"Create it first (New-Item -ItemType Directory '{folder}'), or choose another -Path.");
        }
        var existed = File.Exists(path);
        if (existed && NoClobber)
        {
            throw GrinfiException.InvalidInput("GrinfiFileExists", $"'{path}' exists and -NoClobber is set.", Path,
                "Choose another -Path, or leave out -NoClobber to overwrite.");
        }
        try
        {
            // Open for writing now, so a read-only file or folder fails before the export, not after.
            using (File.Open(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }
            if (!existed)
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw GrinfiException.InvalidInput("GrinfiPathNotWritable", $"-Path '{path}' cannot be written: {ex.Message}", Path,
                "Choose a path you can write to.");
        }
        return path;
    }

    private void Save(byte[] csv)
    {
        File.WriteAllBytes(_path, csv);
        if (PassThru)
        {
            WriteObject(new FileInfo(_path));
        }
    }

    /// <summary>
    /// The file, once the export job has written it: until then the download answers 404. Asks
    /// again with a growing pause, showing a progress bar, until -TimeoutSec.
    /// </summary>
    private byte[] Download(string fileName)
    {
        var watch = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                var bytes = Run(ctx => Api.DownloadExportAsync(fileName, ctx));
                if (watch.Elapsed > TimeSpan.FromSeconds(1))
                {
                    WriteProgress(new ProgressRecord(ProgressId, "Export-GrinfiLead", "Downloaded") { RecordType = ProgressRecordType.Completed });
                }
                return bytes;
            }
            catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound)
            {
                if (watch.Elapsed >= TimeSpan.FromSeconds(TimeoutSec))
                {
                    throw new GrinfiException(GrinfiErrorKind.Timeout, "GrinfiExportTimeout",
                        $"The export file '{fileName}' was not there after {TimeoutSec} s.", ex)
                    {
                        RecommendedAction = "Raise -TimeoutSec for large exports, check the file name, or download the file from the Grinfi web app later.",
                    };
                }
                WriteProgress(new ProgressRecord(ProgressId, "Export-GrinfiLead", $"Waiting for the export file '{fileName}' ({watch.Elapsed.TotalSeconds:0} s)"));
                Sleep(pause);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 5000));
            }
        }
    }
}
