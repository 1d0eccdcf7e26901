<#
    Shared by every Pester file: import the staged module, start and drive sandboxes.
    Test files: BeforeAll { Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force; Import-GrinfiTestModule }
#>
$script:ModulePath = if ($env:GRINFIPS_TEST_MODULE) { $env:GRINFIPS_TEST_MODULE } else { Join-Path $PSScriptRoot '../out/GrinfiPS' }
$script:SandboxPath = if ($env:GRINFIPS_TEST_SANDBOX) { $env:GRINFIPS_TEST_SANDBOX } else { Join-Path $PSScriptRoot '../out/sandbox/GrinfiPS.Sandbox.dll' }

function Import-GrinfiTestModule {
    # -Global: the caller is a test file, not this helper module.
    Import-Module $script:ModulePath -Force -Global
}

function Get-GrinfiTestModulePath { $script:ModulePath }

function Get-GrinfiTestSandboxPath { $script:SandboxPath }

function Start-TestSandbox {
    <# Starts a sandbox on a free loopback port; returns baseUri, apiKey, secondApiKey, Key (SecureString), Process. #>
    param(
        [int] $Contacts = 50,
        [int] $RequestsPerMinute = 0,
        [string[]] $ArgumentList = @()
    )
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = @($script:SandboxPath, '--contacts', $Contacts, '--requests-per-minute', $RequestsPerMinute, '--parent-pid', $PID) + $ArgumentList
    foreach ($a in $arguments) { $psi.ArgumentList.Add([string]$a) }
    $psi.RedirectStandardOutput = $true
    $psi.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($psi)
    $ready = $process.StandardOutput.ReadLine()
    if (-not $ready) { throw "The sandbox did not start ($script:SandboxPath)." }
    $info = $ready | ConvertFrom-Json
    [pscustomobject]@{
        BaseUri      = [uri]$info.baseUri
        ApiKey       = [string]$info.apiKey
        SecondApiKey = [string]$info.secondApiKey
        Key          = ConvertTo-SecureString $info.apiKey -AsPlainText -Force
        SecondKey    = ConvertTo-SecureString $info.secondApiKey -AsPlainText -Force
        Process      = $process
    }
}

function Stop-TestSandbox {
    param([Parameter(Mandatory)] $Sandbox)
    if ($Sandbox -and -not $Sandbox.Process.HasExited) {
        $Sandbox.Process.Kill()
        $Sandbox.Process.WaitForExit(5000) | Out-Null
    }
}

function Invoke-SandboxControl {
    <# Calls a /_sandbox control endpoint. #>
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $uri = [uri]::new($Sandbox.BaseUri, "/_sandbox/$Path")
    $params = @{ Uri = $uri; Method = $Method }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = ConvertTo-Json -InputObject $Body -Depth 10 -Compress
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Invoke-SandboxApi {
    <# Calls the sandbox's API directly (as another client would), bypassing the module. #>
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'GET',
        $Body
    )
    $params = @{
        Uri     = [uri]::new($Sandbox.BaseUri, $Path)
        Method  = $Method
        Headers = @{ Authorization = "Bearer $($Sandbox.ApiKey)" }
    }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = ConvertTo-Json -InputObject $Body -Depth 10 -Compress
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Reset-TestSandbox {
    <#
        Fresh data, no faults or expected violations, an empty log, and the default options (a
        reset alone keeps options), the reading included: the one the sandbox started with.
    #>
    param([Parameter(Mandatory)] $Sandbox, [int] $Contacts = 50, [hashtable] $Options = @{})
    Invoke-SandboxControl $Sandbox reset -Method POST -Body @{ contacts = $Contacts } | Out-Null
    $defaults = @{ requestsPerMinute = 0; retryAfterMode = 'seconds'; latencyMs = 0; faultRate = 0; maxPageSize = 1000; maxMassActionIds = 1000; deleteDelayMs = 0; reading = 'default' }
    foreach ($key in $Options.Keys) { $defaults[$key] = $Options[$key] }
    Set-SandboxOption $Sandbox $defaults
}

function Set-SandboxOption {
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [hashtable] $Options)
    Invoke-SandboxControl $Sandbox options -Method POST -Body $Options | Out-Null
}

function Add-SandboxFault {
    <# Scripts faults for the next matching requests: Add-SandboxFault $sb @{ path = '/leads/api/leads/search'; kind = 'status'; status = 503 } #>
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [hashtable[]] $Fault)
    Invoke-SandboxControl $Sandbox faults -Method POST -Body @($Fault) | Out-Null
}

function Add-SandboxExpectedViolation {
    <#
        Declares contract violations a test provokes on purpose: the violations of the next
        Count requests matching Method and Path (exact, or a prefix ending in *) are recorded as
        expected, not reported as failures.
        Add-SandboxExpectedViolation $sb -Method POST -Path /leads/api/leads/upsert -Count 1
    #>
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method,
        [int] $Count = 1
    )
    $rule = @{ path = $Path; count = $Count }
    if ($Method) { $rule.method = $Method }
    Invoke-SandboxControl $Sandbox expected-violations -Method POST -Body @($rule) | Out-Null
}

function Get-SandboxViolation {
    <# The contract violations this sandbox recorded (expected ones included, marked so), from request sequence number Since on. #>
    param([Parameter(Mandatory)] $Sandbox, [long] $Since = 0)
    @(Invoke-SandboxControl $Sandbox "violations?since=$Since") | ForEach-Object { $_ }
}

function Get-SandboxRequest {
    <# The sandbox's request log, optionally only one path and method. #>
    param([Parameter(Mandatory)] $Sandbox, [string] $Path, [string] $Method)
    @(Invoke-SandboxControl $Sandbox requests) | ForEach-Object { $_ } |
        Where-Object { (-not $Path -or $_.path -like $Path) -and (-not $Method -or $_.method -eq $Method) }
}

function Clear-SandboxRequest {
    param([Parameter(Mandatory)] $Sandbox)
    Invoke-SandboxControl $Sandbox requests -Method DELETE | Out-Null
}

function Connect-TestSandbox {
    <#
        Connect-Grinfi to a sandbox; -Second uses team 2's key. Extra parameters pass through.
        The client's limiter is lifted unless a test sets -RequestsPerMinute: a test file makes
        more than 300 requests a minute, and pacing has tests of its own.
    #>
    param([Parameter(Mandatory)] $Sandbox, [switch] $Second, [hashtable] $Parameters = @{})
    $key = if ($Second) { $Sandbox.SecondKey } else { $Sandbox.Key }
    $settings = @{ RequestsPerMinute = 100000 }
    foreach ($name in $Parameters.Keys) { $settings[$name] = $Parameters[$name] }
    Connect-Grinfi -ApiKey $key -BaseUri $Sandbox.BaseUri -InformationAction Ignore @settings
}



function Get-HostOutput {
    <#
        Runs a script block and returns what it wrote to the host, which is where -WhatIf text
        goes (no stream carries it). A transcript is the in-process way to see it.
    #>
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock)
    $path = Join-Path ([IO.Path]::GetTempPath()) "grinfips-host-$([guid]::NewGuid()).txt"
    Start-Transcript -Path $path -UseMinimalHeader | Out-Null
    try {
        & $ScriptBlock | Out-Null
    }
    finally {
        Stop-Transcript | Out-Null
    }
    try { Get-Content $path -Raw } finally { Remove-Item $path -ErrorAction Ignore }
}
Export-ModuleMember -Function *
