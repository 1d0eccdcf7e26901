#Requires -Version 7.4
<#
.SYNOPSIS
    Misbehaviour benchmark: for each misbehaviour of a server and each cmdlet that reads
    pages, the ErrorId, the requests sent and the time to the error.
.DESCRIPTION
    The rows are those of tests/Misbehaviour.Cases.ps1 (the Pester matrix), run against one
    sandbox (50 contacts, no latency) -Repetitions times each. Printed as a table: the
    misbehaviour, the cmdlet and the read that misbehaves, the ErrorId, the requests to the
    misbehaving path and in all, the median and highest time from the command's start to its
    end (the error). Then, at -LatencyMs a request, the worst cases the rules allow within 60
    requests. Then, for information, the default phantom claim of 1,000,000 items, which the
    ceil(total/limit)+3 rule alone cannot stop within 60 requests.

    Targets (exit 1 when one is missed):
    1. every row ends with the ErrorId the matrix gives it;
    2. no row sends more than 60 requests;
    3. no row takes more than 30 s, in the table and at -LatencyMs.
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File bench/Misbehaviour.bench.ps1 -ModulePath out/GrinfiPS -SandboxPath out/sandbox/GrinfiPS.Sandbox.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [int] $Repetitions = 3,
    [int] $LatencyMs = 200,
    [int] $MaxRequests = 60,
    [double] $MaxSeconds = 30
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
Initialize-Bench -ModulePath $ModulePath -SandboxPath $SandboxPath
$cases = . (Join-Path $PSScriptRoot '../tests/Misbehaviour.Cases.ps1')

function Get-ErrorId {
    <# The ErrorId a run ended with (Set-GrinfiLead's bad row aside), or '(none)'. #>
    param($Result)
    $e = @($Result.Errors | Where-Object { "$($_.FullyQualifiedErrorId)" -notlike 'GrinfiInvalidLinkedInId,*' }) | Select-Object -First 1
    if ($e) { ("$($e.FullyQualifiedErrorId)" -split ',')[0] } else { '(none)' }
}

function Measure-Case {
    <# Runs a row -Times times; the ErrorIds seen, the most requests, the median and highest seconds. #>
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [hashtable] $Case, [int] $Times = 1)
    $runs = for ($i = 0; $i -lt $Times; $i++) { Invoke-MisbehaviourCase -Sandbox $Sandbox -Case $Case }
    $seconds = [double[]]@($runs | ForEach-Object Seconds)
    [pscustomobject]@{
        ErrorIds     = @($runs | ForEach-Object { Get-ErrorId $_ } | Sort-Object -Unique)
        PathRequests = [int]($runs | ForEach-Object { $_.PathRequests.Count } | Measure-Object -Maximum).Maximum
        Requests     = [int]($runs | ForEach-Object { $_.Requests.Count } | Measure-Object -Maximum).Maximum
        Median       = Get-Median $seconds
        Max          = ($seconds | Measure-Object -Maximum).Maximum
        # Items written before the error: counted by the row itself when it outputs one number.
        Output       = [int]($runs | ForEach-Object { if ($_.Output.Count -eq 1 -and $_.Output[0] -is [int]) { $_.Output[0] } else { $_.Output.Count } } | Measure-Object -Maximum).Maximum
    }
}

$sandbox = Start-TestSandbox -Contacts 50
try {
    # ---- the matrix ----
    Write-BenchSection "Each misbehaviour x cmdlet, no latency ($Repetitions runs each; requests: to the misbehaving path / in all)"
    $table = foreach ($case in $cases) {
        $m = Measure-Case -Sandbox $sandbox -Case $case -Times $Repetitions
        $expected = if ($case['ErrorId']) { $case['ErrorId'] } else { '(none)' }
        [pscustomobject]@{
            Misbehaviour = $case.Misbehaviour
            Cmdlet       = "$($case.Cmdlet) ($($case.Read))"
            ErrorId      = $m.ErrorIds -join ' / '
            Requests     = "$($m.PathRequests) / $($m.Requests)"
            Seconds      = '{0:N3} (max {1:N3})' -f $m.Median, $m.Max
            Verdict      = if (($m.ErrorIds -join '') -ne $expected) { "FAIL: expected $expected" }
                           elseif ($m.Requests -gt $MaxRequests) { 'FAIL: requests' }
                           elseif ($m.Max -gt $MaxSeconds) { 'FAIL: time' }
                           else { 'ok' }
            Measured     = $m
            Expected     = $expected
        }
    }
    $table | Sort-Object Misbehaviour, Cmdlet | Format-Table Misbehaviour, Cmdlet, ErrorId, Requests, Seconds, Verdict -AutoSize -Wrap | Out-String -Width 220 | Write-Host

    $wrongId = @($table | Where-Object { ($_.Measured.ErrorIds -join '') -ne $_.Expected })
    Write-BenchResult -Name 'every row ends with its ErrorId' -Pass ($wrongId.Count -eq 0) `
        -Measured $(if ($wrongId) { "$($wrongId.Count) did not: $(($wrongId | ForEach-Object { "$($_.Cmdlet) $($_.Misbehaviour) -> $($_.ErrorId)" }) -join '; ')" } else { "$($table.Count) of $($table.Count)" }) `
        -Target 'the ErrorId of tests/Misbehaviour.Cases.ps1'
    $most = $table | Sort-Object { $_.Measured.Requests } -Descending | Select-Object -First 1
    Write-BenchResult -Name 'requests of the worst row' -Pass ($most.Measured.Requests -le $MaxRequests) `
        -Measured "$($most.Measured.Requests) ($($most.Cmdlet), $($most.Misbehaviour))" -Target "at most $MaxRequests"
    $slowest = $table | Sort-Object { $_.Measured.Max } -Descending | Select-Object -First 1
    Write-BenchResult -Name 'time to the error of the slowest row' -Pass ($slowest.Measured.Max -le $MaxSeconds) `
        -Measured ('{0:N2} s ({1}, {2})' -f $slowest.Measured.Max, $slowest.Cmdlet, $slowest.Misbehaviour) -Target "at most $MaxSeconds s"

    # ---- the worst the rules allow within 60 requests, at a realistic latency ----
    Write-BenchSection "Worst cases within the rules, at $LatencyMs ms a request (1 run each)"
    $claim = ($MaxRequests - 3) * 1000   # ⌈claim/1,000⌉ + 3 = 60 pages of the lead search
    $worst = @(
        @{
            Cmdlet = 'Get-GrinfiLead'; Read = 'search'; Misbehaviour = "phantom-page (total $($claim.ToString('N0')))"
            Options = @{ latencyMs = $LatencyMs }
            Faults = @(@{ path = '/leads/api/leads/search'; kind = 'phantom-page'; count = 1000; total = $claim })
            # Counted as they stream: 59,100 made-up contacts are not kept.
            Run = { (Get-GrinfiLead | Measure-Object).Count }
            ErrorId = 'GrinfiPagingRunaway'; Path = '/leads/api/leads/search'
        }
        @{
            Cmdlet = 'Get-GrinfiCustomField'; Read = 'custom fields'; Misbehaviour = 'phantom-page (no total)'
            Options = @{ latencyMs = $LatencyMs }
            Faults = @(@{ path = '/leads/api/custom-fields'; kind = 'phantom-page'; count = 1000 })
            Run = { Get-GrinfiCustomField }
            ErrorId = 'GrinfiPagingRunaway'; Path = '/leads/api/custom-fields'
        }
        @{
            Cmdlet = 'Get-GrinfiLead'; Read = 'search'; Misbehaviour = 'repeat-page'
            Options = @{ latencyMs = $LatencyMs; maxPageSize = 20 }
            Faults = @(@{ path = '/leads/api/leads/search'; kind = 'repeat-page'; count = 1000 })
            Run = { Get-GrinfiLead }
            ErrorId = 'GrinfiPagingStalled'; Path = '/leads/api/leads/search'
        }
    )
    foreach ($case in $worst) {
        $m = Measure-Case -Sandbox $sandbox -Case $case
        # The bound is the misbehaving read's: the claim is chosen so that ceil(claim/1,000) + 3 is
        # exactly 60 pages of it. The command's few reads of names (lists, stages, tags, custom
        # fields, from well-behaved paths) come on top and are shown 'in all'.
        $ok = ($m.ErrorIds -join '') -eq $case.ErrorId -and $m.PathRequests -le $MaxRequests -and $m.Max -le $MaxSeconds
        Write-BenchResult -Name "$($case.Cmdlet) ($($case.Read)) under $($case.Misbehaviour) at $LatencyMs ms" -Pass $ok `
            -Measured ('{0} after {1} requests ({2} in all), {3:N2} s, {4:N0} items written first' -f ($m.ErrorIds -join '/'), $m.PathRequests, $m.Requests, $m.Max, $m.Output) `
            -Target "$($case.ErrorId) within $MaxRequests requests of the misbehaving read and $MaxSeconds s"
    }

    # ---- for information: the default claim of 1,000,000 ----
    Write-BenchSection "For information (not a target): the phantom's default claim of 1,000,000, at most $($MaxRequests + 1) invented pages, no latency"
    Write-BenchLine 'ceil(total/limit)+3 allows 1,003 pages of 1,000 for this claim: a read still going past request 60 is one that rule alone does not stop within 60.'
    $claims = [ordered]@{
        'Get-GrinfiLead (search)'              = @('/leads/api/leads/search', { Get-GrinfiLead | Measure-Object | Out-Null }, @{})
        'Get-GrinfiList (lists, minimal)'      = @('/leads/api/lists', { Get-GrinfiList -NoLeadCount | Measure-Object | Out-Null }, @{})
        'Get-GrinfiAutomation (flows)'         = @('/flows/api/flows', { Get-GrinfiAutomation | Measure-Object | Out-Null }, @{})
        'Get-GrinfiCustomField (custom fields)' = @('/leads/api/custom-fields', { Get-GrinfiCustomField }, @{})
        'Invoke-GrinfiRequest -All (flows)'    = @('/flows/api/flows', { Invoke-GrinfiRequest GET /flows/api/flows -All -PageSize 1000 | Measure-Object | Out-Null }, @{})
    }
    $info = foreach ($entry in $claims.GetEnumerator()) {
        $case = @{
            Cmdlet = $entry.Key; Read = ''; Misbehaviour = 'phantom-page (1,000,000)'; Options = $entry.Value[2]
            Faults = @(@{ path = $entry.Value[0]; kind = 'phantom-page'; count = $MaxRequests + 1 })
            Run = $entry.Value[1]; Path = $entry.Value[0]
        }
        $m = Measure-Case -Sandbox $sandbox -Case $case
        [pscustomobject]@{
            Cmdlet   = $entry.Key
            ErrorId  = $m.ErrorIds -join ' / '
            Requests = $m.PathRequests
            Seconds  = '{0:N2}' -f $m.Max
            Outcome  = if ($m.PathRequests -le $MaxRequests) { "stopped within $MaxRequests" }
                       else { "read all $($MaxRequests + 1) invented pages, then the real (empty) rest" }
        }
    }
    $info | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
}
finally {
    Stop-TestSandbox $sandbox
}

exit (Complete-Bench)
