using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;

namespace GrinfiPS.Runtime;

/// <summary>
/// The file side of Export-GrinfiLead and Export-GrinfiCompany: the -Path checked before an
/// export is queued, the file downloaded once the export job has written it, and saved.
/// </summary>
internal sealed class ExportFile
{
    private const int ProgressId = 0x65787074;

    private readonly GrinfiConnectedCmdlet _cmdlet;
    private readonly string _activity;

    /// <param name="cmdlet">The command, for requests, progress and output.</param>
    /// <param name="activity">The progress bar's title: the cmdlet's name.</param>
    /// <param name="path">-Path as given (relative or a PS path), checked now.</param>
    /// <param name="noClobber">Refuse an existing file.</param>
    /// <param name="example">A file name for the fix of a folder given as -Path: "contacts.csv".</param>
    public ExportFile(GrinfiConnectedCmdlet cmdlet, string activity, string path, bool noClobber, string example)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        Path = Check(cmdlet.GetUnresolvedProviderPathFromPSPath(path), path, noClobber, example);
    }

    /// <summary>The full path, checked: not a folder, in a folder that exists and can be written, and not there with -NoClobber.</summary>
    public string Path { get; }

    /// <summary>Writes the file, and returns it with <paramref name="passThru"/>.</summary>
    public void Save(byte[] csv, bool passThru)
    {
        File.WriteAllBytes(Path, csv);
        if (passThru)
        {
            _cmdlet.WriteObject(new FileInfo(Path));
        }
    }

    /// <summary>
    /// The file, once the export job has written it: until then the download answers 404. Asks
    /// again with a growing pause, showing a progress bar, until <paramref name="timeoutSec"/>.
    /// </summary>
    public byte[] Download(string fileName, int timeoutSec)
    {
        var watch = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                var bytes = _cmdlet.Run(ctx => _cmdlet.Api.DownloadExportAsync(fileName, ctx));
                if (watch.Elapsed > TimeSpan.FromSeconds(1))
                {
                    _cmdlet.WriteProgress(new ProgressRecord(ProgressId, _activity, "Downloaded") { RecordType = ProgressRecordType.Completed });
                }
                return bytes;
            }
            catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.NotFound)
            {
                if (watch.Elapsed >= TimeSpan.FromSeconds(timeoutSec))
                {
                    throw new GrinfiException(GrinfiErrorKind.Timeout, "GrinfiExportTimeout",
                        $"The export file '{fileName}' was not there after {timeoutSec} s.", ex)
                    {
                        RecommendedAction = "Raise -TimeoutSec for large exports, check the file name, or download the file from the Grinfi web app later.",
                    };
                }
                _cmdlet.WriteProgress(new ProgressRecord(ProgressId, _activity, $"Waiting for the export file '{fileName}' ({watch.Elapsed.TotalSeconds:0} s)"));
                _cmdlet.Sleep(pause);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private static string Check(string path, string given, bool noClobber, string example)
    {
        if (Directory.Exists(path))
        {
            throw GrinfiException.InvalidInput("GrinfiPathIsFolder", $"-Path '{path}' is a folder; give a file name in it.", given,
                $"For example: -Path '{System.IO.Path.Combine(path, example)}'.");
        }
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw GrinfiException.InvalidInput("GrinfiPathFolderMissing", $"The folder of -Path '{path}' does not exist.", given,
                $"Create it first (New-Item -ItemType Directory '{folder}'), or choose another -Path.");
        }
        var existed = File.Exists(path);
        if (existed && noClobber)
        {
            throw GrinfiException.InvalidInput("GrinfiFileExists", $"'{path}' exists and -NoClobber is set.", given,
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
            throw GrinfiException.InvalidInput("GrinfiPathNotWritable", $"-Path '{path}' cannot be written: {ex.Message}", given,
                "Choose a path you can write to.");
        }
        return path;
    }
}
