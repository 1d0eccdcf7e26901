using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace GrinfiPS.Sandbox;

/// <summary>
/// The process runner: command line → <see cref="SandboxOptions"/> → a running sandbox, one
/// ready line of JSON on standard output, then wait until told (or forced) to stop.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Usage: GrinfiPS.Sandbox [options]
          --port N                    port on 127.0.0.1 (0 = any free port)
          --contacts N                contacts seeded for team 1 (default 200)
          --seed N                    random seed (default 1)
          --requests-per-minute N     per API key; 0 = no limit
          --retry-after MODE          seconds | date | none
          --latency-ms N              added to every API request
          --fault-rate F              fraction 0..1 of API requests that fail at random
          --max-page-size N           larger limits are clamped (default 1000)
          --max-mass-action-ids N     more ids in a mass action is a 422 (default 1000)
          --delete-delay-ms N         deletes run after this delay
          --import-delay-ms N         file imports run after this delay (default 500)
          --export-delay-ms N         file exports can be downloaded after this delay (default 300)
          --reading minimal|generous  how the document is read (default minimal)
          --contract-report FOLDER    write contract violations and counts there (default: $GRINFIPS_CONTRACT_REPORT)
          --parent-pid N              exit when that process exits
          --exit-on-stdin-close       exit when standard input reaches end of file
        Or, instead of serving:
          --derive-contract VENDOR OUT  derive the contract file OUT from the vendor's OpenAPI document
        """;

    /// <summary>Entry point.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--derive-contract") return DeriveContract(args);
        SandboxOptions options;
        try
        {
            options = Parse(args);
            options.Validate();
        }
        catch (HelpRequestedException)
        {
            Console.Error.WriteLine(Usage);
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"GrinfiPS.Sandbox: {ex.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };

        await using var server = await SandboxServer.StartAsync(options).ConfigureAwait(false);
        var ready = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["baseUri"] = server.BaseUri.GetLeftPart(UriPartial.Authority),
            ["apiKey"] = server.ApiKey,
            ["secondApiKey"] = server.SecondApiKey,
            ["teamId"] = server.TeamId,
            ["secondTeamId"] = server.SecondTeamId,
        });
        Console.Out.WriteLine(ready);
        Console.Out.Flush();

        if (options.ParentPid is { } parentPid) _ = WatchParentAsync(parentPid, stop);
        if (options.ExitOnStdinClose) WatchStdin(stop);

        await stop.Task.ConfigureAwait(false);
        await server.StopAsync().ConfigureAwait(false);
        return 0;
    }

    internal static SandboxOptions Parse(string[] args)
    {
        var options = new SandboxOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Length) throw new ArgumentException($"{arg} needs a value.");
                return args[++i];
            }
            int Int() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);

            switch (arg.ToLowerInvariant())
            {
                case "--port": options.Port = Int(); break;
                case "--contacts": options.Contacts = Int(); break;
                case "--seed": options.Seed = Int(); break;
                case "--requests-per-minute": options.RequestsPerMinute = Int(); break;
                case "--retry-after":
                    var mode = Value();
                    if (!SandboxOptions.TryParseMode(mode, out var parsed)) throw new ArgumentException($"--retry-after must be seconds, date or none, not '{mode}'.");
                    options.RetryAfterMode = parsed;
                    break;
                case "--latency-ms": options.LatencyMs = Int(); break;
                case "--fault-rate": options.FaultRate = double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture); break;
                case "--max-page-size": options.MaxPageSize = Int(); break;
                case "--max-mass-action-ids": options.MaxMassActionIds = Int(); break;
                case "--delete-delay-ms": options.DeleteDelayMs = Int(); break;
                case "--import-delay-ms": options.ImportDelayMs = Int(); break;
                case "--export-delay-ms": options.ExportDelayMs = Int(); break;
                case "--reading":
                    var reading = Value();
                    if (!SandboxOptions.TryParseReading(reading, out var parsedReading)) throw new ArgumentException($"--reading must be minimal or generous, not '{reading}'.");
                    options.Reading = parsedReading;
                    break;
                case "--contract-report": options.ContractReport = Value(); break;
                case "--parent-pid": options.ParentPid = Int(); break;
                case "--exit-on-stdin-close": options.ExitOnStdinClose = true; break;
                case "--help" or "-h" or "-?": throw new HelpRequestedException();
                default: throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }
        return options;
    }

    /// <summary><c>--derive-contract VENDOR OUT</c>: writes the contract derived from the vendor's document.</summary>
    private static int DeriveContract(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("Usage: GrinfiPS.Sandbox --derive-contract <vendor openapi.yaml> <contract out file>");
            return 2;
        }
        try
        {
            var yaml = Contract.ContractDeriver.Derive(args[1]);
            var folder = Path.GetDirectoryName(Path.GetFullPath(args[2]));
            if (folder is not null) Directory.CreateDirectory(folder);
            File.WriteAllText(args[2], yaml, new System.Text.UTF8Encoding(false));
            Console.Out.WriteLine($"Wrote {args[2]}");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"GrinfiPS.Sandbox: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Polls once a second, so a crashed test run never leaves a server behind.</summary>
    private static async Task WatchParentAsync(int pid, TaskCompletionSource stop)
    {
        while (!stop.Task.IsCompleted)
        {
            if (!IsRunning(pid))
            {
                stop.TrySetResult();
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void WatchStdin(TaskCompletionSource stop)
    {
        // A dedicated thread: Console.In has no cancellable async read.
        var thread = new Thread(() =>
        {
            try
            {
                while (Console.In.ReadLine() is not null)
                {
                }
            }
            catch (IOException)
            {
            }
            stop.TrySetResult();
        })
        {
            IsBackground = true,
            Name = "stdin watcher",
        };
        thread.Start();
    }

    private sealed class HelpRequestedException : Exception;
}
