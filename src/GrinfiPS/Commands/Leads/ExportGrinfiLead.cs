using System.IO;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

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

    private ExportFile? _file;

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
        _file = new ExportFile(this, "Export-GrinfiLead", Path!, NoClobber, "contacts.csv");
    }

    /// <inheritdoc />
    protected override void End()
    {
        if (ParameterSetName == FileNameSet)
        {
            if (ShouldProcess(_file!.Path, $"Download export file '{FileName}'"))
            {
                _file.Save(_file.Download(FileName!, TimeoutSec), PassThru);
            }
            return;
        }
        var selection = Selection;
        var filter = Run(ctx => selection.ToFilterAsync(ActiveConnection, ctx));
        var contacts = ContactSelection.OfSearch(filter);
        if (!ShouldProcess(_file!.Path, filter.Count == 0 ? "Export every contact" : $"Export the contacts {DescribeLeads(filter)}"))
        {
            return;
        }
        var export = Run(ctx => Api.QueueExportAsync(contacts, ctx));
        if (export.FileName is not string fileName)
        {
            // The vendor's queue answer names no file, and no documented call returns the record
            // once the job is done: say so, and hand over what there is.
            WriteWarning($"The API queued export {export.Uuid} ({export.Status ?? "no status"}) but named no file to download, so nothing was written to '{_file.Path}'. " +
                "Download the file from the Grinfi web app when the export is done, or, once you know its file name: " +
                $"Export-GrinfiLead -FileName <name> -Path '{_file.Path}'.");
            WriteObject(Output.Wrap(export));
            return;
        }
        _file.Save(_file.Download(fileName, TimeoutSec), PassThru);
    }
}
