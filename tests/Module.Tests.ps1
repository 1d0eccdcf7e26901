# The module as a whole: manifest, staged layout, formats, loading, packaging, parallel use.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module "$PSScriptRoot/../tools/IsolatedPwsh.psm1" -Force
    Import-GrinfiTestModule
    $script:modulePath = Get-GrinfiTestModulePath
    $script:manifest = Import-PowerShellDataFile (Join-Path $script:modulePath 'GrinfiPS.psd1')
    $script:sb = Start-TestSandbox -Contacts 30
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Manifest' {
    It 'exports exactly the cmdlets the assembly defines' {
        $defined = [GrinfiPS.Commands.Base.GrinfiCmdlet].Assembly.GetTypes() |
            Where-Object { $_.IsPublic -and -not $_.IsAbstract -and $_.GetCustomAttributes([Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }

        $script:manifest.CmdletsToExport | Sort-Object | Should -Be ($defined | Sort-Object)
        (Get-Command -Module GrinfiPS).Name | Sort-Object | Should -Be ($defined | Sort-Object)
    }

    It 'declares editions, versions and gallery data' {
        $script:manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $script:manifest.PowerShellVersion | Should -Be '5.1'
        $script:manifest.FormatsToProcess | Should -Be 'GrinfiPS.format.ps1xml'
        $script:manifest.FunctionsToExport.Count | Should -Be 0
        $script:manifest.AliasesToExport.Count | Should -Be 0
        $data = $script:manifest.PrivateData.PSData
        $data.Tags | Should -Contain 'PSEdition_Core'
        $data.ProjectUri | Should -Match '^https://'
        $data.LicenseUri | Should -Match '^https://'
        $data.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'has one version, in the manifest, that the assembly and the User-Agent carry' {
        $version = [version]$script:manifest.ModuleVersion
        $assembly = [GrinfiPS.Commands.Base.GrinfiCmdlet].Assembly.GetName().Version

        [version]::new($assembly.Major, $assembly.Minor, $assembly.Build) | Should -Be $version
        (Get-Module GrinfiPS).Version | Should -Be $version
    }

    It 'sends a User-Agent naming GrinfiPS and its version' {
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb
        $null = Get-GrinfiLead -First 1

        (Get-SandboxRequest $script:sb)[0].userAgent | Should -Match "^GrinfiPS/$([regex]::Escape($script:manifest.ModuleVersion)) \(PowerShell 7\."
    }
}

Describe 'Staged module' {
    It 'holds the netstandard dependencies Windows PowerShell needs in dependencies/' {
        $dependencies = (Get-ChildItem (Join-Path $script:modulePath 'dependencies') -Filter *.dll).Name
        $dependencies | Should -Contain 'System.Text.Json.dll'
        $dependencies | Should -Contain 'System.Memory.dll'
        $dependencies | Should -Contain 'Microsoft.Bcl.AsyncInterfaces.dll'
        $dependencies | Should -Not -Contain 'System.Management.Automation.dll'
    }

    It 'uses the framework''s System.Text.Json on PowerShell 7, never the bundled copy' {
        $stj = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'System.Text.Json' }
        $stj.Location | Should -Not -BeLike "*$([IO.Path]::DirectorySeparatorChar)dependencies$([IO.Path]::DirectorySeparatorChar)*"
    }
}

Describe 'Formats' {
    It 'has a table and a list view for <type>' -ForEach @(
        'GrinfiLead', 'GrinfiList', 'GrinfiPipelineStage', 'GrinfiTag', 'GrinfiCustomField', 'GrinfiAutomation',
        'GrinfiUser', 'GrinfiLeadCount', 'GrinfiConnection', 'GrinfiMassActionResult', 'GrinfiFileImport', 'GrinfiFileExport'
    ) {
        $controls = (Get-FormatData "GrinfiPS.Model.$_").FormatViewDefinition.Control | ForEach-Object { $_.GetType().Name }
        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
    }

    It 'covers every public type a cmdlet says it outputs' {
        $outputs = Get-Command -Module GrinfiPS | ForEach-Object OutputType | ForEach-Object Type |
            Where-Object { $_ -and $_.Namespace -eq 'GrinfiPS.Model' } | Sort-Object FullName -Unique
        foreach ($type in $outputs) {
            Get-FormatData $type.FullName | Should -Not -BeNullOrEmpty -Because "$($type.Name) is an output type"
        }
    }

    It 'prints names and readable dates' {
        Connect-TestSandbox $script:sb
        $text = Get-GrinfiLead -First 3 | Format-List | Out-String

        $text | Should -Match 'List\s+: (Webinar Q4|Prospects|Customers|Conference 2026|Newsletter|Cold outreach)'
        $text | Should -Match 'CreatedAt\s+: \d{4}-\d\d-\d\d \d\d:\d\d'
    }
}

Describe 'Loading' {
    It 'loads and works after another module loaded a different System.Text.Json, and re-imports with -Force' {
        $nuget = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        $other = Join-Path $nuget 'system.text.json/9.0.0/lib/netstandard2.0/System.Text.Json.dll'
        Test-Path $other | Should -BeTrue -Because 'the xunit project downloads this copy for this test'
        $script = @"
`$ErrorActionPreference = 'Stop'
# Another module's own System.Text.Json, in its own load context, as isolating modules do.
`$alc = [System.Runtime.Loader.AssemblyLoadContext]::new('OtherModule', `$true)
`$theirs = `$alc.LoadFromAssemblyPath('$other')
`$serializer = `$theirs.GetType('System.Text.Json.JsonSerializer')
`$null = `$serializer.GetMethods() | Where-Object { `$_.Name -eq 'Serialize' -and `$_.IsGenericMethod }
Import-Module '$script:modulePath'
`$key = ConvertTo-SecureString '$($script:sb.ApiKey)' -AsPlainText -Force
Connect-Grinfi -ApiKey `$key -BaseUri '$($script:sb.BaseUri)' -InformationAction Ignore
`$first = @(Get-GrinfiLead -First 2).Count
Import-Module '$script:modulePath' -Force
Connect-Grinfi -ApiKey `$key -BaseUri '$($script:sb.BaseUri)' -InformationAction Ignore
`$second = @(Get-GrinfiLead -First 3).Count
@{ theirs = `$theirs.GetName().Version.ToString(); ours = [System.Text.Json.JsonSerializer].Assembly.GetName().Version.ToString(); first = `$first; second = `$second } | ConvertTo-Json -Compress
"@
        $run = Invoke-IsolatedPwsh -HomePath (Join-Path $TestDrive 'home') -Script $script

        $run.Errors | Should -BeNullOrEmpty
        $result = $run.Output | ConvertFrom-Json
        $result.theirs | Should -Be '9.0.0.0'
        $result.ours | Should -Not -Be '9.0.0.0'
        $result.first | Should -Be 2
        $result.second | Should -Be 3
    }

    It 'works from ForEach-Object -Parallel with a shared -Connection' {
        $connection = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true }
        $module = $script:modulePath

        $results = 1..12 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:module
            $lead = Get-GrinfiLead -Connection $using:connection -Skip $_ -First 1
            $lead | Set-GrinfiLead -Connection $using:connection -position "Parallel $_" -PassThru -InformationAction Ignore
        }

        $results.Count | Should -Be 12
        ($results.Uuid | Sort-Object -Unique).Count | Should -Be 12
        $results.Position | Sort-Object | Should -Be (1..12 | ForEach-Object { "Parallel $_" } | Sort-Object)
        $connection.IsOpen | Should -BeTrue
    }
}

Describe 'Package' {
    It 'installs with Install-PSResource from a local repository, and imports by name' {
        $package = Get-ChildItem (Join-Path $script:modulePath '../package') -Filter 'GrinfiPS.*.nupkg' -ErrorAction SilentlyContinue
        $package | Should -Not -BeNullOrEmpty -Because 'build.ps1 Test makes the package before running Pester'
        $script = @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name GrinfiPSTest -Uri '$($package.DirectoryName)' -Trusted
Install-PSResource -Name GrinfiPS -Repository GrinfiPSTest -Scope CurrentUser -TrustRepository -Quiet
Import-Module GrinfiPS
`$key = ConvertTo-SecureString '$($script:sb.ApiKey)' -AsPlainText -Force
Connect-Grinfi -ApiKey `$key -BaseUri '$($script:sb.BaseUri)' -InformationAction Ignore
@{
    path = (Get-Module GrinfiPS).ModuleBase
    version = (Get-Module GrinfiPS).Version.ToString()
    commands = @(Get-Command -Module GrinfiPS).Count
    help = (Get-Help Get-GrinfiLead).Synopsis
    leads = @(Get-GrinfiLead -First 2).Count
} | ConvertTo-Json -Compress
"@
        $isolatedHome = Join-Path $TestDrive 'install-home'
        $run = Invoke-IsolatedPwsh -HomePath $isolatedHome -Script $script

        $run.Errors | Should -BeNullOrEmpty
        $result = $run.Output | ConvertFrom-Json
        $result.path | Should -BeLike "$isolatedHome*"
        $result.version | Should -Be $script:manifest.ModuleVersion
        $result.commands | Should -Be $script:manifest.CmdletsToExport.Count
        $result.help | Should -Not -BeNullOrEmpty
        $result.leads | Should -Be 2
    }
}
