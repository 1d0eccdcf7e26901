<#
.SYNOPSIS
    Runs the Pester tests against a staged module (build.ps1 Test starts this in its own pwsh).
#>
param(
    [Parameter(Mandatory)] [string] $PesterManifest,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    # Comma-separated: a native command line cannot carry an array.
    [string] $Path = $PSScriptRoot
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force

# The test helpers read these to import the staged module and start sandboxes.
$env:GRINFIPS_TEST_MODULE = $ModulePath
$env:GRINFIPS_TEST_SANDBOX = $SandboxPath
# Tests must never pick up a developer's real key or address.
Remove-Item Env:GRINFI_API_KEY, Env:GRINFI_BASE_URI, Env:GRINFI_REQUESTS_PER_MINUTE -ErrorAction Ignore

$config = New-PesterConfiguration
$config.Run.Path = $Path -split ','
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$run = Invoke-Pester -Configuration $config

[pscustomobject]@{
    Passed = [int]$run.PassedCount
    # A failing BeforeAll fails a whole block or file without failing a single test: count those too.
    Failed = [int]($run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount)
} | ConvertTo-Json | Set-Content $ResultPath
