using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Leads;

/// <summary>
/// Export-GrinfiLead: has the API export the contacts a filter selects as a CSV file, waits for
/// the job and downloads the file. Same filter parameters as Get-GrinfiLead.
/// </summary>
[Cmdlet(VerbsData.Export, "GrinfiLead", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo))]
public sealed class ExportGrinfiLeadCommand : LeadSearchCmdlet
{
    /// <summary>Where to write the CSV file.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }






    /// <summary>Refuse to overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter NoClobber { get; set; }

    /// <summary>How long to wait for the export.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 600;

    /// <summary>Return the file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void Begin() => Selection.ConvertFilter();

    /// <inheritdoc />
    protected override void End()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        if (NoClobber && File.Exists(path))
        {
            throw GrinfiException.InvalidInput("GrinfiFileExists", $"'{path}' exists and -NoClobber is set.", path, "Choose another -Path, or leave out -NoClobber to overwrite.");
        }
        var selection = Selection;
        var filter = Run(ctx => selection.ToFilterAsync(ActiveConnection, ctx));
        var what = filter.Count == 0 ? "every contact" : $"the contacts matching {JsonFormat.Text(filter)}";
        if (!ShouldProcess(path, $"Export {what}"))
        {
            return;
        }
        var export = Run(ctx => Api.QueueExportAsync(filter, ctx));
        if (export.FileName is not string fileName)
        {
            throw new GrinfiException(GrinfiErrorKind.UnexpectedResponse, "GrinfiExportWithoutFile",
                $"The API queued export {export.Uuid} but named no file to download.")
            {
                TargetObject = export,
                RecommendedAction = "Download it from the Grinfi web app once it is ready.",
            };
        }
        var csv = Download(fileName);
        File.WriteAllBytes(path, csv);
        if (PassThru)
        {
            WriteObject(new FileInfo(path));
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
                    WriteProgress(new ProgressRecord(0x65787074, "Export-GrinfiLead", "Downloaded") { RecordType = ProgressRecordType.Completed });
                }
                return bytes;
            }
            catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound)
            {
                if (watch.Elapsed >= TimeSpan.FromSeconds(TimeoutSec))
                {
                    throw new GrinfiException(GrinfiErrorKind.Timeout, "GrinfiExportTimeout",
                        $"The export {fileName} was not ready after {TimeoutSec} s.", ex)
                    {
                        RecommendedAction = "Raise -TimeoutSec for large exports, or download the file from the Grinfi web app later.",
                    };
                }
                WriteProgress(new ProgressRecord(0x65787074, "Export-GrinfiLead", $"Waiting for the export {fileName} ({watch.Elapsed.TotalSeconds:0} s)"));
                Sleep(pause);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 5000));
            }
        }
    }
}
