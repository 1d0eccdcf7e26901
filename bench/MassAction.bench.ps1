#Requires -Version 7.4
<#
.SYNOPSIS
    Mass-action benchmark: tagging 10,000 piped contacts.
.DESCRIPTION
    Target: 10,000 piped contacts tagged with at most 20 mass-action requests, against one
    request per contact in a loop; wall time of both in the same run.

    One sandbox with 10,000 contacts (zero latency, no server limit). Both ways read the
    contacts with Get-GrinfiLead and tag them as they stream by:
      module:  Get-GrinfiLead | Invoke-GrinfiMassAction -Action AddTag -Tag 'Partner'
      loop:    Get-GrinfiLead | ForEach-Object { Invoke-RestMethod -Method Put .../mass-action
               with { type = 'contact_add_tags'; filter = @{ ids = @($_.Uuid) }; ... } }
    The sandbox's request log counts the mass-action requests of each; the count endpoint
    checks that every contact carries the tag afterwards. The client's rate limiter is
    lifted (Connect-Grinfi -RequestsPerMinute 100000) so this measures requests, not pacing.
    Exits 1 when a target is missed.
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File bench/MassAction.bench.ps1 -ModulePath out/GrinfiPS -SandboxPath out/sandbox/GrinfiPS.Sandbox.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [int] $Contacts = 10000,
    [int] $MaxRequests = 20
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
Initialize-Bench -ModulePath $ModulePath -SandboxPath $SandboxPath

Write-BenchSection "Tag $($Contacts.ToString('N0')) piped contacts (client limit lifted: -RequestsPerMinute 100000, so requests are measured, not pacing)"
$sandbox = Start-TestSandbox -Contacts $Contacts
try {
    Connect-TestSandbox $sandbox   # -RequestsPerMinute 100000
    $base = $sandbox.BaseUri.AbsoluteUri.TrimEnd('/')
    $headers = @{ Authorization = "Bearer $($sandbox.ApiKey)" }
    $tags = @{}
    Get-GrinfiTag | ForEach-Object { $tags[$_.Name] = $_.Uuid }

    function Get-TaggedCount([string] $TagUuid) {
        (Invoke-SandboxApi $sandbox '/leads/api/leads/count' -Method POST -Body @{ filter = @{ tags = $TagUuid } }).total
    }

    # The naive script: one request per contact, as it streams by.
    $loop = {
        param([string] $TagUuid, [int] $First)
        Get-GrinfiLead -First $First | ForEach-Object {
            $body = @{ type = 'contact_add_tags'; filter = @{ ids = @($_.Uuid) }; payload = @{ tag_uuid = $TagUuid } } | ConvertTo-Json -Compress
            Invoke-RestMethod -Method Put -Uri "$base/leads/api/leads/mass-action" -Headers $headers -ContentType 'application/json' -Body $body
        } | Out-Null
    }

    # Warm-up of both ways on a few contacts, with a tag the measured runs do not use.
    Get-GrinfiLead -First 600 | Invoke-GrinfiMassAction -Action AddTag -Tag 'Do not contact' -Confirm:$false -InformationAction Ignore | Out-Null
    & $loop $tags['Do not contact'] 100

    $runs = foreach ($way in 'module', 'loop') {
        $tag = if ($way -eq 'module') { 'Partner' } else { 'Follow-up' }
        $already = Get-TaggedCount $tags[$tag]
        Clear-SandboxRequest $sandbox
        $watch = [Diagnostics.Stopwatch]::StartNew()
        if ($way -eq 'module') {
            Get-GrinfiLead | Invoke-GrinfiMassAction -Action AddTag -Tag $tag -Confirm:$false -InformationAction Ignore | Out-Null
        }
        else {
            & $loop $tags[$tag] $Contacts
        }
        $seconds = $watch.Elapsed.TotalSeconds
        $log = @(Get-SandboxRequest $sandbox)
        $mass = @($log | Where-Object { $_.path -eq '/leads/api/leads/mass-action' })
        $failed = @($mass | Where-Object { $_.status -ne 200 }).Count
        $tagged = Get-TaggedCount $tags[$tag]
        $name = if ($way -eq 'module') { 'Invoke-GrinfiMassAction' } else { 'Invoke-RestMethod per contact' }
        Write-BenchLine ("{0}: {1:N2} s, {2:N0} mass-action requests ({3} not 200), {4:N0} other requests; {5:N0} contacts carry '{6}' (were {7:N0} before)" -f
            $name, $seconds, $mass.Count, $failed, ($log.Count - $mass.Count), $tagged, $tag, $already)
        if ($tagged -ne $Contacts) {
            throw "$name left $($Contacts - $tagged) contacts without the tag '$tag'."
        }
        [pscustomobject]@{ Way = $way; Seconds = $seconds; Requests = $mass.Count }
    }
    $module = $runs | Where-Object Way -EQ 'module'
    $loopRun = $runs | Where-Object Way -EQ 'loop'
    Write-BenchLine ("wall time: Invoke-GrinfiMassAction {0:N2} s vs loop {1:N2} s ({2:N1}x faster); requests {3:N0} vs {4:N0}" -f
        $module.Seconds, $loopRun.Seconds, ($loopRun.Seconds / $module.Seconds), $module.Requests, $loopRun.Requests)
    Write-BenchResult -Name "Tag $($Contacts.ToString('N0')) piped contacts: mass-action requests" -Pass ($module.Requests -le $MaxRequests) `
        -Measured ("{0} requests in {1:N2} s (loop: {2:N0} requests in {3:N2} s)" -f $module.Requests, $module.Seconds, $loopRun.Requests, $loopRun.Seconds) `
        -Target "at most $MaxRequests"
}
finally {
    Disconnect-Grinfi -ErrorAction Ignore
    Stop-TestSandbox $sandbox
}

exit (Complete-Bench)
