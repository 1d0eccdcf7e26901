#Requires -Version 7.4
<#
.SYNOPSIS
    Read benchmark: Get-GrinfiLead streaming speed and memory.
.DESCRIPTION
    Targets:
    1. Contacts per second reading 20,000 from the sandbox at zero latency, against an
       Invoke-RestMethod + offset paging loop with the same page size in the same run:
       at least 1.5x. Both pipe every contact into Measure-Object. One sandbox; a warm-up
       run of each; then -Repetitions runs of each, alternating; medians compared.
       The client's rate limiter is lifted (Connect-Grinfi -RequestsPerMinute 100000): the
       sandbox has no limit, and this measures reading, not pacing.
    2. Peak working set streaming 100,000 vs 10,000 contacts into Measure-Object: at most
       1.25x. Each run is a fresh PowerShell process (this script with -PeakChild) that
       imports the module, connects, streams every contact of a sandbox seeded with that
       many, and reports its own PeakWorkingSet64. Medians of -PeakRepetitions runs.
    Exits 1 when a target is missed.
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File bench/Read.bench.ps1 -ModulePath out/GrinfiPS -SandboxPath out/sandbox/GrinfiPS.Sandbox.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $SandboxPath,
    [int] $Contacts = 20000,
    [int] $PageSize = 100,
    [int] $Repetitions = 5,
    [int] $PeakSmall = 10000,
    [int] $PeakLarge = 100000,
    [int] $PeakRepetitions = 3,
    # Internal: run one memory measurement in this (fresh) process and print it as JSON.
    [switch] $PeakChild,
    [string] $BaseUri,
    [string] $ApiKey
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if ($PeakChild) {
    # A fresh process: what it peaks at is what streaming N contacts costs on top of pwsh.
    Import-Module $ModulePath
    Connect-Grinfi -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) -BaseUri $BaseUri -RequestsPerMinute 100000 -InformationAction Ignore
    $process = [Diagnostics.Process]::GetCurrentProcess()
    $before = $process.PeakWorkingSet64
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $count = (Get-GrinfiLead -PageSize $PageSize | Measure-Object).Count
    $seconds = $watch.Elapsed.TotalSeconds
    $process.Refresh()
    [pscustomobject]@{
        Count      = $count
        Seconds    = $seconds
        PeakBefore = $before
        Peak       = $process.PeakWorkingSet64
        GcHeap     = [GC]::GetTotalMemory($false)
    } | ConvertTo-Json -Compress
    exit 0
}

Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
Initialize-Bench -ModulePath $ModulePath -SandboxPath $SandboxPath

# ---------------------------------------------------------------------------------------
Write-BenchSection "Read $($Contacts.ToString('N0')) contacts, page size $PageSize, zero latency (client limit lifted: -RequestsPerMinute 100000)"
$sandbox = Start-TestSandbox -Contacts $Contacts
try {
    Connect-TestSandbox $sandbox   # -RequestsPerMinute 100000
    $base = $sandbox.BaseUri.AbsoluteUri.TrimEnd('/')
    $headers = @{ Authorization = "Bearer $($sandbox.ApiKey)" }

    $module = { (Get-GrinfiLead -PageSize $PageSize | Measure-Object).Count }
    # The script an administrator would write: offset paging until the total is reached,
    # each page's contacts streamed on down the pipeline.
    $restLoop = {
        (& {
            $offset = 0
            do {
                $body = @{ limit = $PageSize; offset = $offset } | ConvertTo-Json
                $page = Invoke-RestMethod -Method Post -Uri "$base/leads/api/leads/search" -Headers $headers -ContentType 'application/json' -Body $body
                $page.data
                $offset += $PageSize
            } while ($offset -lt $page.total)
        } | Measure-Object).Count
    }

    function Measure-Read([string] $Name, [scriptblock] $Read) {
        Clear-SandboxRequest $sandbox
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $count = & $Read
        $seconds = $watch.Elapsed.TotalSeconds
        $requests = @(Get-SandboxRequest $sandbox -Path '/leads/api/leads/search').Count
        if ($count -ne $Contacts) {
            throw "$Name read $count contacts, not $Contacts."
        }
        [pscustomobject]@{ Name = $Name; Seconds = $seconds; Rate = $count / $seconds; Requests = $requests }
    }

    $warm = @((Measure-Read 'Get-GrinfiLead' $module), (Measure-Read 'Invoke-RestMethod loop' $restLoop))
    Write-BenchLine ("warm-up: Get-GrinfiLead {0:N0}/s, Invoke-RestMethod loop {1:N0}/s" -f $warm[0].Rate, $warm[1].Rate)
    $runs = foreach ($i in 1..$Repetitions) {
        # Alternate which goes first, so neither always runs on a warmer (or busier) machine.
        $pair = if ($i % 2) { (Measure-Read 'Get-GrinfiLead' $module), (Measure-Read 'Invoke-RestMethod loop' $restLoop) }
        else { $r = Measure-Read 'Invoke-RestMethod loop' $restLoop; (Measure-Read 'Get-GrinfiLead' $module), $r }
        Write-BenchLine ("run {0}: Get-GrinfiLead {1:N2} s ({2:N0}/s, {3} requests); Invoke-RestMethod loop {4:N2} s ({5:N0}/s, {6} requests); ratio {7:N2}x" -f
            $i, $pair[0].Seconds, $pair[0].Rate, $pair[0].Requests, $pair[1].Seconds, $pair[1].Rate, $pair[1].Requests, ($pair[0].Rate / $pair[1].Rate))
        [pscustomobject]@{ Module = $pair[0].Rate; Rest = $pair[1].Rate; Ratio = $pair[0].Rate / $pair[1].Rate }
    }
    $moduleRate = Get-Median $runs.Module
    $restRate = Get-Median $runs.Rest
    $ratio = $moduleRate / $restRate
    Write-BenchLine "Get-GrinfiLead contacts/s: $(Format-Spread $runs.Module -Format N0)"
    Write-BenchLine "Invoke-RestMethod loop contacts/s: $(Format-Spread $runs.Rest -Format N0)"
    Write-BenchLine "per-run ratio: $(Format-Spread $runs.Ratio -Unit 'x')"
    Write-BenchResult -Name "Read $($Contacts.ToString('N0')): Get-GrinfiLead vs Invoke-RestMethod loop" -Pass ($ratio -ge 1.5) `
        -Measured ("{0:N2}x ({1:N0} vs {2:N0} contacts/s, medians of {3})" -f $ratio, $moduleRate, $restRate, $Repetitions) -Target 'at least 1.5x'
}
finally {
    Disconnect-Grinfi -ErrorAction Ignore
    Stop-TestSandbox $sandbox
}

# ---------------------------------------------------------------------------------------
Write-BenchSection "Peak working set streaming $($PeakLarge.ToString('N0')) vs $($PeakSmall.ToString('N0')) contacts into Measure-Object (fresh process per run)"
$small = Start-TestSandbox -Contacts $PeakSmall
$large = Start-TestSandbox -Contacts $PeakLarge
try {
    function Measure-Peak($Sandbox, [int] $Expected) {
        $json = Start-BenchPwsh -File $PSCommandPath -ArgumentList @('-ModulePath', (Resolve-Path $ModulePath).Path, '-PeakChild',
            '-BaseUri', $Sandbox.BaseUri.AbsoluteUri, '-ApiKey', $Sandbox.ApiKey, '-PageSize', $PageSize)
        $result = $json | Select-Object -Last 1 | ConvertFrom-Json
        if ($result.Count -ne $Expected) {
            throw "The child read $($result.Count) contacts, not $Expected."
        }
        Write-BenchLine ("{0,7:N0} contacts: peak working set {1:N0} MB (at start {2:N0} MB), {3:N1} s, GC heap at end {4:N0} MB" -f
            $Expected, ($result.Peak / 1MB), ($result.PeakBefore / 1MB), $result.Seconds, ($result.GcHeap / 1MB))
        $result
    }
    $peaks = foreach ($i in 1..$PeakRepetitions) {
        # Interleaved, so background load hits both sizes alike.
        [pscustomobject]@{ Small = (Measure-Peak $small $PeakSmall).Peak; Large = (Measure-Peak $large $PeakLarge).Peak }
    }
    $smallPeak = Get-Median $peaks.Small
    $largePeak = Get-Median $peaks.Large
    $peakRatio = $largePeak / $smallPeak
    Write-BenchLine "peak MB, $($PeakSmall.ToString('N0')): $(Format-Spread ($peaks.Small | ForEach-Object { $_ / 1MB }) -Format N0)"
    Write-BenchLine "peak MB, $($PeakLarge.ToString('N0')): $(Format-Spread ($peaks.Large | ForEach-Object { $_ / 1MB }) -Format N0)"
    Write-BenchResult -Name "Peak working set $($PeakLarge.ToString('N0')) vs $($PeakSmall.ToString('N0'))" -Pass ($peakRatio -le 1.25) `
        -Measured ("{0:N2}x ({1:N0} MB vs {2:N0} MB, medians of {3})" -f $peakRatio, ($largePeak / 1MB), ($smallPeak / 1MB), $PeakRepetitions) -Target 'at most 1.25x'
}
finally {
    Stop-TestSandbox $small
    Stop-TestSandbox $large
}

exit (Complete-Bench)
