# Automations per contact: Add-, Get-, Stop-, Resume-GrinfiAutomationLead, Clear-GrinfiAutomationHistory,
# Get-GrinfiAutomationMetric, driven as users drive them, checked against the sandbox's request log.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 100
    $script:list = '/flows/api/flows-leads/list'

    function Get-Records([string] $Flow, [string[]] $Status) {
        # The records as the sandbox holds them, read past the module (page size 1000, one page).
        $filter = @{}
        if ($Flow) { $filter.flow_uuid = @((Get-GrinfiAutomation $Flow).Uuid) }
        if ($Status) { $filter.status = @($Status) }
        @((Invoke-SandboxApi $script:sb $script:list -Method POST -Body @{ filter = $filter; limit = 1000 }).data)
    }
    function New-TestContacts([int] $Count, [string] $ListName) {
        $list = New-GrinfiList $ListName -AllowDuplicateName
        $null = Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = $Count; listUuid = $list.Uuid }
        Get-GrinfiLead -List $list
    }
    function Get-Bodies([string] $Path, [string] $Method) {
        @(Get-SandboxRequest $script:sb -Path $Path -Method $Method | ForEach-Object { $_.body | ConvertFrom-Json -DateKind String })
    }
    function Complete([string] $line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Add-GrinfiAutomationLead with existing contacts' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
    }

    It 'adds each piped contact with one request, reports a bad one against itself, and goes on' {
        $leads = New-TestContacts 3 'To add'
        $gone = [guid]::NewGuid().ToString()
        Clear-SandboxRequest $script:sb

        $results = $leads[0], $gone, 'not-a-uuid', $leads[1], (Get-GrinfiTag 'VIP'), $leads[2] |
            Add-GrinfiAutomationLead -Automation 'Event follow-up' -Force -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info

        $results.Outcome | Should -Be @('Added', 'Added', 'Added')
        $results.LeadUuid | Should -Be $leads.Uuid
        $results.Automation | Sort-Object -Unique | Should -Be 'Event follow-up'
        $posts = @(Get-SandboxRequest $script:sb -Method POST | Where-Object path -Like '/flows/api/flows/*/leads/*')
        $posts.Count | Should -Be 4
        ($posts | Where-Object status -EQ 404).path | Should -BeLike "*/leads/$gone"
        $failed.Count | Should -Be 3
        $failed.FullyQualifiedErrorId | Sort-Object | Should -Be @('GrinfiInvalidUuid,GrinfiPS.Commands.Automations.AddGrinfiAutomationLeadCommand', 'GrinfiNotAContact,GrinfiPS.Commands.Automations.AddGrinfiAutomationLeadCommand', 'GrinfiNotFound,GrinfiPS.Commands.Automations.AddGrinfiAutomationLeadCommand')
        ($failed | Where-Object { $_.FullyQualifiedErrorId -like 'GrinfiNotFound,*' }).TargetObject | Should -Be $gone
        ($failed | Where-Object { $_.FullyQualifiedErrorId -like 'GrinfiInvalidUuid,*' }).TargetObject | Should -Be 'not-a-uuid'
        ($failed | Where-Object { $_.FullyQualifiedErrorId -like 'GrinfiNotAContact,*' }).TargetObject.Name | Should -Be 'VIP'
        "$info" | Should -Match "Add to automation 'Event follow-up': 3 contacts, 1 contact failed"
        (Get-Records 'Event follow-up').lead_uuid | Sort-Object | Should -Be ($leads.Uuid | Sort-Object)
    }

    It 'warns that an automation which is not on holds its contacts' {
        $lead = Get-GrinfiLead -First 1
        $null = $lead | Add-GrinfiAutomationLead -Automation 'Event follow-up' -Force -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -Match "Automation 'Event follow-up' is off"
        $null = $lead | Add-GrinfiAutomationLead -Automation 'Welcome sequence' -Force -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -BeNullOrEmpty
    }

    It 'adds a contact given twice once, to each automation given' {
        $lead = (New-TestContacts 1 'Twice')[0]
        Clear-SandboxRequest $script:sb

        $results = $lead, $lead.Uuid | Add-GrinfiAutomationLead -Automation 'Welcome sequence', 'Re-engagement' -Force

        $results.Count | Should -Be 2
        @(Get-SandboxRequest $script:sb -Method POST | Where-Object path -Like '/flows/api/flows/*/leads/*').Count | Should -Be 2
    }

    It '-WhatIf names the count and the first contacts of each group, and sends nothing' {
        $leads = New-TestContacts 5 'What if'
        Clear-SandboxRequest $script:sb

        $shown = Get-HostOutput { $leads | Add-GrinfiAutomationLead -Automation 'Welcome sequence' -BatchSize 3 -WhatIf }

        $shown | Should -Match ([regex]::Escape("What if: Performing the operation `"Add to automation 'Welcome sequence'`" on target `"3 contacts: $($leads[0].Name) ($($leads[0].Uuid))"))
        $shown | Should -Match '2 contacts: '
        @(Get-SandboxRequest $script:sb -Method POST).Count | Should -Be 0
    }

    It 'refuses an unknown automation before anything is sent, suggesting the closest name' {
        $lead = Get-GrinfiLead -First 1
        Clear-SandboxRequest $script:sb
        { $lead | Add-GrinfiAutomationLead -Automation 'Welcom sequence' -Force } | Should -Throw -ErrorId 'GrinfiAutomationNotFound,*' -ExpectedMessage "*Did you mean 'Welcome sequence'*"
        @(Get-SandboxRequest $script:sb -Method POST).Count | Should -Be 0
    }
}

Describe 'Add-GrinfiAutomationLead with contacts to create' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
    }

    It 'creates rows in -List and adds them, checks LinkedIn values and emails first, and skips existing contacts with -SkipExisting' {
        $existing = Get-GrinfiLead -First 1
        $rows = @(
            [pscustomobject]@{ 'LinkedIn URL' = 'https://www.linkedin.com/in/jane-new-1/'; 'First Name' = 'Jane'; 'Last Name' = 'New'; Email = 'jane@new.example'; Company = 'Newco' }
            [pscustomobject]@{ 'LinkedIn URL' = 'not a profile'; 'First Name' = 'Bad' }
            [pscustomobject]@{ 'LinkedIn URL' = $existing.LinkedIn; 'First Name' = 'Changed' }
            [pscustomobject]@{ 'LinkedIn URL' = 'omar-new-2'; 'First Name' = 'Omar'; Email = 'not-an-email' }
            [pscustomobject]@{ 'LinkedIn URL' = 'li-new-3'; 'First Name' = 'Li'; Title = 'CTO' }
        )
        Clear-SandboxRequest $script:sb

        $results = $rows | Add-GrinfiAutomationLead -Automation 'Welcome sequence' -List 'Prospects' -SkipExisting -CustomField @{ industry = 'SaaS' } -Force -ErrorVariable failed -ErrorAction SilentlyContinue

        $results.Outcome | Should -Be @('Added', 'Skipped', 'Added')
        $results.Lead | Should -Be @('Jane New', 'Changed', 'Li')
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidLinkedInId,*'
        $failed[0].TargetObject.'First Name' | Should -Be 'Bad'
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidEmail,*'
        $failed[1].TargetObject.'First Name' | Should -Be 'Omar'
        $bodies = Get-Bodies '/flows/api/flows/*/add-new-lead' POST
        $bodies.Count | Should -Be 3
        $bodies[0].lead.linkedin_id | Should -Be 'https://www.linkedin.com/in/jane-new-1/'
        $bodies[0].lead.email | Should -Be 'jane@new.example'
        $bodies[0].lead.company_name | Should -Be 'Newco'
        $bodies[0].list_uuid | Should -Be (Get-GrinfiList 'Prospects' -NoLeadCount).Uuid
        $bodies[0].skip_if_lead_exists | Should -BeTrue
        $bodies[0].custom_fields.industry | Should -Be 'SaaS'
        $bodies[2].lead.position | Should -Be 'CTO'
        $jane = Get-GrinfiLead -LinkedInId 'jane-new-1'
        $jane.ListName | Should -Be 'Prospects'
        (Get-Records 'Welcome sequence').lead_uuid | Should -Contain $jane.Uuid
        (Get-GrinfiLead -Uuid $existing.Uuid).FirstName | Should -Be $existing.FirstName
    }

    It 'takes one contact from parameters, updating a contact that exists unless told otherwise' {
        $existing = Get-GrinfiLead -First 1

        $result = Add-GrinfiAutomationLead -Automation 'Welcome sequence' -List 'Prospects' -LinkedInId $existing.LinkedIn -Position 'Head of Growth' -Segment 2 -Force

        $result.Outcome | Should -Be 'Added'
        $body = (Get-Bodies '/flows/api/flows/*/add-new-lead' POST)[0]
        $body.flow_segment_id | Should -Be 2
        $body.update_lead_if_exists | Should -BeTrue
        (Get-GrinfiLead -Uuid $existing.Uuid).Position | Should -Be 'Head of Growth'
    }

    It 'refuses an unknown custom field before anything is sent' {
        Clear-SandboxRequest $script:sb
        { Add-GrinfiAutomationLead -Automation 'Welcome sequence' -List 'Prospects' -LinkedInId 'x-y-z' -CustomField @{ industy = 'SaaS' } -Force } |
            Should -Throw -ErrorId 'GrinfiCustomFieldNotFound,*'
        @(Get-SandboxRequest $script:sb -Method POST).Count | Should -Be 0
    }
}

Describe 'Get-GrinfiAutomationLead' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
    }

    It 'lists an automation''s contacts as the sandbox holds them, with the automation''s name' {
        $expected = Get-Records 'Welcome sequence'
        $expected.Count | Should -BeGreaterThan 3

        $records = Get-GrinfiAutomationLead -Automation 'Welcome sequence'

        $records.Count | Should -Be $expected.Count
        $records.Uuid | Sort-Object | Should -Be ($expected.uuid | Sort-Object)
        $records.AutomationName | Sort-Object -Unique | Should -Be 'Welcome sequence'
        $records[0].PSObject.TypeNames | Should -Contain 'GrinfiPS.Model.GrinfiAutomationLead'
        $body = (Get-Bodies $script:list POST)[0]
        $body.filter.flow_uuid | Should -Be (Get-GrinfiAutomation 'Welcome sequence').Uuid
        $body.limit | Should -Be 1000
    }

    It 'filters by status, sending the filter and checking every record against it' {
        $records = Get-GrinfiAutomationLead -Status paused, failed

        $records.Count | Should -Be (Get-Records -Status paused, failed).Count
        $records.Status | Sort-Object -Unique | Should -Be @('failed', 'paused')
        (Get-Bodies $script:list POST)[-1].filter.status | Should -Be @('paused', 'failed')
    }

    It 'reads piped contacts'' records, 100 contacts per request' {
        $leads = New-TestContacts 150 'Many'
        $null = $leads | Invoke-GrinfiMassAction -Action AddToAutomation -Automation 'Event follow-up'
        Clear-SandboxRequest $script:sb

        $records = $leads | Get-GrinfiAutomationLead

        $records.Count | Should -Be 150
        $bodies = Get-Bodies $script:list POST
        $bodies.Count | Should -Be 2
        $bodies.filter.lead_uuid.Count | Should -Be 150
        $bodies[0].filter.PSObject.Properties.Name | Should -Not -Contain 'flow_uuid'
    }

    It 'streams pages from the last, so cancelling what it returns does not make it skip any (<reading>)' -ForEach @(
        @{ reading = 'minimal' }
        @{ reading = 'generous' }
    ) {
        Set-SandboxOption $script:sb @{ reading = $reading }
        $leads = New-TestContacts 40 'Running'
        $null = $leads | Invoke-GrinfiMassAction -Action AddToAutomation -Automation 'Event follow-up'
        Set-SandboxOption $script:sb @{ maxPageSize = 7 }
        Clear-SandboxRequest $script:sb

        # -BatchSize 1: each record is cancelled as it arrives, before the next page is read.
        Get-GrinfiAutomationLead -Automation 'Event follow-up' -Status in_progress | Stop-GrinfiAutomationLead -BatchSize 1 -Force -InformationVariable info

        $offsets = (Get-Bodies $script:list POST).offset
        @(Get-SandboxRequest $script:sb -Method PUT -Path '/flows/api/flows/leads/*/cancel').Count | Should -Be 40
        "$info" | Should -Match "Cancel from automation 'Event follow-up': 40 contacts\."
        Set-SandboxOption $script:sb @{ maxPageSize = 1000 }
        (Get-Records 'Event follow-up' -Status in_progress).Count | Should -Be 0
        (Get-Records 'Event follow-up' -Status canceled).Count | Should -Be 40
        $offsets | Should -Be @(0, 35, 28, 21, 14, 7)
    }

    It 'stops at the second page of a server that repeats its first' {
        Set-SandboxOption $script:sb @{ maxPageSize = 5 }
        Add-SandboxFault $script:sb @{ path = $script:list; kind = 'repeat-page'; count = 100 }

        $records = Get-GrinfiAutomationLead -Automation 'Welcome sequence' -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiPagingStalled,*'
        @(Get-SandboxRequest $script:sb -Path $script:list).Count | Should -Be 2
        @($records).Count | Should -Be 0
    }

    It 'passes nothing on from a server that ignores the filter' {
        Add-SandboxFault $script:sb @{ path = $script:list; kind = 'ignore-filter' }

        $records = Get-GrinfiAutomationLead -Automation 'Welcome sequence' -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiFilterIgnored,*'
        $failed[0].Exception.Message | Should -Match 'its automation is'
        @($records).Count | Should -Be 0
    }

    It 'stops reading a server that invents pages beyond its total' {
        Set-SandboxOption $script:sb @{ maxPageSize = 10 }
        Add-SandboxFault $script:sb @{ path = $script:list; kind = 'phantom-page'; count = 100; total = 5 }

        $null = Get-GrinfiAutomationLead -Automation 'Welcome sequence' -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiPagingRunaway,*'
        @(Get-SandboxRequest $script:sb -Path $script:list).Count | Should -BeLessOrEqual 4
    }

    It 'reads the last page and the first for Select-Object -First 1, nothing more' {
        Set-SandboxOption $script:sb @{ maxPageSize = 3 }
        $null = Get-GrinfiAutomationLead -Automation 'Welcome sequence' | Select-Object -First 1
        @(Get-SandboxRequest $script:sb -Path $script:list).Count | Should -Be 2
    }

    It 'completes automation names and statuses' {
        Complete 'Get-GrinfiAutomationLead -Automation Re-' | Should -Contain 'Re-engagement'
        Complete 'Get-GrinfiAutomationLead -Status pa' | Should -Be 'paused'
        Complete 'Stop-GrinfiAutomationLead -Automation Wel' | Should -Contain "'Welcome sequence'"
    }
}

Describe 'Stop-, Resume-GrinfiAutomationLead and Clear-GrinfiAutomationHistory' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        $script:leads = New-TestContacts 4 'Stopping'
        $null = $script:leads | Invoke-GrinfiMassAction -Action AddToAutomation -Automation 'Welcome sequence'
        $null = $script:leads | Invoke-GrinfiMassAction -Action AddToAutomation -Automation 'Re-engagement'
        Clear-SandboxRequest $script:sb
    }

    It 'cancels from the automations given, in one request per contact' {
        $script:leads[0..2] | Stop-GrinfiAutomationLead -Automation 'Welcome sequence', 'Re-engagement' -Force

        $bodies = Get-Bodies '/flows/api/flows/leads/*/cancel' PUT
        $bodies.Count | Should -Be 3
        $bodies[0].flow_uuids.Count | Should -Be 2
        $running = (Get-Records -Status in_progress).lead_uuid
        $running | Should -Not -Contain $script:leads[0].Uuid
        $running | Should -Contain $script:leads[3].Uuid
    }

    It 'cancels from every automation with -AllAutomations' {
        $script:leads[0], $script:leads[1].Uuid | Stop-GrinfiAutomationLead -AllAutomations -Force

        @(Get-SandboxRequest $script:sb -Method PUT -Path '/flows/api/flows/leads/*/cancel-all').Count | Should -Be 2
        (Get-Records -Status in_progress).lead_uuid | Should -Not -Contain $script:leads[1].Uuid
    }

    It 'cancels a piped record in its own automation, and refuses a plain contact without -Automation' {
        $record = Get-GrinfiAutomationLead -Automation 'Re-engagement' -Lead $script:leads[0]
        Clear-SandboxRequest $script:sb

        $record, $script:leads[1], 'oops' | Stop-GrinfiAutomationLead -Force -ErrorVariable failed -ErrorAction SilentlyContinue

        $bodies = Get-Bodies '/flows/api/flows/leads/*/cancel' PUT
        $bodies.Count | Should -Be 1
        $bodies[0].flow_uuids | Should -Be (Get-GrinfiAutomation 'Re-engagement').Uuid
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiAutomationRequired,*'
        $failed[0].TargetObject.Uuid | Should -Be $script:leads[1].Uuid
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidUuid,*'
    }

    It 'resumes paused contacts, one request per contact' {
        $paused = @(Get-GrinfiAutomationLead -Status paused)
        $paused.Count | Should -BeGreaterThan 0
        Clear-SandboxRequest $script:sb

        $paused | Resume-GrinfiAutomationLead -Force

        $bodies = Get-Bodies '/flows/api/tasks/continue-automation' PUT
        $bodies.Count | Should -Be @($paused.LeadUuid | Sort-Object -Unique).Count
        $bodies.lead_uuid | Sort-Object | Should -Be ($paused.LeadUuid | Sort-Object -Unique)
        @(Get-GrinfiAutomationLead -Status paused).Count | Should -Be 0
    }

    It 'resumes a contact the API does not know as an error about it' {
        $gone = [guid]::NewGuid().ToString()
        $gone, $script:leads[0] | Resume-GrinfiAutomationLead -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiValidationError,*'
        $failed[0].TargetObject | Should -Be $gone
    }

    It 'asks before clearing a history, and stops in a session that cannot ask' {
        { $script:leads[0] | Clear-GrinfiAutomationHistory } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'
        @(Get-SandboxRequest $script:sb -Method DELETE).Count | Should -Be 0
        $shown = Get-HostOutput { $script:leads | Clear-GrinfiAutomationHistory -WhatIf }
        $shown | Should -Match 'Delete the automation history \(every automation record\)" on target "4 contacts: '
        @(Get-SandboxRequest $script:sb -Method DELETE).Count | Should -Be 0
    }

    It 'clears each contact''s records once, and reports one without records against itself' {
        $records = Get-GrinfiAutomationLead -Lead $script:leads[0..1]
        $records.Count | Should -Be 4
        $empty = (New-TestContacts 1 'No history')[0]
        Clear-SandboxRequest $script:sb

        $records + $empty | Clear-GrinfiAutomationHistory -Force -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable info

        @(Get-SandboxRequest $script:sb -Method DELETE).Count | Should -Be 3
        @(Get-GrinfiAutomationLead -Lead $script:leads[0..1]).Count | Should -Be 0
        @(Get-GrinfiAutomationLead -Lead $script:leads[2]).Count | Should -Be 2
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotFound,*'
        $failed[0].TargetObject.Uuid | Should -Be $empty.Uuid
        "$info" | Should -Match ': 2 contacts, 1 contact failed\.'
    }
}

Describe 'Get-GrinfiAutomationMetric' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
    }
    BeforeEach { Clear-SandboxRequest $script:sb }

    It 'gets every automation''s counts in one request, matching its records' {
        $metrics = Get-GrinfiAutomationMetric

        $metrics.Count | Should -Be 5
        @(Get-SandboxRequest $script:sb -Path '/flows/api/flows/metrics').Count | Should -Be 1
        $welcome = $metrics | Where-Object AutomationName -EQ 'Welcome sequence'
        $records = Get-Records 'Welcome sequence'
        $welcome.LeadCount | Should -Be $records.Count
        $welcome.InProgressLeadCount | Should -Be @($records | Where-Object status -EQ in_progress).Count
        $welcome.FailedLeadCount | Should -Be @($records | Where-Object status -EQ failed).Count
        $welcome.PendingTasks | Should -Be $welcome.InProgressLeadCount
        ($welcome.PendingTasksByType.Values | Measure-Object -Sum).Sum | Should -Be $welcome.PendingTasks
    }

    It 'takes automations from the pipeline, and reports a name that matches none' {
        $metrics = Get-GrinfiAutomation -Status on | Get-GrinfiAutomationMetric
        $metrics.AutomationName | Should -Be @('Welcome sequence', 'Re-engagement')
        (Get-Bodies '/flows/api/flows/metrics' POST)[0].uuids.Count | Should -Be 2

        $some = 'Re-engagement', 'Nope', 'Welcome sequence' |
            Get-GrinfiAutomationMetric -ErrorVariable failed -ErrorAction SilentlyContinue
        $some.AutomationName | Should -Be @('Re-engagement', 'Welcome sequence')
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiAutomationNotFound,*'
        $failed[0].TargetObject | Should -Be 'Nope'
    }

    It 'fits the table view in 80 columns' {
        $lines = (Get-GrinfiAutomationMetric | Out-String -Width 80) -split "`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        (Get-GrinfiAutomationMetric | Format-Table | Out-String -Width 80) | Should -Match 'PendingTasks'
    }
}

Describe 'The contract' {
    It 'saw no violation from these tests' {
        @(Get-SandboxViolation $script:sb | Where-Object { -not $_.expected }) | Should -BeNullOrEmpty
    }
}
