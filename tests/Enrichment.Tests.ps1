# Enrichment: Start-GrinfiEnrichment (spends credits: asks first, with the count), Get-GrinfiEnrichmentQueue,
# Get-GrinfiEnrichmentMetric, driven as users drive them, checked against the sandbox's request log.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 50
    $script:leadsPath = '/leads/api/leads/advanced-enrichment'
    $script:companiesPath = '/leads/api/companies/advanced-enrichment'
    $script:queue = '/leads/api/enrichment-queue'

    function Get-Bodies([string] $Path) { @(Get-SandboxRequest $script:sb -Path $Path | ForEach-Object { $_.body | ConvertFrom-Json }) }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Start-GrinfiEnrichment' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 50
        Connect-TestSandbox $script:sb
        $script:leads = Get-GrinfiLead -First 4
        Clear-SandboxRequest $script:sb
    }

    It 'asks by default, so a session that cannot ask stops before any credit is spent' {
        { $script:leads | Start-GrinfiEnrichment } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It '-WhatIf says how many it would enrich, with names, and sends nothing' {
        $shown = Get-HostOutput { $script:leads, $script:leads[0] | Start-GrinfiEnrichment -WhatIf -Force }

        $names = ($script:leads[0..2].Name) -join ', '
        $shown | Should -Match ([regex]::Escape("What if: Performing the operation `"Start advanced enrichment, which spends credits`" on target `"4 contacts: $names and 1 more`""))
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'sends piped contacts and companies to their own endpoints, each once, and reports bad input against itself' {
        $acme, $globex, $third = Get-GrinfiCompany -First 3
        # A row of another tool's export, naming its company by uuid only.
        $row = [pscustomobject]@{ CompanyUuid = $third.Uuid; Name = $third.Name }
        Clear-SandboxRequest $script:sb

        $results = $script:leads[0], $acme, 'not-a-uuid', $script:leads[1], (Get-GrinfiTag 'VIP' -NoLeadCount), $globex, $script:leads[0].Uuid, $row, $script:leads[2] |
            Start-GrinfiEnrichment -Force -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable info

        $leadBodies = Get-Bodies $script:leadsPath
        $leadBodies.Count | Should -Be 1
        $leadBodies[0].uuids | Should -Be $script:leads[0..2].Uuid
        $leadBodies[0].PSObject.Properties.Name | Should -Not -Contain 'filter'
        $companyBodies = Get-Bodies $script:companiesPath
        $companyBodies.Count | Should -Be 1
        $companyBodies[0].uuids | Should -Be @($acme.Uuid, $globex.Uuid, $row.CompanyUuid)
        $results.ObjectType | Should -Be @('Lead', 'Company')
        $results.Requested | Should -Be @(3, 3)
        # The contacts' answer has no count in the document; the companies' has one.
        $results[0].Queued | Should -BeNullOrEmpty
        $results[1].Queued | Should -Be 3
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidUuid,*'
        $failed[0].TargetObject | Should -Be 'not-a-uuid'
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotALeadOrCompany,*'
        $failed[1].TargetObject.Name | Should -Be 'VIP'
        "$info" | Should -Match 'requested for 3 contacts\.'
        "$info" | Should -Match 'requested for 3 companies; the server queued 3\.'
        (Get-GrinfiEnrichmentMetric).ThisMonthCount | Should -Be 6
    }

    It 'reads bare UUIDs as companies with -Object Company, and refuses a contact given as a company' {
        $uuids = (Get-GrinfiCompany -First 2).Uuid
        Clear-SandboxRequest $script:sb

        $null = $uuids + @($script:leads[0]) | Start-GrinfiEnrichment -Object Company -Force -ErrorVariable failed -ErrorAction SilentlyContinue

        (Get-Bodies $script:companiesPath)[0].uuids | Should -Be $uuids
        Get-SandboxRequest $script:sb -Path $script:leadsPath | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiObjectMismatch,*'
        $failed[0].TargetObject.Uuid | Should -Be $script:leads[0].Uuid
    }

    It 'refuses a company of another team before anything is sent' {
        $second = Connect-TestSandbox $script:sb -Second -Parameters @{ PassThru = $true }
        $theirs = Get-GrinfiCompany -First 1 -Connection $second
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        $null = $theirs, $script:leads[0] | Start-GrinfiEnrichment -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiOtherTeam,*'
        Get-SandboxRequest $script:sb -Path $script:companiesPath | Should -BeNullOrEmpty
        (Get-Bodies $script:leadsPath)[0].uuids | Should -Be $script:leads[0].Uuid
    }

    It 'sends -BatchSize UUIDs a request, and a failed batch is an error carrying its UUIDs' {
        $many = Get-GrinfiLead -First 7
        Clear-SandboxRequest $script:sb
        Add-SandboxFault $script:sb @{ path = $script:leadsPath; kind = 'status'; status = 500 }

        $results = $many | Start-GrinfiEnrichment -BatchSize 3 -Force -ErrorVariable failed -ErrorAction SilentlyContinue

        (Get-Bodies $script:leadsPath) | ForEach-Object { $_.uuids.Count } | Should -Be @(3, 3, 1)
        # Never resent: a retry could pay twice.
        @(Get-SandboxRequest $script:sb -Path $script:leadsPath).Count | Should -Be 3
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiServerError,*'
        $failed[0].TargetObject | Should -Be $many[0..2].Uuid
        $results.Batch | Should -Be @(1, 2)
        $results.Requested | Should -Be @(3, 1)
    }

    It 'stops at the first 402: the team is out of credits' {
        $many = Get-GrinfiLead -First 7
        Clear-SandboxRequest $script:sb
        Add-SandboxFault $script:sb @{ path = $script:leadsPath; kind = 'status'; status = 402 }

        { $many | Start-GrinfiEnrichment -BatchSize 3 -Force } | Should -Throw -ErrorId 'GrinfiPaymentRequired,*'
        @(Get-SandboxRequest $script:sb -Path $script:leadsPath).Count | Should -Be 1
    }
}

Describe 'Get-GrinfiEnrichmentQueue and Get-GrinfiEnrichmentMetric' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 50
        Connect-TestSandbox $script:sb
        $script:leads = Get-GrinfiLead -First 5
        $null = $script:leads | Start-GrinfiEnrichment -Force
        Clear-SandboxRequest $script:sb
    }

    It 'streams entries with no documented shape as they come (minimal reading: empty objects), to an empty page' {
        Set-SandboxOption $script:sb @{ reading = 'minimal' }
        $entries = Get-GrinfiEnrichmentQueue

        $entries.Count | Should -Be 5
        $entries[0].PSObject.TypeNames | Should -Contain 'GrinfiPS.Model.GrinfiEnrichmentQueueEntry'
        $entries.Uuid | Sort-Object -Unique | Should -Be ''
        # The answer states no total and no has_more: a short page is not taken for the end.
        (Get-SandboxRequest $script:sb -Path $script:queue).query | Should -Be @('limit=1000&offset=0', 'limit=1000&offset=5')
    }

    It 'shows whatever fields the server sends as properties, newest first with -Newest (generous reading)' {
        Set-SandboxOption $script:sb @{ reading = 'generous' }

        $entries = Get-GrinfiEnrichmentQueue -Newest -PageSize 2

        $entries.Count | Should -Be 5
        $entries.ObjectUuid | Should -Be ($script:leads.Uuid[4..0])
        $entries.ObjectType | Sort-Object -Unique | Should -Be 'lead'
        $entries[0].Uuid | Should -Match '^[0-9a-f-]{36}$'
        $requests = @(Get-SandboxRequest $script:sb -Path $script:queue)
        $requests.Count | Should -Be 3
        $requests[0].query | Should -Be 'limit=2&offset=0&order_field=created_at&order_type=desc'
    }

    It 'stops at the second page of a server that repeats its first' {
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        Add-SandboxFault $script:sb @{ path = $script:queue; kind = 'repeat-page'; count = 10 }

        $entries = Get-GrinfiEnrichmentQueue -PageSize 2 -ErrorVariable failed -ErrorAction SilentlyContinue

        $entries.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiPagingStalled,*'
        @(Get-SandboxRequest $script:sb -Path $script:queue).Count | Should -Be 2
    }

    It 'counts this month''s jobs in one request' {
        (Get-GrinfiEnrichmentMetric).ThisMonthCount | Should -Be 5
        $requests = @(Get-SandboxRequest $script:sb -Path "$script:queue/metrics")
        $requests.Count | Should -Be 1
        $requests[0].body | Should -Be '{}'
    }
}

Describe 'The contract' {
    It 'saw no violation from these tests' {
        @(Get-SandboxViolation $script:sb | Where-Object { -not $_.expected }) | Should -BeNullOrEmpty
    }
}
