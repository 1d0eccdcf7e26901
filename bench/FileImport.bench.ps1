#Requires -Version 7.4
<#
.SYNOPSIS
    File import benchmark: a 10,000-row CSV with Import-GrinfiLead against Import-Csv | Set-GrinfiLead.
.DESCRIPTION
    Issue: "10,000-row CSV: requests sent and wall time with Import-GrinfiLead against
    Import-Csv | Set-GrinfiLead at the documented 300/min (the latter estimated from a scaled
    run)."

    Both run against a sandbox limited to the documented 300 requests per minute, with the
    module's own limiter at 300 too.
      file:  Import-GrinfiLead -Path rows.csv -List ... -Wait   (measured in full)
      rows:  Import-Csv rows.csv | Set-GrinfiLead -List ...      (a scaled run of -ScaledRows
             rows, measured; the 10,000-row figure is estimated from its requests per row)
    At a limit L per minute, N requests take max(0, N - L) / L minutes once the first minute's
    burst of L is spent, so the estimate is that plus the scaled run's own overhead.
    Exits 1 when Import-GrinfiLead sends more than a handful of requests or loses rows.
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File bench/FileImport.bench.ps1 -ModulePath out/GrinfiPS -SandboxPath out/sandbox/GrinfiPS.Sandbox.dll
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [int] $Rows = 10000,
    [int] $ScaledRows = 250,
    [int] $Limit = 300
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
Initialize-Bench -ModulePath $ModulePath -SandboxPath $SandboxPath

$work = Join-Path ([IO.Path]::GetTempPath()) "grinfips-bench-file-$PID"
New-Item $work -ItemType Directory -Force | Out-Null
function New-Rows([int] $Count, [string] $Prefix) {
    # Unique handles and companies, so every row is a new contact.
    1..$Count | ForEach-Object {
        [pscustomobject]@{
            FirstName   = 'Attendee'
            LastName    = "$Prefix$_"
            Company     = "Company $Prefix$_"
            Title       = 'Head of Sales'
            LinkedInUrl = "https://www.linkedin.com/in/attendee-$Prefix-$_"
        }
    }
}

$sandbox = Start-TestSandbox -Contacts 100 -RequestsPerMinute $Limit
try {
    Connect-TestSandbox $sandbox -Parameters @{ RequestsPerMinute = $Limit }

    Write-BenchSection "Import-GrinfiLead: $($Rows.ToString('N0')) rows at $Limit requests/minute"
    $file = Join-Path $work 'rows.csv'
    New-Rows $Rows 'f' | Export-Csv $file
    $list = New-GrinfiList "File import $PID"
    $since = (Get-BenchRequestLog $sandbox | Measure-Object seq -Maximum).Maximum
    $watch = [Diagnostics.Stopwatch]::StartNew()
    $import = Import-GrinfiLead -Path $file -List $list -Wait -InformationAction Ignore
    $watch.Stop()
    $fileSeconds = $watch.Elapsed.TotalSeconds
    $log = @(Get-BenchRequestLog $sandbox -Since ($since + 1))
    $writes = @($log | Where-Object path -like '/leads/api/file-imports/*').Count
    $landed = (Measure-GrinfiLead -List $list).Count
    Write-BenchLine "requests: $($log.Count) ($writes upload + import, $($log.Count - $writes) count polls for -Wait); wall time $($watch.Elapsed.TotalSeconds.ToString('N1')) s; contacts in the list: $landed"
    Write-BenchResult -Name 'Import-GrinfiLead requests for 10,000 rows' -Pass ($writes -eq 2) -Measured "$writes requests to send the file" -Target '2 (upload, import)'
    Write-BenchResult -Name 'Import-GrinfiLead rows landed' -Pass ($landed -eq $Rows) -Measured "$landed of $Rows" -Target 'all'

    Write-BenchSection "Import-Csv | Set-GrinfiLead: a scaled run of $ScaledRows rows at $Limit requests/minute"
    $scaled = Join-Path $work 'scaled.csv'
    New-Rows $ScaledRows 's' | Export-Csv $scaled
    $since = (Get-BenchRequestLog $sandbox | Measure-Object seq -Maximum).Maximum
    $watch = [Diagnostics.Stopwatch]::StartNew()
    Import-Csv $scaled | Set-GrinfiLead -List $list -InformationAction Ignore
    $watch.Stop()
    $log = @(Get-BenchRequestLog $sandbox -Since ($since + 1))
    $throttled = @($log | Where-Object status -eq 429).Count
    $perRow = $log.Count / $ScaledRows
    $requests = [math]::Ceiling($perRow * $Rows)
    $minutes = [math]::Max(0, $requests - $Limit) / $Limit
    Write-BenchLine "scaled run: $($log.Count) requests for $ScaledRows rows ($($perRow.ToString('N3')) per row), $($watch.Elapsed.TotalSeconds.ToString('N1')) s, 429s: $throttled"
    Write-BenchLine "estimate for $($Rows.ToString('N0')) rows: $($requests.ToString('N0')) requests, about $($minutes.ToString('N1')) minutes at $Limit/minute"
    Write-BenchResult -Name 'Set-GrinfiLead requests for 10,000 rows (estimated)' -Pass ($perRow -le 1.05) -Measured "$($requests.ToString('N0')) requests, ~$($minutes.ToString('N0')) min" -Target 'about one request per row'

    Write-BenchSection "$($Rows.ToString('N0')) rows, side by side"
    Write-BenchLine "Import-GrinfiLead:              $writes requests (+ polls while waiting), $($fileSeconds.ToString('N1')) s, measured"
    Write-BenchLine "Import-Csv | Set-GrinfiLead:    $($requests.ToString('N0')) requests, about $($minutes.ToString('N1')) minutes, estimated"
}
finally {
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction Ignore
}
exit (Complete-Bench)
