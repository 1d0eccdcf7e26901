# Activities: Get- and New-GrinfiActivity against the sandbox, as users drive them.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 60
    $script:activities = '/leads/api/activities'
    function Get-ActivityRequest([string] $Method) { @(Get-SandboxRequest $script:sb -Path $script:activities -Method $Method) }
    function Get-SentFilter { Get-ActivityRequest GET | ForEach-Object { [uri]::UnescapeDataString(($_.query -split '&' | Where-Object { $_ -like 'filter=*' }).Substring(7)) | ConvertFrom-Json -DateKind String } }
    function New-TestContacts([int] $Count) {
        # Fresh contacts: no seeded activities are on them.
        (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = $Count }).uuids | Get-GrinfiLead
    }
    function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Get-GrinfiActivity' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
    }

    It 'reads a contact''s timeline with the server''s filter, oldest first, or newest first with -Descending' {
        $lead = Get-GrinfiLead -First 1
        Clear-SandboxRequest $script:sb

        $timeline = @($lead | Get-GrinfiActivity)
        $newest = @($lead | Get-GrinfiActivity -Descending)

        $timeline.Count | Should -BeGreaterThan 1
        $timeline.ObjectUuid | Sort-Object -Unique | Should -Be $lead.Uuid
        $timeline.ObjectName | Sort-Object -Unique | Should -Be $lead.Name
        $timeline.CreatedAt | Should -Be ($timeline.CreatedAt | Sort-Object)
        $newest.Uuid | Should -Be ($timeline.Uuid[($timeline.Count - 1)..0])
        (Get-SentFilter)[0].lead_uuid | Should -Be $lead.Uuid
        (Get-ActivityRequest GET)[0].query | Should -Match 'order_type=asc'
    }

    It 'reads each piped contact on its own, and ends a read on a page shorter than one seen before' {
        # The vendor's page of activities: data only, no has_more or total (also when a suite runs generous).
        Set-SandboxOption $script:sb @{ reading = 'minimal' }
        $leads = New-TestContacts 3
        $null = $leads[0] | New-GrinfiActivity email_sent -InformationAction Ignore
        $null = $leads[0] | New-GrinfiActivity email_opened -InformationAction Ignore
        $null = $leads[0] | New-GrinfiActivity email_replied -InformationAction Ignore
        $null = $leads[1] | New-GrinfiActivity email_sent -InformationAction Ignore
        $null = $leads[2] | New-GrinfiActivity email_sent -InformationAction Ignore
        $null = $leads[2] | New-GrinfiActivity email_opened -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        $found = $leads | Get-GrinfiActivity

        $found.Count | Should -Be 6
        $leads | ForEach-Object { @($found | Where-Object ObjectUuid -eq $_.Uuid).Count } | Should -Be 3, 1, 2
        $found.ObjectUuid | Select-Object -Unique | Should -Be $leads.Uuid
        # The first contact's page of 3 needs an empty page to prove its end (the schema states
        # no total); pages of 1 and 2 are shorter than the 3 already served, so they end at once.
        (Get-ActivityRequest GET).Count | Should -Be 4
        (Get-SentFilter).lead_uuid | Should -Be $leads[0].Uuid, $leads[0].Uuid, $leads[1].Uuid, $leads[2].Uuid
    }

    It 'filters by -Type, -After and -Before on the server, one read per type' {
        $lead = New-TestContacts 1
        'email_sent', 'email_opened', 'email_sent', 'linkedin_message_sent' | ForEach-Object { $null = $lead | New-GrinfiActivity $_ -InformationAction Ignore }
        $after = (Get-Date).AddMinutes(-5)
        $before = (Get-Date).AddMinutes(5)
        Clear-SandboxRequest $script:sb

        $found = $lead | Get-GrinfiActivity -Type email_sent, linkedin_message_sent -After $after -Before $before

        $found.Type | Should -Be 'email_sent', 'email_sent', 'linkedin_message_sent'
        $filters = @(Get-SentFilter)
        $filters.type | Sort-Object -Unique | Should -Be 'email_sent', 'linkedin_message_sent'
        [datetime]$filters[0].created_at.'>' | Should -Be $after.ToUniversalTime()
        [datetime]$filters[0].created_at.'<' | Should -Be $before.ToUniversalTime()
        $lead | Get-GrinfiActivity -Before (Get-Date).AddDays(-1) | Should -BeNullOrEmpty
    }

    It 'reads the team''s activities of a type when no contact is given' {
        Clear-SandboxRequest $script:sb

        $replies = Get-GrinfiActivity -Type email_replied

        $replies | Should -Not -BeNullOrEmpty
        $replies.Type | Sort-Object -Unique | Should -Be 'email_replied'
        ($replies.ObjectUuid | Sort-Object -Unique).Count | Should -BeGreaterThan 1
        (Get-SentFilter)[0].PSObject.Properties.Name | Should -Be 'type'
    }

    It 'reads nothing for an empty pipeline, and reports bad items with the item as TargetObject' {
        Clear-SandboxRequest $script:sb
        $list = Get-GrinfiList 'Prospects'

        @() | Get-GrinfiActivity
        $found = $list, 'nope' | Get-GrinfiActivity -ErrorVariable failed -ErrorAction SilentlyContinue

        $found | Should -BeNullOrEmpty
        $failed.TargetObject[1] | Should -Be 'nope'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotAContact,*'
        Get-ActivityRequest GET | Should -BeNullOrEmpty
    }

    It 'stops with GrinfiFilterIgnored, writing nothing, when the server ignores the filter' {
        $lead = Get-GrinfiLead -First 1
        Add-SandboxFault $script:sb @{ method = 'GET'; path = $script:activities; kind = 'ignore-filter' }

        $found = $lead | Get-GrinfiActivity -ErrorVariable failed -ErrorAction SilentlyContinue

        $found | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiFilterIgnored,*'
        $failed[0].TargetObject.Uuid | Should -Be $lead.Uuid
    }

    It 'reads a company''s timeline, piped or by -Company' {
        $lead = Get-GrinfiLead -Filter @{ company_uuid = 'is_not_null' } -First 1
        $company = Get-GrinfiCompany $lead.CompanyUuid
        $null = $company | New-GrinfiActivity contact_enriched -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        $piped = @($company | Get-GrinfiActivity)
        $named = @(Get-GrinfiActivity -Company $company.Uuid)

        $piped.Type | Should -Be 'contact_enriched'
        $piped.ObjectType | Should -Be 'company'
        $named.Uuid | Should -Be $piped.Uuid
        (Get-SentFilter).company_uuid | Sort-Object -Unique | Should -Be $company.Uuid
    }

    It 'refuses a malformed -Type or an empty date range before any request' {
        Clear-SandboxRequest $script:sb

        { Get-GrinfiActivity -Type 'Email Sent' } | Should -Throw -ErrorId 'GrinfiInvalidActivityType,*'
        { Get-GrinfiActivity -After (Get-Date) -Before (Get-Date).AddDays(-1) } | Should -Throw -ErrorId 'GrinfiInvalidDateRange,*'
        Get-ActivityRequest GET | Should -BeNullOrEmpty
    }

    It 'completes -Type with the documented activity types' {
        Complete 'Get-GrinfiActivity -Type email_r' | Should -Be 'email_replied'
        Complete 'New-GrinfiActivity -Type linkedin_conn' | Should -Be 'linkedin_connection_request_sent', 'linkedin_connection_request_accepted'
    }
}

Describe 'New-GrinfiActivity' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
    }

    It 'records an activity on each piped contact, one POST each, with its payload, and reports bad items' {
        $leads = New-TestContacts 3
        $tag = Get-GrinfiTag 'VIP'
        Clear-SandboxRequest $script:sb

        $created = $leads[0], $tag, $leads[1], [guid]::NewGuid(), $leads[2] |
            New-GrinfiActivity email_sent -Payload @{ subject = 'Hello'; step = 2 } -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        $created.Count | Should -Be 3
        $created.ObjectUuid | Should -Be $leads.Uuid
        $created[0].Payload.subject | Should -Be 'Hello'
        $posts = Get-ActivityRequest POST
        $posts.Count | Should -Be 4
        $body = $posts[0].body | ConvertFrom-Json
        $body.object_type | Should -Be 'lead'
        $body.type | Should -Be 'email_sent'
        $body.payload.step | Should -Be 2
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotAContact,*'
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiValidationError,*'
        "$summary" | Should -Be 'Record activity email_sent: 3 activities; 1 failed.'
        ($leads[1] | Get-GrinfiActivity).Type | Should -Be 'email_sent'
    }

    It 'warns about a type the API does not document, and refuses one of the wrong form before any request' {
        $lead = New-TestContacts 1
        Clear-SandboxRequest $script:sb

        $created = $lead | New-GrinfiActivity call_logged -WarningVariable warned -WarningAction SilentlyContinue -InformationAction Ignore
        { $lead | New-GrinfiActivity 'Call logged' } | Should -Throw -ErrorId 'GrinfiInvalidActivityType,*'
        { $lead | New-GrinfiActivity email_sent -Payload 'text' } | Should -Throw -ErrorId 'GrinfiInvalidPayload,*'

        $created.Type | Should -Be 'call_logged'
        "$warned" | Should -Match 'not one of the activity types the API documents'
        (Get-ActivityRequest POST).Count | Should -Be 1
    }

    It 'sends nothing under -WhatIf, and says how many on whom' {
        $leads = New-TestContacts 2
        Clear-SandboxRequest $script:sb

        $text = Get-HostOutput { $leads | New-GrinfiActivity email_opened -WhatIf }

        $text | Should -Match '"Record activity email_opened" on target "2 activities on .+, .+"'
        Get-ActivityRequest POST | Should -BeNullOrEmpty
    }
}

Describe 'The contract check' {
    It 'found no violation in anything these tests sent' {
        Get-SandboxViolation $script:sb | Where-Object { -not $_.expected } | Should -BeNullOrEmpty
    }
}
