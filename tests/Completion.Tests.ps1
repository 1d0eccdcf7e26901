# Tab completion, driven as the console drives it: through TabExpansion2.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 20
    function Complete([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Names from the connection''s cache' {
    BeforeAll {
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb
    }

    It 'completes <parameter> on <command>' -ForEach @(
        @{ command = 'Get-GrinfiLead'; parameter = 'List'; word = 'Web'; expected = "'Webinar Q4'" }
        @{ command = 'Set-GrinfiLead'; parameter = 'List'; word = 'cust'; expected = 'Customers' }
        @{ command = 'Get-GrinfiLead'; parameter = 'PipelineStage'; word = 'Int'; expected = 'Interested' }
        @{ command = 'Invoke-GrinfiMassAction'; parameter = 'PipelineStage'; word = 'Meet'; expected = "'Meeting booked'" }
        @{ command = 'Get-GrinfiLead'; parameter = 'Tag'; word = 'V'; expected = 'VIP' }
        @{ command = 'Set-GrinfiLead'; parameter = 'AddTag'; word = 'Follow'; expected = 'Follow-up' }
        @{ command = 'Invoke-GrinfiMassAction'; parameter = 'Automation'; word = 'Wel'; expected = "'Welcome sequence'" }
        @{ command = 'Invoke-GrinfiMassAction'; parameter = 'FromList'; word = 'News'; expected = 'Newsletter' }
        @{ command = 'Get-GrinfiList'; parameter = 'Name'; word = 'Pro'; expected = 'Prospects' }
        @{ command = 'Set-GrinfiCustomField'; parameter = 'CustomField'; word = 'deal'; expected = 'deal_size' }
    ) {
        Complete "$command -$parameter $word" | Should -Contain $expected
    }

    It 'also offers names that contain the word, after those that start with it' {
        $matches = Complete 'Get-GrinfiLead -List ust'
        $matches | Should -Contain 'Customers'
    }

    It 'looks names up once per connection, not once per key press' {
        1..5 | ForEach-Object { $null = Complete 'Get-GrinfiLead -List P' }
        @(Get-SandboxRequest $script:sb -Path '/leads/api/lists' -Method GET).Count | Should -BeLessOrEqual 1
    }

    It 'completes company stages with -Object Company' {
        Complete 'Get-GrinfiPipelineStage -Object Company -Name Cu' | Should -Contain 'Customer'
        Complete 'Get-GrinfiPipelineStage -Name Cu' | Should -Not -Contain 'Customer'
    }

    It 'uses the -Connection on the command line' {
        $second = Connect-TestSandbox $script:sb -Second -Parameters @{ PassThru = $true }
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        $global:GrinfiCompletionTestConnection = $second
        try {
            $null = Complete 'Get-GrinfiLead -Connection $GrinfiCompletionTestConnection -Tag V'
        }
        finally {
            Remove-Variable GrinfiCompletionTestConnection -Scope Global
        }
        (Get-SandboxRequest $script:sb -Path '/leads/api/tags').teamId | Should -Be 2
    }

    It 'offers nothing, and fails nothing, without a connection' {
        Disconnect-Grinfi
        { Complete 'Get-GrinfiLead -List W' } | Should -Not -Throw
        Complete 'Get-GrinfiLead -List W' | Should -BeNullOrEmpty
    }
}

Describe 'Fields and actions' {
    It 'completes -Action names' {
        Complete 'Invoke-GrinfiMassAction -Action Mo' | Should -Be 'MoveToList'
        Complete 'Invoke-GrinfiMassAction -Action ' | Should -Contain 'ChangePipelineStage'
    }

    It 'completes -SortBy with sortable fields only' {
        Complete 'Get-GrinfiLead -SortBy crea' | Should -Be 'created_at'
        Complete 'Get-GrinfiLead -SortBy ta' | Should -Not -Contain 'tags'
    }

    It 'completes -Clear with fields that can be emptied' {
        Complete 'Set-GrinfiLead -Clear pos' | Should -Be 'position'
        Complete 'Set-GrinfiLead -Clear linkedin_' | Should -Not -Contain 'linkedin_id'
    }

    It 'completes filter field names inside the -Filter hashtable of <command>' -ForEach @(
        @{ command = 'Get-GrinfiLead' }
        @{ command = 'Measure-GrinfiLead' }
        @{ command = 'Invoke-GrinfiMassAction -Action Delete' }
        @{ command = 'Export-GrinfiLead x.csv' }
    ) {
        Complete "$command -Filter @{ compa" | Should -Contain 'company_name'
        Complete "$command -Filter @{ company_name = 'Acme'; created" | Should -Contain 'created_at'
    }
}
