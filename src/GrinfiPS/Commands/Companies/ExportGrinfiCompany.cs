using System.IO;
using System.Management.Automation;
using GrinfiPS.Model;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Companies;

/// <summary>
/// Export-GrinfiCompany: has the API export the companies a search selects as a CSV file
/// (POST /leads/api/file-exports/companies), and downloads it when the API names the file; or
/// downloads an export whose file name is known. Same selection parameters as Get-GrinfiCompany.
/// </summary>
[Cmdlet(VerbsData.Export, "GrinfiCompany", DefaultParameterSetName = SearchSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(FileInfo), typeof(GrinfiFileExport))]
public sealed class ExportGrinfiCompanyCommand : CompanySearchCmdlet
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
        // Everything that can be wrong locally, before an export is queued.
        if (ParameterSetName == SearchSet)
        {
            Selection.ConvertFilter();
        }
        _file = new ExportFile(this, "Export-GrinfiCompany", Path!, NoClobber, "companies.csv");
    }

    /// <inheritdoc />
    protected override void End()
    {
        var file = _file!;
        if (ParameterSetName == FileNameSet)
        {
            if (ShouldProcess(file.Path, $"Download export file '{FileName}'"))
            {
                file.Save(file.Download(FileName!, TimeoutSec), PassThru);
            }
            return;
        }
        var selection = Selection;
        var filter = Run(ctx => selection.ToFilterAsync(ActiveConnection, ctx));
        if (!ShouldProcess(file.Path, $"Export {DescribeCompanies(filter)}"))
        {
            return;
        }
        var export = Run(ctx => Api.QueueCompanyExportAsync(filter, ctx));
        if (export.FileName is not string fileName)
        {
            // The document's answer is {uuid, type, status}: no file name, and no call returns one later.
            WriteWarning($"The API queued company export {export.Uuid} ({export.Status ?? "no status"}) but named no file to download, so nothing was written to '{file.Path}'. " +
                "Download the file from the Grinfi web app when the export is done, or, once you know its file name: " +
                $"Export-GrinfiCompany -FileName <name> -Path '{file.Path}'.");
            WriteObject(Output.Wrap(export));
            return;
        }
        file.Save(file.Download(fileName, TimeoutSec), PassThru);
    }
}
