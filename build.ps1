#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, demonstrates and benchmarks GrinfiPS.
.DESCRIPTION
    The single entry point. From a clean clone:
        dotnet tool restore && dotnet pwsh ./build.ps1 Demo
        dotnet tool restore && dotnet pwsh ./build.ps1 Test
    Build stages an importable module at out/GrinfiPS (Import-Module ./out/GrinfiPS works).
    Test runs xunit, then Pester in a separate pwsh that imports that staged module, reads
    the sandboxes' contract report (each unexpected violation counts as a failed test), and
    prints "Tests: N passed, M failed" as its last line.
.PARAMETER Task
    Build, Test, Demo, Bench, Package, Contract or Clean. Several run in order. Package makes
    out/package/GrinfiPS.<version>.nupkg, which Install-PSResource installs. Contract derives
    tests/GrinfiPS.Sandbox/Contract/grinfi-contract.yaml from the vendor's OpenAPI document
    (../shared/vendor/grinfi-openapi.yaml beside the repository, or -VendorDocument).
.PARAMETER Configuration
    Release (default) or Debug.
.PARAMETER TestPath
    Test only: Pester files or folders to run instead of all of tests/.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Contract', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [string[]] $TestPath,

    [string] $VendorDocument
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'GrinfiPS'
$SandboxOut = Join-Path $Out 'sandbox'
$ResultsOut = Join-Path $Out 'test-results'
$PesterVersion = '5.7.1'

function Assert-ExitCode {
    # Fails the build when the native command just run failed.
    param([Parameter(Mandatory)] [string] $What)
    if ($LASTEXITCODE -ne 0) {
        throw "$What failed with exit code $LASTEXITCODE."
    }
}

function Get-ModuleVersion {
    (Import-PowerShellDataFile (Join-Path $Root 'GrinfiPS.psd1')).ModuleVersion
}

function Invoke-Build {
    $publish = Join-Path $Out 'publish'
    Remove-Item $publish, $ModuleOut -Recurse -Force -ErrorAction Ignore
    Write-Host "Building GrinfiPS $(Get-ModuleVersion) ($Configuration)"
    & dotnet publish (Join-Path $Root 'src/GrinfiPS') -c $Configuration -o $publish --nologo -v quiet -clp:NoSummary
    Assert-ExitCode 'dotnet publish'

    # The staged module: manifest, our assembly, formats and help at the top; the netstandard
    # dependencies that only Windows PowerShell needs in dependencies/ (see ModuleLifecycle).
    $dependencies = New-Item (Join-Path $ModuleOut 'dependencies') -ItemType Directory -Force
    Copy-Item (Join-Path $Root 'GrinfiPS.psd1') $ModuleOut
    Copy-Item (Join-Path $publish 'GrinfiPS.dll'), (Join-Path $publish 'GrinfiPS.pdb') $ModuleOut
    Get-ChildItem (Join-Path $Root 'src/GrinfiPS') -Filter '*.ps1xml' | Copy-Item -Destination $ModuleOut
    Get-ChildItem $publish -Filter '*.dll' | Where-Object Name -ne 'GrinfiPS.dll' | Copy-Item -Destination $dependencies
    # Help: docs/en-US (one Markdown file per cmdlet, plus about_ topics) compiled to MAML.
    & (Join-Path $Root 'tools/Build-Help.ps1') -Source (Join-Path $Root 'docs/en-US') -ModulePath $ModuleOut

    & dotnet build (Join-Path $Root 'tests/GrinfiPS.Sandbox') -c $Configuration -o $SandboxOut --nologo -v quiet -clp:NoSummary
    Assert-ExitCode 'dotnet build'
    Write-Host "Staged $ModuleOut"
}

function Invoke-Contract {
    # The sandbox derives its own contract; building it first gives the current deriver.
    $vendor = if ($VendorDocument) { $VendorDocument } else { Join-Path $Root '../shared/vendor/grinfi-openapi.yaml' }
    if (-not (Test-Path $vendor)) {
        throw "The vendor's OpenAPI document was not found at $vendor; pass -VendorDocument."
    }
    $contract = Join-Path $Root 'tests/GrinfiPS.Sandbox/Contract/grinfi-contract.yaml'
    & dotnet build (Join-Path $Root 'tests/GrinfiPS.Sandbox') -c $Configuration -o $SandboxOut --nologo -v quiet -clp:NoSummary
    Assert-ExitCode 'dotnet build'
    & dotnet (Join-Path $SandboxOut 'GrinfiPS.Sandbox.dll') --derive-contract (Resolve-Path $vendor).Path $contract
    Assert-ExitCode 'Deriving the contract'
    # The sandbox embeds the contract: build again so the staged sandbox carries the new one.
    & dotnet build (Join-Path $Root 'tests/GrinfiPS.Sandbox') -c $Configuration -o $SandboxOut --nologo -v quiet -clp:NoSummary
    Assert-ExitCode 'dotnet build'
}

function Invoke-Package {
    # Publish-PSResource writes the package exactly as PSResourceGet expects to install it.
    # It publishes only to a registered repository, so it runs in a child pwsh whose home is
    # a throwaway folder: the developer's own repository list is never touched.
    $packageOut = Join-Path $Out 'package'
    $isolatedHome = Join-Path ([IO.Path]::GetTempPath()) "grinfips-package-$PID"
    Remove-Item $packageOut, $isolatedHome -Recurse -Force -ErrorAction Ignore
    New-Item $packageOut, $isolatedHome -ItemType Directory -Force | Out-Null
    $publish = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name GrinfiPSBuild -Uri '$packageOut' -Trusted
Publish-PSResource -Path '$ModuleOut' -Repository GrinfiPSBuild
"@
    try {
        Import-Module (Join-Path $Root 'tools/IsolatedPwsh.psm1') -Force
        $run = Invoke-IsolatedPwsh -HomePath $isolatedHome -Script $publish
        if ($run.ExitCode -ne 0) {
            throw "Publish-PSResource failed: $($run.Errors)$($run.Output)"
        }
    }
    finally {
        Remove-Item $isolatedHome -Recurse -Force -ErrorAction Ignore
    }
    $package = Get-ChildItem $packageOut -Filter '*.nupkg'
    Write-Host "Packaged $($package.FullName)"
}

function Get-PesterManifest {
    $installed = Get-Module Pester -ListAvailable | Where-Object { $_.Version -eq [version]$PesterVersion } | Select-Object -First 1
    if ($installed) {
        return $installed.Path
    }
    # The PowerShell Gallery is not reachable from every build machine; NuGet is. A throwaway
    # project with a PackageDownload puts the package in the NuGet cache.
    $globalPackages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = Join-Path $globalPackages.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        Write-Host "Fetching Pester $PesterVersion from NuGet"
        $project = Join-Path ([IO.Path]::GetTempPath()) "grinfips-pester-$PID"
        New-Item $project -ItemType Directory -Force | Out-Null
        try {
            Set-Content (Join-Path $project 'PesterDownload.csproj') @"
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$PesterVersion]" /></ItemGroup>
</Project>
"@
            & dotnet restore (Join-Path $project 'PesterDownload.csproj') --nologo -v quiet
            Assert-ExitCode 'dotnet restore'
        }
        finally {
            Remove-Item $project -Recurse -Force -ErrorAction Ignore
        }
    }
    if (-not (Test-Path $manifest)) {
        throw "Pester $PesterVersion was not found at $manifest after the NuGet download."
    }
    $manifest
}

function Invoke-XunitTests {
    $trx = Join-Path $ResultsOut 'xunit.trx'
    Remove-Item $trx -ErrorAction Ignore
    & dotnet test (Join-Path $Root 'tests/GrinfiPS.Tests') -c $Configuration --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Out-Host
    if (-not (Test-Path $trx)) {
        Write-Host 'xunit produced no results (build failure?)' -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content $trx -Raw)).TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($LASTEXITCODE -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = $failed }
}

function Invoke-PesterTests {
    $pester = Get-PesterManifest
    $result = Join-Path $ResultsOut 'pester.json'
    Remove-Item $result -ErrorAction Ignore
    # From bash, -TestPath a,b arrives as one string.
    $paths = if ($TestPath) { $TestPath -split ',' | ForEach-Object { (Resolve-Path $_).Path } } else { @(Join-Path $Root 'tests') }
    # A separate pwsh: the tests import the staged module, never this session's types.
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Invoke-PesterTests.ps1') `
        -PesterManifest $pester -ModulePath $ModuleOut -SandboxPath (Join-Path $SandboxOut 'GrinfiPS.Sandbox.dll') `
        -ResultPath $result -Path ($paths -join ',') | Out-Host
    $counts = if (Test-Path $result) { Get-Content $result -Raw | ConvertFrom-Json }
    if ($null -eq $counts -or $counts.Passed -isnot [long] -or $counts.Failed -isnot [long]) {
        # Pester itself failed (a crash, a broken run): never report that as "0 failed".
        Write-Host 'Pester produced no results' -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    $counts
}

function Read-ContractReport {
    <#
        Reads the contract report every sandbox of the run wrote into $Folder: checked-*.json
        (requests validated, one file per sandbox) and violations-*.jsonl (one line per
        violation). Prints each unexpected violation (identical ones once, with their number)
        and returns the counts. A missing or unreadable report is a failure, never "0 violations".
    #>
    param([Parameter(Mandatory)] [string] $Folder)
    $problems = 0
    $requests = 0
    $checked = @(Get-ChildItem $Folder -Filter 'checked-*.json' -ErrorAction Ignore)
    if ($checked.Count -eq 0) {
        Write-Host "Contract: no report in $Folder (did any sandbox run with GRINFIPS_CONTRACT_REPORT set?)" -ForegroundColor Red
        $problems++
    }
    foreach ($file in $checked) {
        try {
            $counts = Get-Content $file.FullName -Raw | ConvertFrom-Json
            $requests += [long]$counts.requests
        }
        catch {
            Write-Host "Contract: unreadable report $($file.Name): $_" -ForegroundColor Red
            $problems++
        }
    }
    $violations = [Collections.Generic.List[object]]::new()
    foreach ($file in @(Get-ChildItem $Folder -Filter 'violations-*.jsonl' -ErrorAction Ignore)) {
        $lineNumber = 0
        foreach ($line in [IO.File]::ReadLines($file.FullName)) {
            $lineNumber++
            if (-not $line.Trim()) { continue }
            try {
                $violations.Add(($line | ConvertFrom-Json))
            }
            catch {
                Write-Host "Contract: unreadable line $lineNumber of $($file.Name)" -ForegroundColor Red
                $problems++
            }
        }
    }
    $unexpected = @($violations | Where-Object { -not $_.expected })
    $expected = $violations.Count - $unexpected.Count
    $groups = $unexpected | Group-Object { "$($_.source)|$($_.rule)|$($_.method)|$($_.path)|$($_.query)|$($_.field)|$($_.detail)" }
    foreach ($group in $groups) {
        $v = $group.Group[0]
        $target = if ($v.query) { "$($v.path)?$($v.query)" } else { $v.path }
        $times = if ($group.Count -gt 1) { " (x$($group.Count))" } else { '' }
        $field = if ($v.field) { " [$($v.field)]" } else { '' }
        Write-Host "CONTRACT VIOLATION ($($v.source), $($v.rule))$($times): $($v.method) $target -> $($v.status)$field" -ForegroundColor Red
        Write-Host "    $($v.detail)"
        if ($v.body) { Write-Host "    body: $($v.body)" }
    }
    Write-Host "Contract: $requests requests validated, $($unexpected.Count) violations ($expected expected)"
    [pscustomobject]@{ Requests = $requests; Violations = $unexpected.Count; Failed = $unexpected.Count + $problems }
}

function Invoke-Test {
    New-Item $ResultsOut -ItemType Directory -Force | Out-Null
    # Every sandbox of the run (in process for xunit, a process per Pester file) reports the
    # contract violations of the requests it receives into this fresh folder.
    $contractOut = Join-Path $ResultsOut 'contract'
    Remove-Item $contractOut -Recurse -Force -ErrorAction Ignore
    New-Item $contractOut -ItemType Directory -Force | Out-Null
    $env:GRINFIPS_CONTRACT_REPORT = $contractOut
    try {
        $xunit = if ($TestPath) { [pscustomobject]@{ Passed = 0; Failed = 0 } } else { Invoke-XunitTests }
        $pester = Invoke-PesterTests
    }
    finally {
        Remove-Item Env:GRINFIPS_CONTRACT_REPORT -ErrorAction Ignore
    }
    $contract = Read-ContractReport $contractOut
    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed + $contract.Failed
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed; contract violations: $($contract.Failed)"
    $script:TestSummary = "Tests: $passed passed, $failed failed"
    $script:TestFailed = $failed -gt 0
}

function Start-Sandbox {
    param([int] $Contacts = 300, [string[]] $ExtraArguments = @())
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @((Join-Path $SandboxOut 'GrinfiPS.Sandbox.dll'), '--contacts', $Contacts, '--parent-pid', $PID) + $ExtraArguments) {
        $psi.ArgumentList.Add([string]$a)
    }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($psi)
    $ready = $process.StandardOutput.ReadLine()
    if (-not $ready) {
        throw 'The sandbox did not start.'
    }
    $info = $ready | ConvertFrom-Json
    $info | Add-Member -NotePropertyName Process -NotePropertyValue $process -PassThru
}

function Invoke-Demo {
    $sandbox = Start-Sandbox -Contacts 300
    try {
        $env:GRINFI_API_KEY = $sandbox.apiKey
        $env:GRINFI_BASE_URI = $sandbox.baseUri
        & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModuleOut'; & '$(Join-Path $Root 'examples/demo.ps1')'"
        Assert-ExitCode 'dotnet pwsh'
    }
    finally {
        Remove-Item Env:GRINFI_API_KEY, Env:GRINFI_BASE_URI -ErrorAction Ignore
        $sandbox.Process.Kill()
    }
}

function Invoke-Bench {
    $benches = Get-ChildItem (Join-Path $Root 'bench') -Filter '*.bench.ps1' | Sort-Object Name
    $failed = @()
    foreach ($bench in $benches) {
        Write-Host "== $($bench.BaseName)" -ForegroundColor Cyan
        # Each bench runs even when one before it missed a target; the task fails at the end.
        & dotnet pwsh -NoProfile -NonInteractive -File $bench.FullName -ModulePath $ModuleOut -SandboxPath (Join-Path $SandboxOut 'GrinfiPS.Sandbox.dll')
        if ($LASTEXITCODE -ne 0) { $failed += $bench.BaseName }
    }
    if ($failed) {
        throw "Benchmarks that missed a target: $($failed -join ', ')."
    }
}

$script:TestSummary = $null
$script:TestFailed = $false
Push-Location $Root
try {
    foreach ($t in $Task) {
        switch ($t) {
            'Clean' { Remove-Item $Out -Recurse -Force -ErrorAction Ignore }
            'Build' { Invoke-Build }
            'Test' { Invoke-Build; Invoke-Package; Invoke-Test }
            'Demo' { Invoke-Build; Invoke-Demo }
            'Bench' { Invoke-Build; Invoke-Bench }
            'Package' { Invoke-Build; Invoke-Package }
            'Contract' { Invoke-Contract }
        }
    }
}
catch {
    Write-Host "build.ps1 $($Task -join ', ') failed: $_" -ForegroundColor Red
    if ($Task -contains 'Test') {
        Write-Host 'Tests: 0 passed, 1 failed'
    }
    exit 1
}
finally {
    Pop-Location
}
if ($script:TestSummary) {
    Write-Host $script:TestSummary
    if ($script:TestFailed) { exit 1 }
}
exit 0
