<#
    Shared by the benchmarks (bench/*.bench.ps1): import the staged module and the test
    helpers (sandbox start/stop, control endpoints, request log), make realistic rows,
    summarise timings, and print PASS/FAIL lines that decide the script's exit code.

    A bench starts with:
        Import-Module "$PSScriptRoot/BenchHelpers.psm1" -Force
        Initialize-Bench -ModulePath $ModulePath -SandboxPath $SandboxPath
    and ends with:
        exit (Complete-Bench)
#>
$script:Failures = [Collections.Generic.List[string]]::new()
$script:Results = [Collections.Generic.List[object]]::new()

function Initialize-Bench {
    <# Imports the staged module and tests/TestHelpers.psm1, pointed at the given artifacts. #>
    param(
        [Parameter(Mandatory)] [string] $ModulePath,
        [Parameter(Mandatory)] [string] $SandboxPath
    )
    $module = (Resolve-Path $ModulePath).Path
    $sandbox = (Resolve-Path $SandboxPath).Path
    # TestHelpers reads these when it is imported.
    $env:GRINFIPS_TEST_MODULE = $module
    $env:GRINFIPS_TEST_SANDBOX = $sandbox
    Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers.psm1') -Force -Global
    Import-Module $module -Force -Global
    $script:Failures.Clear()
    $script:Results.Clear()
    $cpu = [Environment]::ProcessorCount
    $load = if (Test-Path /proc/loadavg) { " load average $((Get-Content /proc/loadavg -Raw).Split(' ')[0..2] -join ' ')," } else { '' }
    Write-Host ("Machine: {0} cores,{1} PowerShell {2}, {3}" -f $cpu, $load, $PSVersionTable.PSVersion, [Runtime.InteropServices.RuntimeInformation]::FrameworkDescription)
}

function Get-Median {
    param([Parameter(Mandatory)] [double[]] $Value)
    $sorted = $Value | Sort-Object
    $n = $sorted.Count
    if ($n % 2) { return [double]$sorted[($n - 1) / 2] }
    ([double]$sorted[$n / 2 - 1] + [double]$sorted[$n / 2]) / 2
}

function Format-Spread {
    <# "median 1.23 (min 1.10, max 1.40, n=5)" #>
    param([Parameter(Mandatory)] [double[]] $Value, [string] $Format = 'N2', [string] $Unit = '')
    $m = Get-Median $Value
    $min = ($Value | Measure-Object -Minimum).Minimum
    $max = ($Value | Measure-Object -Maximum).Maximum
    "median {0}{3} (min {1}, max {2}, n={4})" -f $m.ToString($Format), $min.ToString($Format), $max.ToString($Format), $Unit, $Value.Count
}

function Write-BenchLine {
    <# An indented detail line. #>
    param([Parameter(Mandatory)] [string] $Text)
    Write-Host "  $Text"
}

function Write-BenchSection {
    param([Parameter(Mandatory)] [string] $Title)
    Write-Host ''
    Write-Host "-- $Title" -ForegroundColor Cyan
}

function Write-BenchResult {
    <#
        The verdict of one target: "PASS <name>: <measured> (target <target>)". A FAIL is
        remembered, and Complete-Bench turns it into a non-zero exit code.
    #>
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [bool] $Pass,
        [Parameter(Mandatory)] [string] $Measured,
        [Parameter(Mandatory)] [string] $Target
    )
    $verdict = if ($Pass) { 'PASS' } else { 'FAIL' }
    $script:Results.Add([pscustomobject]@{ Name = $Name; Verdict = $verdict; Measured = $Measured; Target = $Target })
    if (-not $Pass) { $script:Failures.Add($Name) }
    Write-Host "$verdict $Name`: $Measured (target: $Target)" -ForegroundColor $(if ($Pass) { 'Green' } else { 'Red' })
}

function Write-BenchNote {
    <#
        A measured number that is reported, not judged: "NOTE <name>: <measured> (<why>)". It
        appears in the summary with the verdicts and never changes the exit code.
    #>
    param(
        [Parameter(Mandatory)] [string] $Name,
        [Parameter(Mandatory)] [string] $Measured,
        [Parameter(Mandatory)] [string] $Why
    )
    $script:Results.Add([pscustomobject]@{ Name = $Name; Verdict = 'NOTE'; Measured = $Measured; Target = $Why })
    Write-Host "NOTE $Name`: $Measured ($Why)" -ForegroundColor Yellow
}

function Complete-Bench {
    <# Prints the verdicts again as a summary; returns the exit code (1 when any target failed). #>
    Write-Host ''
    Write-Host 'Summary:'
    foreach ($r in $script:Results) {
        $label = if ($r.Verdict -eq 'NOTE') { '' } else { 'target: ' }
        Write-Host "  $($r.Verdict) $($r.Name): $($r.Measured) ($label$($r.Target))"
    }
    $targets = @($script:Results | Where-Object Verdict -NE 'NOTE').Count
    if ($script:Failures.Count -gt 0) {
        Write-Host "FAIL: $($script:Failures.Count) of $targets targets missed: $($script:Failures -join '; ')" -ForegroundColor Red
        return 1
    }
    Write-Host "PASS: all $targets targets met" -ForegroundColor Green
    0
}

function Get-BenchRequestLog {
    <# The sandbox request log from sequence number $Since, as objects (the whole log by default). #>
    param([Parameter(Mandatory)] $Sandbox, [long] $Since = 0, [string] $Path, [string] $Method)
    @(Invoke-SandboxControl $Sandbox "requests?since=$Since") | ForEach-Object { $_ } |
        Where-Object { (-not $Path -or $_.path -like $Path) -and (-not $Method -or $_.method -eq $Method) }
}

function Get-BenchList {
    <# A list of team 1 by name, read with the raw key (not through the module or its cache). #>
    param([Parameter(Mandatory)] $Sandbox, [string] $Name = 'Prospects')
    $page = Invoke-SandboxApi $Sandbox "/leads/api/lists?filter[name]=$([uri]::EscapeDataString($Name))"
    $list = @($page.data) | Select-Object -First 1
    if (-not $list) { throw "The sandbox has no list named '$Name'." }
    $list
}

function New-BenchRow {
    <#
        Distinct, realistic CSV rows as an export from a lead tool would have them: names,
        company, work email, title and a LinkedIn profile URL with a unique public handle.
        The same -Seed and -Prefix give the same rows. No two rows share a name and company,
        and no company is one the sandbox seeds: the API matches duplicates by name + company
        too, and a match would turn a create into an update.
    #>
    param([Parameter(Mandatory)] [int] $Count, [string] $Prefix = 'r', [int] $Seed = 7)
    $first = 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Elias', 'Amelia', 'Hugo', 'Chloe', 'Arjun',
        'Yuki', 'Priya', 'Jonas', 'Camille', 'Tomasz', 'Ingrid', 'Diego', 'Fatima', 'Kenji', 'Anouk', 'Rafael', 'Leila', 'Sven', 'Nadia'
    $last = 'Garcia', 'Müller', 'Smith', 'Rossi', 'Novak', 'Dubois', 'Kowalski', 'Jensen', 'Silva', 'Tanaka', 'Patel', 'Haddad',
        "O'Brien", 'Van der Berg', 'Nguyen', 'Fischer', 'Lindqvist', 'Moreau', 'Costa', 'Ivanova', 'Schmidt', 'Kim', 'Larsen', 'Ortega'
    $companies = 'Acme Analytics', 'Northwind Logistics', 'Globex Software', 'Initrode Systems', 'Umbrella Health', 'Stark Robotics',
        'Wayne Fintech', 'Hooli Cloud', 'Vandelay Imports', 'Soylent Foods', 'Cyberdyne Security', 'Tyrell Biotech', 'Aperture Labs',
        'Piper Compression', 'Blue Sun Energy', 'Oscorp Materials', 'Massive Dynamics Lab', 'Gringotts Capital', 'Monarch Travel', 'Nakatomi Trading'
    $titles = 'Head of Sales', 'VP Marketing', 'CTO', 'Founder & CEO', 'Procurement Manager', 'Growth Lead', 'Engineering Manager',
        'Account Executive', 'Operations Director', 'Product Manager', 'Chief Revenue Officer', 'IT Director'
    if ($Count -gt $first.Count * $last.Count * $companies.Count / 2) { throw "New-BenchRow makes at most a few thousand distinct rows." }
    $slug = { param($s) ($s.ToLowerInvariant().Normalize([Text.NormalizationForm]::FormD) -replace '\p{Mn}', '' -replace '[^a-z0-9]+', '-').Trim('-') }
    # Each prefix its own sequence (string hash codes differ per process; a sum of chars does not).
    $random = [Random]::new($Seed + ($Prefix.ToCharArray() | ForEach-Object { [int]$_ } | Measure-Object -Sum).Sum)
    $taken = [Collections.Generic.HashSet[string]]::new()
    for ($i = 1; $i -le $Count; $i++) {
        do {
            $f = $first[$random.Next($first.Count)]
            $l = $last[$random.Next($last.Count)]
            $c = $companies[$random.Next($companies.Count)]
        } until ($taken.Add("$f|$l|$c"))
        $domain = (& $slug $c) -replace '-', ''
        # Unique: the row number is part of the handle, as LinkedIn appends digits to common names.
        $handle = '{0}-{1}-{2}{3:x5}' -f (& $slug $f), (& $slug $l), $Prefix, $i
        [pscustomobject]@{
            FirstName   = $f
            LastName    = $l
            Company     = $c
            Email       = '{0}.{1}{2}@{3}.com' -f (& $slug $f), ((& $slug $l) -replace '-', ''), $i, $domain
            Title       = $titles[$random.Next($titles.Count)]
            LinkedInUrl = "https://www.linkedin.com/in/$handle"
        }
    }
}

function Get-LinkedInHandle {
    <# The public handle of a LinkedIn profile URL (lower case), or the text itself. #>
    param([string] $Url)
    if ([string]::IsNullOrEmpty($Url)) { return $null }
    if ($Url -match 'linkedin\.com/in/([^/?#]+)') { return $Matches[1].ToLowerInvariant() }
    $Url.ToLowerInvariant()
}

function Start-BenchPwsh {
    <#
        Runs a script file in a fresh PowerShell process (the same PowerShell as this one, so
        `dotnet pwsh` works without the tool manifest) and returns its standard output lines.
    #>
    param([Parameter(Mandatory)] [string] $File, [string[]] $ArgumentList = @())
    $exe = [Environment]::ProcessPath
    $arguments = @()
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        # `dotnet pwsh` runs pwsh.dll under the dotnet host.
        $arguments += Join-Path $PSHOME 'pwsh.dll'
    }
    $arguments += @('-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList
    $output = & $exe @arguments
    if ($LASTEXITCODE -ne 0) {
        throw "The child PowerShell ($File) failed with exit code $LASTEXITCODE`: $($output -join "`n")"
    }
    $output
}

function ConvertTo-BenchInstant {
    <# A request log time as a DateTimeOffset (ConvertFrom-Json may have made it a DateTime already). #>
    param([Parameter(Mandatory)] $Value)
    if ($Value -is [datetime]) { return [DateTimeOffset]::new($Value.ToUniversalTime()) }
    [DateTimeOffset]::Parse([string]$Value, [Globalization.CultureInfo]::InvariantCulture)
}

function Measure-BenchPacing {
    <#
        How a key used its budget, from the sandbox's request log (every request of the key, as
        Import.bench part A reads it). A sliding 60-second window lets a client spend the whole
        budget at once, so a rate since the start measures that burst. Sustained, request i+L
        can start only when request i leaves the window: the achieved share of the limit is
        60 s / (t[i+L] - t[i]) over the sandbox's receipt times, one value per i (Pairs, each
        with the time its later request arrived). Also: 429 answers, the busiest 60-s window,
        and the span in minutes from the first request to the last.
    #>
    param([Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Log, [Parameter(Mandatory)] [int] $Limit)
    $sorted = @($Log | Sort-Object { [long]$_.seq })
    $refused = @($sorted | Where-Object status -EQ 429).Count
    $passed = @($sorted | Where-Object status -NE 429)
    $times = [DateTimeOffset[]]@($passed | ForEach-Object { ConvertTo-BenchInstant $_.time })
    $pairs = [Collections.Generic.List[object]]::new()
    for ($i = 0; $i + $Limit -lt $times.Count; $i++) {
        $pairs.Add([pscustomobject]@{ Start = $times[$i]; End = $times[$i + $Limit]; Achieved = 60.0 / ($times[$i + $Limit] - $times[$i]).TotalSeconds })
    }
    $busiest = 0
    $j = 0
    for ($i = 0; $i -lt $times.Count; $i++) {
        while ($j -lt $times.Count -and ($times[$j] - $times[$i]).TotalSeconds -lt 60) { $j++ }
        $busiest = [Math]::Max($busiest, $j - $i)
    }
    [pscustomobject]@{
        Requests = $passed.Count
        Refused  = $refused
        Times    = $times
        Pairs    = $pairs.ToArray()
        Median   = if ($pairs.Count) { Get-Median @($pairs | ForEach-Object Achieved) } else { [double]::NaN }
        Minimum  = if ($pairs.Count) { ($pairs | Measure-Object Achieved -Minimum).Minimum } else { [double]::NaN }
        Busiest  = $busiest
        Minutes  = if ($times.Count -gt 1) { ($times[-1] - $times[0]).TotalMinutes } else { 0 }
    }
}

function Start-BenchPwshProcess {
    <#
        Starts a script file in a fresh PowerShell process (as Start-BenchPwsh does) without
        waiting for it: returns the Process, its standard output redirected (read it after it
        exits: a bench child writes one line). The child inherits this process's environment.
    #>
    param([Parameter(Mandatory)] [string] $File, [string[]] $ArgumentList = @())
    $exe = [Environment]::ProcessPath
    $psi = [Diagnostics.ProcessStartInfo]::new($exe)
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') {
        $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
    }
    foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList) { $psi.ArgumentList.Add([string]$a) }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    [Diagnostics.Process]::Start($psi)
}

Export-ModuleMember -Function *
