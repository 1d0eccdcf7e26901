#Requires -Version 7.4
<#
.SYNOPSIS
    Read-budget benchmark: how much of the key's budget reading 20,000 contacts costs.
.DESCRIPTION
    The API allows 300 requests a minute per key; each search is one of them. Reading 20,000
    contacts in pages of 100 takes 200-odd searches (43 s of the key's budget); in pages of
    1,000 (the API's largest) 20 (4 s).

    One sandbox (no server limit, no latency) holding -Contacts contacts: the seeded ones
    (their created_at values include "bulk import" groups that share one), plus a tie of
    -TieSize contacts on one created_at, wider than the largest page, plus five contacts
    without created_at. Then, with default settings (Connect-Grinfi without
    -RequestsPerMinute, Get-GrinfiLead without -PageSize), every contact is read once:
        Get-GrinfiLead | ForEach-Object { count its uuid }
    Targets:
    - at most -MaxSearches (24) search requests in the sandbox's log for the read;
    - every contact once: as many distinct uuids as the sandbox holds, none twice, the five
      without created_at among them.
    The sandbox's control endpoint is asked for the five contacts without created_at with
    { count: 5, withoutCreatedAt: true }; a raw count of created_at is_null checks it made
    them. A sandbox that cannot make them (it then makes ordinary contacts) is reported, and
    the "every contact once" target fails: it was not measured.
    Exits 1 when a target is missed.
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File bench/ReadBudget.bench.ps1 -ModulePath out/GrinfiPS -SandboxPath out/sandbox/GrinfiPS.Sandbox.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [int] $Contacts = 20000,
    [int] $TieSize = 1500,
    [int] $WithoutCreatedAt = 5,
    [int] $MaxSearches = 24,
    # The API's limit per key, to say what the searches cost of it.
    [int] $KeyLimit = 300
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
Initialize-Bench -ModulePath $ModulePath -SandboxPath $SandboxPath

$search = '/leads/api/leads/search'
$temp = Join-Path ([IO.Path]::GetTempPath()) "grinfips-bench-readbudget-$PID"
$saved = @{ Rpm = $env:GRINFI_REQUESTS_PER_MINUTE; Dir = $env:GRINFI_LIMITER_DIR }

Write-BenchSection ("Read {0:N0} contacts (a tie of {1:N0} on one created_at, {2} without created_at), default settings" -f $Contacts, $TieSize, $WithoutCreatedAt)
$sandbox = Start-TestSandbox -Contacts ($Contacts - $TieSize - $WithoutCreatedAt)
try {
    $env:GRINFI_REQUESTS_PER_MINUTE = $null
    $env:GRINFI_LIMITER_DIR = Join-Path $temp 'limiter'
    $tieAt = '2025-06-01T09:00:00.000000Z'
    Invoke-SandboxControl $sandbox contacts -Method POST -Body @{ count = $TieSize; createdAt = $tieAt } | Out-Null
    Invoke-SandboxControl $sandbox contacts -Method POST -Body @{ count = $WithoutCreatedAt; withoutCreatedAt = $true } | Out-Null
    $total = (Invoke-SandboxControl $sandbox state).contacts
    $nullCreated = (Invoke-SandboxApi $sandbox '/leads/api/leads/count' -Method POST -Body @{ all = $true; filter = @{ created_at = 'is_null' } }).total
    $tied = (Invoke-SandboxApi $sandbox '/leads/api/leads/count' -Method POST -Body @{ all = $true; filter = @{ created_at = $tieAt } }).total
    Write-BenchLine ("the sandbox holds {0:N0} contacts: {1:N0} share created_at {2}, {3} have none (asked for {4})" -f $total, $tied, $tieAt, $nullCreated, $WithoutCreatedAt)
    if ($nullCreated -ne $WithoutCreatedAt) {
        Write-BenchLine "this sandbox cannot make contacts without created_at: the five were made as ordinary contacts, and reading them was not measured."
    }

    Connect-Grinfi -ApiKey $sandbox.Key -BaseUri $sandbox.BaseUri -InformationAction Ignore
    Clear-SandboxRequest $sandbox
    $seen = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    $read = 0
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Get-GrinfiLead | ForEach-Object { $read++; [void]$seen.Add($_.Uuid) }
    $seconds = $watch.Elapsed.TotalSeconds
    $searches = @(Get-SandboxRequest $sandbox -Path $search)
    $limits = @($searches | ForEach-Object { if ($_.body -match '"limit"\s*:\s*(\d+)') { [int]$Matches[1] } } | Sort-Object -Unique)
    $duplicates = $read - $seen.Count
    $missing = $total - $seen.Count

    Write-BenchLine ("read {0:N0} contacts ({1:N0} distinct) in {2:N1} s with {3} searches (page sizes asked: {4})" -f
        $read, $seen.Count, $seconds, $searches.Count, ($limits -join ', '))
    Write-BenchLine ("{0} searches are {1:N1} s of the key's budget of {2} a minute" -f $searches.Count, ($searches.Count * 60.0 / $KeyLimit), $KeyLimit)
    Write-BenchLine ("{0:N0} read twice or more, {1:N0} never read" -f $duplicates, $missing)
    Write-BenchResult -Name "Read $($Contacts.ToString('N0')): searches" -Pass ($searches.Count -le $MaxSearches) `
        -Measured ("{0} ({1:N1} s of the key's budget)" -f $searches.Count, ($searches.Count * 60.0 / $KeyLimit)) -Target "at most $MaxSearches"
    Write-BenchResult -Name "Read $($Contacts.ToString('N0')): every contact once" `
        -Pass ($duplicates -eq 0 -and $missing -eq 0 -and $total -eq $Contacts -and $nullCreated -eq $WithoutCreatedAt) `
        -Measured ("{0:N0} of {1:N0} read, {2:N0} twice; {3} of {4} without created_at in the sandbox" -f $seen.Count, $total, $duplicates, $nullCreated, $WithoutCreatedAt) `
        -Target "all $($Contacts.ToString('N0')) once, $WithoutCreatedAt of them without created_at"
}
finally {
    Disconnect-Grinfi -ErrorAction Ignore
    Stop-TestSandbox $sandbox
    $env:GRINFI_REQUESTS_PER_MINUTE = $saved.Rpm
    $env:GRINFI_LIMITER_DIR = $saved.Dir
    Remove-Item $temp -Recurse -Force -ErrorAction Ignore
}

exit (Complete-Bench)
