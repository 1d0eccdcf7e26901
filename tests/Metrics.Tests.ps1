# Metrics: contact counts on Get-GrinfiTag, Get-GrinfiEngagementMetric (team-wide), Get-GrinfiDataSourceMetric,
# checked against the sandbox's own answers and its request log.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 120
    $script:tagMetrics = '/leads/api/tags/metrics'
    $script:engagement = '/leads/api/leads/metrics'
    $script:sources = '/leads/api/data-sources'
    $script:sourceMetrics = '/leads/api/data-sources/metrics'
    function Get-Bodies([string] $Path) { @(Get-SandboxRequest $script:sb -Path $Path | ForEach-Object { $_.body | ConvertFrom-Json -DateKind String }) }
    function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Get-GrinfiTag counts' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 120
        Connect-TestSandbox $script:sb
    }
    BeforeEach {
        Set-SandboxOption $script:sb @{ reading = 'default' }
        Clear-SandboxRequest $script:sb
    }

    It 'asks the metrics for both counts, and counts contacts itself where the answer (as documented) says nothing' {
        Set-SandboxOption $script:sb @{ reading = 'minimal' }
        $tags = Get-GrinfiTag

        $body = (Get-Bodies $script:tagMetrics)[0]
        $body.uuids.Count | Should -Be 5
        $body.metrics | Should -Be @('leads_count', 'companies_count')
        @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/search').Count | Should -Be 5
        foreach ($tag in $tags) {
            $tag.LeadCount | Should -Be (Measure-GrinfiLead -Tag $tag).Count -Because $tag.Name
            $tag.CompanyCount | Should -BeNullOrEmpty -Because 'companies are never guessed'
        }
        ($tags | Measure-Object LeadCount -Sum).Sum | Should -BeGreaterThan 0
    }

    It 'takes the counts from a metrics answer that has them, with no search (generous reading)' {
        Set-SandboxOption $script:sb @{ reading = 'generous' }

        $vip = Get-GrinfiTag 'VIP'

        @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/search').Count | Should -Be 0
        (Get-Bodies $script:tagMetrics)[0].uuids | Should -Be $vip.Uuid
        $vip.LeadCount | Should -Be (Measure-GrinfiLead -Tag 'VIP').Count
        $vip.CompanyCount | Should -Be 0
    }

    It 'counts only the tags asked for, and nothing with -NoLeadCount' {
        $null = Get-GrinfiTag 'Follow*', 'Hot'
        (Get-Bodies $script:tagMetrics)[0].uuids.Count | Should -Be 2
        Clear-SandboxRequest $script:sb

        $tags = Get-GrinfiTag -NoLeadCount
        $tags.Count | Should -Be 5
        $tags | Where-Object { $null -ne $_.LeadCount } | Should -BeNullOrEmpty
        (Get-SandboxRequest $script:sb).path | Should -Be '/leads/api/tags'
    }

    It 'never passes off a count of every contact as a tag''s, when the server ignores the filter' {
        Add-SandboxFault $script:sb @{ path = '/leads/api/leads/search'; kind = 'ignore-filter' }
        $tag = Get-GrinfiTag 'Partner' -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiFilterIgnored,*'
    }

    It 'shows the count in the table view, in 80 columns' {
        $text = Get-GrinfiTag | Out-String -Width 80
        $text | Should -Match 'LeadCount'
        ($text -split "`n") | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
    }
}

Describe 'Get-GrinfiEngagementMetric' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 120
        Connect-TestSandbox $script:sb
        $script:from = [datetime]::new(2020, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        $script:to = [datetime]::new(2030, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
    }
    BeforeEach { Clear-SandboxRequest $script:sb }

    It 'asks for the period and every documented metric, no filter, and maps each count to its property' {
        $m = Get-GrinfiEngagementMetric -From $script:from -To $script:to

        $body = (Get-Bodies $script:engagement)[0]
        $body.period_from | Should -Be '2020-01-01T00:00:00.0000000Z'
        $body.period_to | Should -Be '2030-01-01T00:00:00.0000000Z'
        $body.metrics.Count | Should -Be 13
        $body.PSObject.Properties.Name | Sort-Object | Should -Be @('metrics', 'period_from', 'period_to')
        $direct = (Invoke-SandboxApi $script:sb $script:engagement -Method POST -Body $body).total
        $m.LinkedInConnectionRequestSentCount | Should -Be $direct.linkedin_connection_request_sent_count
        $m.LinkedInConnectionRequestSentCount | Should -BeGreaterThan 0
        $m.EmailSentCount | Should -Be $direct.email_sent_count
        $m.LinkedInInMailRepliedCount | Should -Be $direct.linkedin_inmail_replied_count
        $m.From.Kind | Should -Be 'Local'
    }

    It 'takes metrics by API or property name, and leaves the others empty, not 0' {
        $m = Get-GrinfiEngagementMetric -From $script:from -To $script:to -Metric EmailSentCount, linkedin_sent_count, emailsentcount

        (Get-Bodies $script:engagement)[0].metrics | Should -Be @('email_sent_count', 'linkedin_sent_count')
        $m.EmailSentCount | Should -Not -BeNullOrEmpty
        $m.EmailOpenedCount | Should -BeNullOrEmpty
    }

    It 'refuses <case> before any request' -ForEach @(
        @{ case = 'an unknown metric'; params = @{ Metric = 'email_open_count' }; id = 'GrinfiUnknownMetric'; message = "*Did you mean 'email_opened_count'*" }
        @{ case = 'a period that ends before it starts'; params = @{ To = [datetime]'2019-01-01' }; id = 'GrinfiInvalidPeriod'; message = '*ends*before it starts*' }
    ) {
        { Get-GrinfiEngagementMetric -From $script:from @params } | Should -Throw -ErrorId "$id,*" -ExpectedMessage $message
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'warns about a metric the answer leaves out, and leaves it empty' {
        Add-SandboxFault $script:sb @{ path = $script:engagement; kind = 'status'; status = 200; body = '{"total":{"email_sent_count":7}}' }

        $m = Get-GrinfiEngagementMetric -From $script:from -Metric email_sent_count, email_opened_count -WarningVariable warned -WarningAction SilentlyContinue

        $m.EmailSentCount | Should -Be 7
        $m.EmailOpenedCount | Should -BeNullOrEmpty
        "$warned" | Should -Match 'no count for email_opened_count'
    }

    It 'completes metric names' {
        Complete 'Get-GrinfiEngagementMetric -From 2026-01-01 -Metric email_o' | Should -Be 'email_opened_count'
    }
}

Describe 'Get-GrinfiDataSourceMetric' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 120
        Connect-TestSandbox $script:sb
        $script:all = (Invoke-SandboxApi $script:sb "$($script:sources)?limit=1000").data
    }
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 120
        Clear-SandboxRequest $script:sb
    }

    It 'reads every data source, then their metrics in one request, with type, status and list' {
        $metrics = Get-GrinfiDataSourceMetric

        $metrics.Count | Should -Be $script:all.Count
        $metrics.DataSourceUuid | Should -Be $script:all.uuid
        @(Get-SandboxRequest $script:sb -Path $script:sourceMetrics -Method PUT).Count | Should -Be 1
        $direct = Invoke-SandboxApi $script:sb $script:sourceMetrics -Method PUT -Body @{ uuids = @($script:all.uuid) }
        foreach ($m in $metrics) {
            $m.SavedRecords | Should -Be $direct.($m.DataSourceUuid).saved_records
            $m.DuplicateRecords | Should -Be $direct.($m.DataSourceUuid).duplicate_records
            $m.Type | Should -Be ($script:all | Where-Object uuid -EQ $m.DataSourceUuid).type
        }
        $m.ListName | Should -BeIn (Get-GrinfiList -NoLeadCount).Name
    }

    It 'asks once per data source of piped contacts, passing over contacts from none' {
        $leads = Get-GrinfiLead -First 60
        $expected = @($leads.DataSourceUuid | Where-Object { $_ } | Sort-Object -Unique)
        $expected.Count | Should -BeGreaterThan 1
        @($leads | Where-Object { -not $_.DataSourceUuid }).Count | Should -BeGreaterThan 0
        Clear-SandboxRequest $script:sb

        $metrics = $leads | Get-GrinfiDataSourceMetric -ErrorVariable failed

        $failed | Should -BeNullOrEmpty
        $metrics.DataSourceUuid | Sort-Object | Should -Be $expected
        (Get-Bodies $script:sourceMetrics)[0].uuids | Sort-Object | Should -Be $expected
        Get-SandboxRequest $script:sb -Path $script:sources | Should -BeNullOrEmpty
        $metrics[0].Type | Should -BeNullOrEmpty
    }

    It 'reports a malformed UUID against itself and warns about one the server does not know' {
        $unknown = [guid]::NewGuid().ToString()

        $metrics = Get-GrinfiDataSourceMetric -DataSource $script:all[0].uuid, 'nope', $unknown -ErrorVariable failed -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue

        $metrics.DataSourceUuid | Should -Be $script:all[0].uuid
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidUuid,*'
        $failed[0].TargetObject | Should -Be 'nope'
        "$warned" | Should -Match $unknown
        (Get-Bodies $script:sourceMetrics)[0].uuids | Should -Be @($script:all[0].uuid, $unknown)
    }

    It 'stops reading data sources from a server that repeats a page' {
        Set-SandboxOption $script:sb @{ maxPageSize = 2 }
        Add-SandboxFault $script:sb @{ path = $script:sources; kind = 'repeat-page'; count = 10 }

        { Get-GrinfiDataSourceMetric } | Should -Throw -ErrorId 'GrinfiPagingStalled,*'
        Get-SandboxRequest $script:sb -Path $script:sourceMetrics | Should -BeNullOrEmpty
    }
}

Describe 'The contract' {
    It 'saw no violation from these tests' {
        @(Get-SandboxViolation $script:sb | Where-Object { -not $_.expected }) | Should -BeNullOrEmpty
    }
}
