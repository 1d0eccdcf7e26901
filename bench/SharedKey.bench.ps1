#Requires -Version 7.4
<#
.SYNOPSIS
    Shared-key benchmark: two processes on one API key keep to its budget together.
.DESCRIPTION
    The API allows a number of requests per minute per key, whoever sends them. Two scheduled
    jobs on one key must share it, not each take all of it. Each part starts a sandbox with
    --requests-per-minute L (L = 120 by default) and two fresh PowerShell processes, started
    -StartGap seconds apart, each running
        Connect-Grinfi -RequestsPerMinute L
        Import-Csv <its own -Rows new contacts> | Set-GrinfiLead -List 'Prospects'
    (-RequestsPerMinute because the sandbox's limit is not the API's 300; -ThrottleLimit left
    at its default, a ceiling: the window of writes in flight adapts to latency and limit.)
    with $env:GRINFI_LIMITER_DIR pointing both at a fresh folder (the folder the limiter shares
    its window through; without it, the per-user default).

    Targets, read from the sandbox's request log (every request of the key, as received):
    A. Both run to the end: 0 answers 429 at the server; the sustained rate at least 95% of
       the limit, measured as bench/Import.bench.ps1 part A does (request i+L can start only
       when request i leaves the window, so the achieved share is 60 s / (t[i+L] - t[i]),
       median over i) over a run of at least three windows; every row once (no row errors,
       contacts = seed + 2 x rows).
    B. The first process is killed (SIGKILL on Unix, TerminateProcess on Windows: no exit
       handler runs) -KillAfter seconds after it started, while both run: 0 answers 429, and
       the survivor back to 95% within 65 s: recovery = the latest t[i+L] (after the kill)
       of any pair below 95%, minus the time of the kill (0 when none is below). The
       survivor's rows all arrive.
    Exits 1 when a target is missed.
.PARAMETER Part
    Which parts to run: A, B (both by default).
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File bench/SharedKey.bench.ps1 -ModulePath out/GrinfiPS -SandboxPath out/sandbox/GrinfiPS.Sandbox.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [string] $SandboxPath,
    [string[]] $Part = @('A', 'B'),
    [int] $Limit = 120,
    [int] $Rows = 400,
    [int] $StartGap = 10,
    [int] $KillAfter = 110,
    # Internal: run one import in this (fresh) process and print its outcome as JSON.
    [switch] $Child,
    [string] $BaseUri,
    [string] $ApiKey,
    [string] $Csv
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

if ($Child) {
    Import-Module $ModulePath
    Connect-Grinfi -ApiKey (ConvertTo-SecureString $ApiKey -AsPlainText -Force) -BaseUri $BaseUri -RequestsPerMinute $Limit -InformationAction Ignore
    $importErrors = @()
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Import-Csv $Csv | Set-GrinfiLead -List 'Prospects' -ErrorVariable importErrors -ErrorAction SilentlyContinue -InformationAction Ignore | Out-Null
    [pscustomobject]@{
        Seconds    = $watch.Elapsed.TotalSeconds
        Errors     = $importErrors.Count
        FirstError = if ($importErrors.Count) { "$($importErrors[0])" } else { $null }
    } | ConvertTo-Json -Compress
    exit 0
}

Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
Initialize-Bench -ModulePath $ModulePath -SandboxPath $SandboxPath
$Part = @($Part -split ',' | ForEach-Object { $_.Trim().ToUpperInvariant() })
if ($Part | Where-Object { $_ -notin 'A', 'B' }) { throw "-Part takes A and B, not '$($Part -join ',')'." }

$SeedContacts = 200
$temp = Join-Path ([IO.Path]::GetTempPath()) "grinfips-bench-sharedkey-$PID"
New-Item $temp -ItemType Directory -Force | Out-Null
$savedLimiterDir = $env:GRINFI_LIMITER_DIR

function New-ImporterRows([string] $Prefix) {
    # One call for both processes' rows: rows of two calls may share a name and company, which
    # the API takes for one contact (an update, not a create).
    $all = @(New-BenchRow -Count (2 * $Rows) -Prefix $Prefix)
    [pscustomobject]@{ First = $all[0..($Rows - 1)]; Second = $all[$Rows..(2 * $Rows - 1)] }
}

function Get-UpsertedHandle([object[]] $Log) {
    # The LinkedIn handles of the rows the sandbox upserted (created or updated).
    $Log | Where-Object { $_.path -eq '/leads/api/leads/upsert' -and $_.status -in 200, 201 } |
        ForEach-Object { Get-LinkedInHandle ($_.body | ConvertFrom-Json).lead.linkedin_id }
}

function Start-Importer([object] $Sandbox, [string] $Name, [object[]] $ImportRows) {
    $csv = Join-Path $temp "$Name.csv"
    $ImportRows | Export-Csv $csv -NoTypeInformation -Encoding utf8
    $process = Start-BenchPwshProcess -File $PSCommandPath -ArgumentList @('-Child', '-ModulePath', (Resolve-Path $ModulePath).Path,
        '-BaseUri', $Sandbox.BaseUri.AbsoluteUri, '-ApiKey', $Sandbox.ApiKey, '-Csv', $csv, '-Limit', $Limit)
    [pscustomobject]@{ Name = $Name; Process = $process; Started = [DateTimeOffset]::UtcNow; Output = $process.StandardOutput.ReadToEndAsync() }
}

function Wait-Importer($Importer) {
    # Bounded: the rows at the limit, plus a generous margin for a loaded machine.
    $bound = [TimeSpan]::FromMinutes(5 + 4 * $Rows / $Limit)
    if (-not $Importer.Process.WaitForExit([int]$bound.TotalMilliseconds)) {
        $Importer.Process.Kill()
        throw "$($Importer.Name) did not finish within $($bound.TotalMinutes) minutes."
    }
    $line = ($Importer.Output.Result -split "`n" | Where-Object { $_.Trim() } | Select-Object -Last 1)
    if ($Importer.Process.ExitCode -ne 0 -or -not $line) {
        throw "$($Importer.Name) failed (exit code $($Importer.Process.ExitCode)): $($Importer.Output.Result)"
    }
    $line | ConvertFrom-Json
}

function Stop-Importer($Importer) {
    if ($Importer -and -not $Importer.Process.HasExited) { $Importer.Process.Kill(); $Importer.Process.WaitForExit(5000) | Out-Null }
}

function Write-Pacing($Pacing) {
    Write-BenchLine ("requests: {0:N0} let through, {1} answered 429; busiest 60-s window held {2} (limit {3}); run of {4:N1} minutes" -f
        $Pacing.Requests, $Pacing.Refused, $Pacing.Busiest, $Limit, $Pacing.Minutes)
    Write-BenchLine ("sustained, achieved/limit = 60 s / (t[i+{0}] - t[i]) over {1:N0} pairs: {2}" -f
        $Limit, $Pacing.Pairs.Count, (Format-Spread @($Pacing.Pairs | ForEach-Object { $_.Achieved * 100 }) -Unit '%'))
}

try {
    # -------------------------------------------------------------------------------------
    if ('A' -in $Part) {
        Write-BenchSection ("A. Two processes on one key, {0} s apart, {1:N0} rows each, sandbox limit {2}/min, each -RequestsPerMinute {2}" -f $StartGap, $Rows, $Limit)
        $env:GRINFI_LIMITER_DIR = Join-Path $temp 'limiter-A'
        $sandbox = Start-TestSandbox -Contacts $SeedContacts -RequestsPerMinute $Limit
        $first = $second = $null
        try {
            $rowsOf = New-ImporterRows 'a'
            $first = Start-Importer $sandbox 'a1' $rowsOf.First
            Start-Sleep -Seconds $StartGap
            $second = Start-Importer $sandbox 'a2' $rowsOf.Second
            $outcomes = @((Wait-Importer $first), (Wait-Importer $second))
            $pacing = Measure-BenchPacing -Log @(Get-SandboxRequest $sandbox) -Limit $Limit
            $state = Invoke-SandboxControl $sandbox state
            $errors = ($outcomes | Measure-Object Errors -Sum).Sum
            for ($k = 0; $k -lt 2; $k++) {
                Write-BenchLine ("process {0}: {1:N0} rows in {2:N1} s, {3} row errors{4}" -f ($k + 1), $Rows, $outcomes[$k].Seconds, $outcomes[$k].Errors,
                    $(if ($outcomes[$k].FirstError) { "; first: $($outcomes[$k].FirstError)" } else { '' }))
            }
            Write-Pacing $pacing
            Write-BenchLine ("{0:N0} contacts now (expected {1:N0})" -f $state.contacts, ($SeedContacts + 2 * $Rows))
            $rowsOk = $errors -eq 0 -and $state.contacts -eq $SeedContacts + 2 * $Rows
            Write-BenchResult -Name 'A. Two processes: 429 answers at the server' -Pass ($pacing.Refused -eq 0) -Measured "$($pacing.Refused)" -Target '0'
            Write-BenchResult -Name 'A. Two processes: sustained rate' -Pass ($pacing.Median -ge 0.95 -and $pacing.Minutes -ge 3 -and $rowsOk) `
                -Measured ("{0:P1} of {1}/min (median; min {2:P1}) over {3:N1} minutes; {4} row errors, {5:N0} of {6:N0} contacts" -f
                    $pacing.Median, $Limit, $pacing.Minimum, $pacing.Minutes, $errors, $state.contacts, ($SeedContacts + 2 * $Rows)) `
                -Target 'at least 95% of the limit over at least 3 windows, every row once'
        }
        finally {
            Stop-Importer $first
            Stop-Importer $second
            Stop-TestSandbox $sandbox
        }
    }

    # -------------------------------------------------------------------------------------
    if ('B' -in $Part) {
        Write-BenchSection ("B. As A, and the first process killed {0} s after it started: the survivor back to 95% within 65 s" -f $KillAfter)
        $env:GRINFI_LIMITER_DIR = Join-Path $temp 'limiter-B'
        $sandbox = Start-TestSandbox -Contacts $SeedContacts -RequestsPerMinute $Limit
        $first = $second = $null
        try {
            $rowsOf = New-ImporterRows 'b'
            $first = Start-Importer $sandbox 'b1' $rowsOf.First
            Start-Sleep -Seconds $StartGap
            $second = Start-Importer $sandbox 'b2' $rowsOf.Second
            $sleep = $first.Started.AddSeconds($KillAfter) - [DateTimeOffset]::UtcNow
            if ($sleep -gt [TimeSpan]::Zero) { Start-Sleep -Milliseconds ([int]$sleep.TotalMilliseconds) }
            if ($first.Process.HasExited) { throw "The first process ended before the kill; raise -Rows or lower -KillAfter." }
            $first.Process.Kill()   # SIGKILL
            $killedAt = [DateTimeOffset]::UtcNow
            $first.Process.WaitForExit(5000) | Out-Null
            $outcome = Wait-Importer $second
            $pacing = Measure-BenchPacing -Log @(Get-SandboxRequest $sandbox) -Limit $Limit
            $upserted = [Collections.Generic.HashSet[string]]::new([string[]]@(Get-UpsertedHandle @(Get-SandboxRequest $sandbox)))
            $survivorRows = @($rowsOf.Second | Where-Object { $upserted.Contains((Get-LinkedInHandle $_.LinkedInUrl)) }).Count
            $killedRows = @($rowsOf.First | Where-Object { $upserted.Contains((Get-LinkedInHandle $_.LinkedInUrl)) }).Count

            $after = @($pacing.Pairs | Where-Object { $_.End -gt $killedAt })
            $below = @($after | Where-Object Achieved -LT 0.95)
            $recovery = if ($below.Count) { (($below | ForEach-Object { ($_.End - $killedAt).TotalSeconds }) | Measure-Object -Maximum).Maximum } else { 0 }
            $settled = @($after | Where-Object { ($_.End - $killedAt).TotalSeconds -gt [Math]::Max($recovery, 0) })
            Write-BenchLine ("killed the first process after {0:N1} s, when it had upserted {1:N0} rows; the survivor: {2:N0} rows in {3:N1} s, {4} row errors" -f
                ($killedAt - $first.Started).TotalSeconds, $killedRows, $Rows, $outcome.Seconds, $outcome.Errors)
            Write-Pacing $pacing
            Write-BenchLine ("after the kill: {0:N0} pairs end later, {1} of them below 95%; after recovery: {2}" -f $after.Count, $below.Count,
                $(if ($settled.Count) { Format-Spread @($settled | ForEach-Object { $_.Achieved * 100 }) -Unit '%' } else { 'no pairs' }))
            Write-BenchResult -Name 'B. Kill -9 of one: 429 answers at the server' -Pass ($pacing.Refused -eq 0) -Measured "$($pacing.Refused)" -Target '0'
            Write-BenchResult -Name 'B. Kill -9 of one: survivor back to 95%' -Pass ($recovery -le 65 -and $after.Count -gt 0 -and $outcome.Errors -eq 0 -and $survivorRows -eq $Rows) `
                -Measured ("within {0:N1} s ({1} of {2} pairs after the kill below 95%); survivor {3:N0} of {4:N0} rows, {5} errors" -f
                    $recovery, $below.Count, $after.Count, $survivorRows, $Rows, $outcome.Errors) `
                -Target 'within 65 s, every row of the survivor'
        }
        finally {
            Stop-Importer $first
            Stop-Importer $second
            Stop-TestSandbox $sandbox
        }
    }
}
finally {
    $env:GRINFI_LIMITER_DIR = $savedLimiterDir
    Remove-Item $temp -Recurse -Force -ErrorAction Ignore
}

exit (Complete-Bench)
