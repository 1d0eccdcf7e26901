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

    It 'names no file that the staged module or the repository lacks' {
        $repository = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
        # Files the module loads: in the staged module.
        foreach ($key in 'RootModule', 'FormatsToProcess', 'TypesToProcess', 'NestedModules', 'RequiredAssemblies', 'ScriptsToProcess', 'FileList') {
            foreach ($file in @($script:manifest[$key]) | Where-Object { $_ }) {
                Join-Path $script:modulePath $file | Should -Exist -Because "the manifest's $key names it"
            }
        }
        # Links to files of the project's repository (LicenseUri, IconUri, ...): files it has.
        $data = $script:manifest.PrivateData.PSData
        $links = @($data.Keys | Where-Object { $data[$_] -is [string] -and $data[$_] -match '^https://github\.com/[^/]+/[^/]+/(blob|raw)/[^/]+/(.+)$' })
        $links | Should -Contain 'LicenseUri'
        foreach ($key in $links) {
            $null = $data[$key] -match '^https://github\.com/[^/]+/[^/]+/(blob|raw)/[^/]+/(.+)$'
            Join-Path $repository $Matches[2] | Should -Exist -Because "the manifest's $key links to it"
        }
        # Files the release notes send readers to.
        foreach ($file in [regex]::Matches($data.ReleaseNotes, '[\w./-]+\.(md|txt)\b').Value) {
            Join-Path $repository $file | Should -Exist -Because 'the release notes name it'
        }
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

Describe 'Documents' {
    It 'the sandbox''s README reads on its own: every link and path stays in the repository and exists' {
        $repository = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
        $folder = Join-Path $repository 'tests/GrinfiPS.Sandbox'
        $text = Get-Content (Join-Path $folder 'README.md') -Raw
        # GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
        $anchors = [regex]::Matches($text, '(?m)^#+\s+(.+?)\s*$') | ForEach-Object { $_.Groups[1].Value.ToLowerInvariant() -replace '[^\w\- ]', '' -replace ' ', '-' }

        foreach ($link in [regex]::Matches($text, '\]\(([^)\s]+)\)')) {
            $target = $link.Groups[1].Value
            if ($target.StartsWith('#')) {
                $anchors | Should -Contain $target.Substring(1) -Because "the README links to $target"
                continue
            }
            $target | Should -Not -Match '^[a-z][a-z0-9+.-]*:' -Because 'the README is read where no link outside the repository can be followed'
            $path = [IO.Path]::GetFullPath((Join-Path $folder ($target -split '#')[0]))
            $path | Should -BeLike "$repository$([IO.Path]::DirectorySeparatorChar)*"
            $path | Should -Exist
        }
        foreach ($span in [regex]::Matches($text, '`([^`\r\n]+)`') | ForEach-Object { $_.Groups[1].Value }) {
            $span | Should -Not -Match '(^|[\s(])(\.\./){2,}|(^|\s)/(work|home|tmp)/|^[A-Za-z]:\\' -Because "'$span' would point outside the repository"
            if ($span -match '^[\w./-]+/[\w.-]+\.(md|yaml|yml|cs|ps1|psm1|psd1|json|csv)$') {
                ((Test-Path (Join-Path $folder $span)) -or (Test-Path (Join-Path $repository $span))) | Should -BeTrue -Because "the README names $span"
            }
        }
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

    It 'writes no table header with trailing spaces at 80 columns: <name>' -ForEach @(
        @{ name = 'contacts'; get = { Get-GrinfiLead -First 10 } }
        @{ name = 'lists'; get = { Get-GrinfiList } }
        @{ name = 'tags'; get = { Get-GrinfiTag } }
        @{ name = 'pipeline stages'; get = { Get-GrinfiPipelineStage } }
        @{ name = 'custom fields'; get = { Get-GrinfiCustomField } }
        @{ name = 'automations'; get = { Get-GrinfiAutomation } }
        @{ name = 'a count'; get = { Measure-GrinfiLead -List 'Prospects' } }
        @{ name = 'companies'; get = { Get-GrinfiCompany -First 5 } }
    ) {
        Connect-TestSandbox $script:sb
        $rendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
        try { $table = & $get | Format-Table | Out-String -Width 80 } finally { $PSStyle.OutputRendering = $rendering }
        $lines = @($table -split '\r?\n' | Where-Object { $_.Trim() })

        $lines.Count | Should -BeGreaterThan 2
        $lines[0..1] | ForEach-Object { $_ | Should -Not -Match '\s$' }
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'shows a new list''s LeadCount as 0, not blank' {
        Connect-TestSandbox $script:sb
        $list = New-GrinfiList "Empty $(Get-Random)"

        $list.LeadCount | Should -Be 0
        ($list | Out-String -Width 80) | Should -Match ([regex]::Escape($list.Name) + '\s+0\s')
        (Get-GrinfiList $list.Name).LeadCount | Should -Be 0
        Remove-GrinfiList $list -Force
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

Describe 'Demo' {
    It 'keeps the retry file it names, and its tables show names, not UUIDs' {
        # As build.ps1 Demo runs it: a sandbox of 300 contacts, the key and address from the environment.
        $demoSandbox = Start-TestSandbox -Contacts 300
        $work = $null
        try {
            $script = @"
`$env:GRINFI_API_KEY = '$($demoSandbox.ApiKey)'
`$env:GRINFI_BASE_URI = '$($demoSandbox.BaseUri)'
Import-Module '$script:modulePath'
& '$(Join-Path $PSScriptRoot '../examples/demo.ps1')'
"@
            $run = Invoke-IsolatedPwsh -HomePath (Join-Path $TestDrive 'demo-home') -Script $script
            $output = $run.Output -replace '\x1b\[[0-9;]*m', ''
            # The demo's folder, kept on purpose; the test removes it.
            $work = [regex]::Match($output, '(/\S*grinfips-demo-\d+|[A-Za-z]:\\\S*grinfips-demo-\d+)').Groups[1].Value

            $run.ExitCode | Should -Be 0 -Because $run.Errors
            $run.Errors | Should -BeNullOrEmpty
            $retry = [regex]::Match($output, 'Fix them in (\S+) \(kept after the demo\)').Groups[1].Value
            $retry | Should -Not -BeNullOrEmpty
            $retry | Should -Exist
            (Import-Csv $retry).Email | Should -Be 'tom.becker@litware.test'
            $output | Should -Match ([regex]::Escape("Import-Csv '$retry' | Set-GrinfiLead"))
            # Names where there are tables; a UUID (or the start of one cut by a narrow column) nowhere
            # but in the export's warning, which has to name the export.
            $output | Should -Match 'Webinar Q4'
            $output | Should -Match "in list 'Cold outreach'"
            $output | Should -Match 'conference-scans\.csv'
            $shown = $output -split '\r?\n' | Where-Object { $_ -notmatch '^WARNING:' }
            $shown | Where-Object { $_ -match '[0-9a-f]{8}-[0-9a-f]{4}|\b[0-9a-f]{5,}…' } | Should -BeNullOrEmpty
        }
        finally {
            Stop-TestSandbox $demoSandbox
            if ($work -and (Test-Path $work)) { Remove-Item $work -Recurse -Force }
        }
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
