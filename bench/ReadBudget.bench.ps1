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
    The read is repeated with the tie at each of -TieAt (five instants spread over the seeded
    two years): the number of searches depends by one or two on where page boundaries fall
    around the tie and at the end, so one position alone can pass or fail by luck. Each
    read prints its searches by phase (the first small page, the main keyset pages, the pages
    of the tie read by uuid, the pages of contacts without created_at) and the other
    requests of the key.
    Targets, for every tie position:
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
    # Where the tie falls decides where pages break around it; each position is one read.
    [string[]] $TieAt = @('2025-06-01T09:00:00.000000Z', '2025-02-01T09:00:00.000000Z', '2025-09-01T09:00:00.000000Z',
        '2026-01-15T09:00:00.000000Z', '2026-05-01T09:00:00.000000Z'),
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
# From bash, -TieAt a,b arrives as one string.
$TieAt = @($TieAt -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })

function Get-SearchPhase($Entry) {
    # Which part of the read a search is, from its body (the pager's phases).
    $body = $Entry.body | ConvertFrom-Json -AsHashtable
    $created = $body.filter['created_at']
    if ($created -eq 'is_null') { return 'nulls' }
    if ($created -eq 'is_not_null') { return 'first' }
    if ($created -is [hashtable] -and $created.ContainsKey('=')) { return 'tie' }
    'main'
}

$counts = [Collections.Generic.List[object]]::new()
try {
    $env:GRINFI_REQUESTS_PER_MINUTE = $null
    $env:GRINFI_LIMITER_DIR = Join-Path $temp 'limiter'
    foreach ($instant in $TieAt) {
        Write-BenchSection ("Read {0:N0} contacts (a tie of {1:N0} on created_at {2}, {3} without created_at), default settings" -f $Contacts, $TieSize, $instant, $WithoutCreatedAt)
        $sandbox = Start-TestSandbox -Contacts ($Contacts - $TieSize - $WithoutCreatedAt)
        try {
            Invoke-SandboxControl $sandbox contacts -Method POST -Body @{ count = $TieSize; createdAt = $instant } | Out-Null
            Invoke-SandboxControl $sandbox contacts -Method POST -Body @{ count = $WithoutCreatedAt; withoutCreatedAt = $true } | Out-Null
            $total = (Invoke-SandboxControl $sandbox state).contacts
            $nullCreated = (Invoke-SandboxApi $sandbox '/leads/api/leads/count' -Method POST -Body @{ all = $true; filter = @{ created_at = 'is_null' } }).total
            $tied = (Invoke-SandboxApi $sandbox '/leads/api/leads/count' -Method POST -Body @{ all = $true; filter = @{ created_at = $instant } }).total
            Write-BenchLine ("the sandbox holds {0:N0} contacts: {1:N0} share created_at {2}, {3} have none (asked for {4})" -f $total, $tied, $instant, $nullCreated, $WithoutCreatedAt)
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
            $all = @(Get-SandboxRequest $sandbox)
            $searches = @($all | Where-Object path -EQ $search)
            $limits = @($searches | ForEach-Object { if ($_.body -match '"limit"\s*:\s*(\d+)') { [int]$Matches[1] } } | Sort-Object -Unique)
            $phase = @{ first = 0; main = 0; tie = 0; nulls = 0 }
            foreach ($entry in $searches) { $phase[(Get-SearchPhase $entry)]++ }
            $byPhase = "$($phase.first) first, $($phase.main) main, $($phase.tie) tie by uuid, $($phase.nulls) without created_at"
            $others = @($all | Where-Object path -NE $search | ForEach-Object { "$($_.method) $($_.path)" })
            $duplicates = $read - $seen.Count
            $missing = $total - $seen.Count

            Write-BenchLine ("read {0:N0} contacts ({1:N0} distinct) in {2:N1} s with {3} searches (page sizes asked: {4}); by phase: {5}" -f
                $read, $seen.Count, $seconds, $searches.Count, ($limits -join ', '), $byPhase)
            Write-BenchLine ("besides the searches, {0} requests of the key: {1}" -f $others.Count, ($others -join ', '))
            Write-BenchLine ("{0} searches are {1:N1} s of the key's budget of {2} a minute" -f $searches.Count, ($searches.Count * 60.0 / $KeyLimit), $KeyLimit)
            Write-BenchLine ("{0:N0} read twice or more, {1:N0} never read" -f $duplicates, $missing)
            $counts.Add([pscustomobject]@{ TieAt = $instant; Searches = $searches.Count })
            Write-BenchResult -Name "Read $($Contacts.ToString('N0')), tie at $($instant): searches" -Pass ($searches.Count -le $MaxSearches) `
                -Measured ("{0} ({1:N1} s of the key's budget)" -f $searches.Count, ($searches.Count * 60.0 / $KeyLimit)) -Target "at most $MaxSearches"
            Write-BenchResult -Name "Read $($Contacts.ToString('N0')), tie at $($instant): every contact once" `
                -Pass ($duplicates -eq 0 -and $missing -eq 0 -and $total -eq $Contacts -and $nullCreated -eq $WithoutCreatedAt) `
                -Measured ("{0:N0} of {1:N0} read, {2:N0} twice; {3} of {4} without created_at in the sandbox" -f $seen.Count, $total, $duplicates, $nullCreated, $WithoutCreatedAt) `
                -Target "all $($Contacts.ToString('N0')) once, $WithoutCreatedAt of them without created_at"
        }
        finally {
            Disconnect-Grinfi -ErrorAction Ignore
            Stop-TestSandbox $sandbox
        }
    }
    if ($counts.Count -gt 1) {
        Write-BenchSection 'Over the tie positions'
        Write-BenchLine ("searches: {0}" -f (($counts | ForEach-Object { "$($_.Searches) (tie at $($_.TieAt))" }) -join ', '))
    }
}
finally {
    $env:GRINFI_REQUESTS_PER_MINUTE = $saved.Rpm
    $env:GRINFI_LIMITER_DIR = $saved.Dir
    Remove-Item $temp -Recurse -Force -ErrorAction Ignore
}

exit (Complete-Bench)
