<#
    The help compiled from docs/en-US (tools/Build-Help.ps1) as users see it through Get-Help:
    every exported cmdlet has a synopsis, a description, examples with code and remarks, and a
    description for every parameter; the about_ topics are there. The cases come from the
    module's exported cmdlets, so a new cmdlet is tested without touching this file.
#>
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $common = [System.Management.Automation.PSCmdlet]::CommonParameters
    $script:cmdletCases = foreach ($command in (Get-Module GrinfiPS).ExportedCmdlets.Values | Sort-Object Name) {
        @{
            Name       = $command.Name
            Parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object)
        }
    }
    $script:aboutTopics = 'about_GrinfiPS', 'about_GrinfiPS_Columns', 'about_GrinfiPS_Filters'
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule

    function Get-HelpText {
        # The text of a help node (description, remarks): its paragraphs joined, trimmed.
        param($Node)
        (@($Node | ForEach-Object { $_.Text }) -join "`n").Trim()
    }
}

Describe 'The cases' {
    It 'cover every exported cmdlet (<Count> found)' -ForEach @{ Count = @($script:cmdletCases).Count } {
        # Guards the tests below: had discovery found no cmdlets, none of them would run.
        $Count | Should -BeGreaterThan 0
        $Count | Should -Be (Get-Module GrinfiPS).ExportedCmdlets.Count
    }
}

Describe 'Get-Help <Name> -Full' -ForEach $script:cmdletCases {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'comes from the compiled help file, not from the cmdlet metadata alone' {
        # Without MAML help, Get-Help makes up a synopsis from the syntax and has no examples.
        $help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
        $help.details.name | Should -Be $Name
    }

    It 'has a synopsis that is not the generated syntax' {
        $synopsis = "$($help.Synopsis)".Trim()
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -BeLike "$Name*"
        $synopsis | Should -Not -Match '\[-\w+'
    }

    It 'has a description' {
        Get-HelpText $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            "$($example.code)".Trim() | Should -Not -BeNullOrEmpty -Because "example '$($example.title)' needs code"
            Get-HelpText $example.remarks | Should -Not -BeNullOrEmpty -Because "example '$($example.title)' needs remarks"
        }
    }

    It 'has examples that parse' {
        foreach ($example in @($help.examples.example)) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput("$($example.code)", [ref]$null, [ref]$errors)
            $errors | Should -BeNullOrEmpty -Because "example '$($example.title)' is PowerShell"
        }
    }

    It 'names its output types under OUTPUTS' {
        $documented = @($help.returnValues.returnValue | ForEach-Object { "$($_.type.name)".Trim() })
        foreach ($type in (Get-Command $Name).OutputType) {
            $expected = if ($type.Type -eq [void]) { 'None' } else { $type.Name }
            $documented | Should -Contain $expected
        }
    }

    It 'describes -<_>' -ForEach $Parameters {
        $parameter = @($help.parameters.parameter | Where-Object name -EQ $_)
        $parameter.Count | Should -Be 1 -Because "Get-Help $Name should list -$_ once"
        Get-HelpText $parameter[0].description | Should -Not -BeNullOrEmpty -Because "-$_ of $Name needs a description"
    }
}

Describe 'Get-Help <_>' -ForEach $script:aboutTopics {
    It 'returns the topic' {
        $text = Get-Help $_ | Out-String

        $text | Should -Match "TOPIC\s+$_\b"
        $text | Should -Match 'SHORT DESCRIPTION'
        $text | Should -Match 'LONG DESCRIPTION'
        $text.Length | Should -BeGreaterThan 2000
    }

    It 'fits in 80 columns' {
        $path = Join-Path (Get-Module GrinfiPS).ModuleBase "en-US/$_.help.txt"
        $long = @(Get-Content $path | Where-Object Length -GT 80)
        $long | Should -BeNullOrEmpty
    }
}
