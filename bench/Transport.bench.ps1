#Requires -Version 7.4
<#
.SYNOPSIS
    Transport benchmark: what a misbehaving server costs a job, in memory and time.
.DESCRIPTION
    A raw HTTP server on 127.0.0.1 (compiled here with Add-Type) answers the contact search
    in one of two ways the HTTP core must survive:
    - claim:   200 with Content-Length 1.9 GB, ten bytes, then silence;
    - endless: 200 with a chunked body that never ends (bounded here at 8 GB or 120 s).
    Each run is a fresh PowerShell process (this script with -Child) that imports the module,
    connects to the server with the default cap, runs Get-GrinfiLead, and reports the ErrorId,
    the time to the error and its own PeakWorkingSet64. The server counts the searches.

    The usual working set is the median peak of fresh processes that stream -Contacts
    contacts from the sandbox (page size 100) with the same module.

    Targets, for each kind, over -Repetitions runs:
    1. the error is GrinfiResponseTooLarge after exactly one request (not retried);
    2. the highest peak working set is at most the usual working set plus the cap.
    Exits 1 when a target is missed.
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File bench/Transport.bench.ps1 -ModulePath out/GrinfiPS -SandboxPath out/sandbox/GrinfiPS.Sandbox.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $SandboxPath,
    [int] $Repetitions = 3,
    [int] $Contacts = 5000,
    # Internal: one measurement in this (fresh) process, printed as JSON.
    [switch] $Child,
    [ValidateSet('usual', 'claim', 'endless')] [string] $Mode = 'usual',
    [string] $BaseUri,
    [string] $ApiKey
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if ($Child) {
    Import-Module $ModulePath
    Connect-Grinfi -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) -BaseUri $BaseUri -RequestsPerMinute 100000 -InformationAction Ignore
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $before = $process.PeakWorkingSet64
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $failed = $null
    $count = if ($Mode -eq 'usual') {
        (Get-GrinfiLead -PageSize 100 | Measure-Object).Count
    }
    else {
        @(Get-GrinfiLead -First 1 -ErrorVariable failed -ErrorAction SilentlyContinue).Count
    }
    $seconds = $watch.Elapsed.TotalSeconds
    $process.Refresh()
    [pscustomobject]@{
        Count      = $count
        Seconds    = $seconds
        ErrorId    = if ($failed) { $failed[0].FullyQualifiedErrorId -replace ',.*$', '' } else { $null }
        Message    = if ($failed) { $failed[0].ErrorDetails.Message } else { $null }
        CapMB      = (Get-GrinfiConnection).MaximumResponseSizeMB
        PeakBefore = $before
        Peak       = $process.PeakWorkingSet64
    } | ConvertTo-Json -Compress
    exit 0
}

Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
Initialize-Bench -ModulePath $ModulePath -SandboxPath $SandboxPath

Add-Type -TypeDefinition @'
using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

/// A server that answers the contact search the way a broken server or proxy might.
public sealed class MisbehavingServer : IDisposable
{
    private const long EndlessBound = 8L * 1024 * 1024 * 1024;
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(120);
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private int _searches;

    public MisbehavingServer()
    {
        _listener.Start();
        Task.Run(AcceptAsync);
    }

    /// claim or endless.
    public string Mode { get; set; } = "claim";

    public string BaseUri => "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/";

    public int Searches => Volatile.Read(ref _searches);

    public void ResetCount() => Interlocked.Exchange(ref _searches, 0);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                for (var served = 0; served < 100; served++)
                {
                    var path = await ReadRequestAsync(stream).ConfigureAwait(false);
                    if (path == null) return;
                    if (path.StartsWith("/id/api/users/current", StringComparison.Ordinal))
                    {
                        var user = Encoding.UTF8.GetBytes("{\"uuid\":\"b0b0b0b0-0000-4000-8000-000000000001\",\"id\":1,\"first_name\":\"Bench\",\"last_name\":\"User\",\"email\":\"bench@example.test\",\"team_id\":1}");
                        await WriteHeadAsync(stream, "200 OK", "Content-Type: application/json\r\nContent-Length: " + user.Length).ConfigureAwait(false);
                        await stream.WriteAsync(user, 0, user.Length).ConfigureAwait(false);
                        continue;
                    }
                    Interlocked.Increment(ref _searches);
                    if (Mode == "claim") await ClaimAsync(stream).ConfigureAwait(false);
                    else await EndlessAsync(stream).ConfigureAwait(false);
                    return;
                }
            }
            catch (Exception)
            {
                // The client hung up: what these answers are for.
            }
        }
    }

    private static async Task ClaimAsync(NetworkStream stream)
    {
        await WriteHeadAsync(stream, "200 OK", "Content-Type: application/json\r\nContent-Length: 1900000000").ConfigureAwait(false);
        var ten = Encoding.ASCII.GetBytes("{\"data\":[{");
        await stream.WriteAsync(ten, 0, ten.Length).ConfigureAwait(false);
        // Then nothing, until the client gives up or the bound.
        var one = new byte[1];
        var read = stream.ReadAsync(one, 0, 1);
        await Task.WhenAny(read, Task.Delay(TimeBound)).ConfigureAwait(false);
    }

    private static async Task EndlessAsync(NetworkStream stream)
    {
        await WriteHeadAsync(stream, "200 OK", "Content-Type: application/json\r\nTransfer-Encoding: chunked").ConfigureAwait(false);
        var chunk = Encoding.ASCII.GetBytes("10000\r\n" + new string(' ', 0x10000) + "\r\n");
        var started = DateTime.UtcNow;
        for (long sent = 0; sent < EndlessBound && DateTime.UtcNow - started < TimeBound; sent += 0x10000)
        {
            await stream.WriteAsync(chunk, 0, chunk.Length).ConfigureAwait(false);
        }
    }

    private static Task WriteHeadAsync(NetworkStream stream, string status, string headers)
    {
        var head = Encoding.ASCII.GetBytes("HTTP/1.1 " + status + "\r\n" + headers + "\r\n\r\n");
        return stream.WriteAsync(head, 0, head.Length);
    }

    /// The request's path; its body is read and dropped. Null when the client closed.
    private static async Task<string> ReadRequestAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, 0, 1).ConfigureAwait(false) == 0) return null;
            head.Append((char)one[0]);
            if (head.Length > 65536) return null;
        }
        var lines = head.ToString().Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);
        var length = 0;
        foreach (var line in lines)
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) length = int.Parse(line.Substring(15).Trim());
        }
        var body = new byte[length];
        for (var got = 0; got < length;)
        {
            var n = await stream.ReadAsync(body, got, length - got).ConfigureAwait(false);
            if (n == 0) return null;
            got += n;
        }
        return lines[0].Split(' ')[1];
    }
}
'@

function Invoke-Child([string] $ChildMode, [string] $Uri, [string] $Key) {
    $json = Start-BenchPwsh -File $PSCommandPath -ArgumentList @('-ModulePath', (Resolve-Path $ModulePath).Path, '-Child',
        '-Mode', $ChildMode, '-BaseUri', $Uri, '-ApiKey', $Key)
    $json | Select-Object -Last 1 | ConvertFrom-Json
}

# ---------------------------------------------------------------------------------------
Write-BenchSection "Usual working set: fresh processes streaming $($Contacts.ToString('N0')) contacts from the sandbox, page size 100"
$sandbox = Start-TestSandbox -Contacts $Contacts
try {
    $usual = foreach ($i in 1..$Repetitions) {
        $r = Invoke-Child 'usual' $sandbox.BaseUri.AbsoluteUri $sandbox.ApiKey
        if ($r.Count -ne $Contacts) { throw "The child read $($r.Count) contacts, not $Contacts." }
        Write-BenchLine ("run {0}: peak working set {1:N0} MB, {2:N1} s" -f $i, ($r.Peak / 1MB), $r.Seconds)
        $r.Peak
    }
}
finally {
    Stop-TestSandbox $sandbox
}
$usualPeak = Get-Median $usual
Write-BenchLine ("usual peak working set: {0}" -f (Format-Spread ($usual | ForEach-Object { $_ / 1MB }) -Format N0 -Unit ' MB'))

$server = [MisbehavingServer]::new()
try {
    foreach ($kind in @(
            @{ Mode = 'claim'; Title = 'A 200 that claims 1.9 GB (Content-Length: 1900000000) and sends ten bytes' }
            @{ Mode = 'endless'; Title = 'A 200 with a chunked body that never ends' })) {
        Write-BenchSection $kind.Title
        $server.Mode = $kind.Mode
        $runs = foreach ($i in 1..$Repetitions) {
            $server.ResetCount()
            $r = Invoke-Child $kind.Mode $server.BaseUri 'bench-key'
            $searches = $server.Searches
            Write-BenchLine ("run {0}: {1} after {2:N2} s and {3} request(s); peak working set {4:N0} MB" -f $i, $r.ErrorId, $r.Seconds, $searches, ($r.Peak / 1MB))
            $r | Add-Member -NotePropertyName Searches -NotePropertyValue $searches -PassThru
        }
        Write-BenchLine "message: $($runs[0].Message)"
        $cap = [long]$runs[0].CapMB * 1MB
        $highest = ($runs.Peak | Measure-Object -Maximum).Maximum
        $limit = $usualPeak + $cap
        Write-BenchLine "time to the error: $(Format-Spread $runs.Seconds -Format N2 -Unit ' s')"
        Write-BenchResult -Name "$($kind.Mode): error" -Pass (@($runs | Where-Object { $_.ErrorId -ne 'GrinfiResponseTooLarge' -or $_.Searches -ne 1 }).Count -eq 0) `
            -Measured ("{0} after {1} request(s), median {2:N2} s" -f $runs[0].ErrorId, (($runs.Searches | Measure-Object -Maximum).Maximum), (Get-Median $runs.Seconds)) `
            -Target 'GrinfiResponseTooLarge after exactly 1 request'
        Write-BenchResult -Name "$($kind.Mode): peak working set" -Pass ($highest -le $limit) `
            -Measured ("highest {0:N0} MB of {1} runs" -f ($highest / 1MB), $Repetitions) `
            -Target ("at most usual {0:N0} MB + cap {1:N0} MB = {2:N0} MB" -f ($usualPeak / 1MB), ($cap / 1MB), ($limit / 1MB))
    }
}
finally {
    $server.Dispose()
}

exit (Complete-Bench)
