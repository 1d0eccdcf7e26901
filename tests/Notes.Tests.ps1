# Notes: New-, Get-, Set- and Remove-GrinfiNote against the sandbox, as users drive them.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 60
    $script:notes = '/leads/api/notes'
    function Get-NoteRequest([string] $Method) { @(Get-SandboxRequest $script:sb -Path "$script:notes*" -Method $Method) }
    function New-TestContacts([int] $Count) {
        # Fresh contacts: no seeded notes or activities are on them.
        (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = $Count }).uuids | Get-GrinfiLead
    }
    function Get-AllNotes { @(Invoke-SandboxApi $script:sb "$($script:notes)?limit=1000" | ForEach-Object data) }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'New-GrinfiNote' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
    }

    It 'adds a note to each piped contact, one POST each, and reports bad items with the item as TargetObject' {
        $leads = New-TestContacts 3
        $list = Get-GrinfiList 'Prospects'
        Clear-SandboxRequest $script:sb

        $created = $leads[0], 'not-a-uuid', $leads[1], $list, $leads[2] |
            New-GrinfiNote 'Called; wants a demo' -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        $created.Count | Should -Be 3
        $created.ObjectUuid | Should -Be $leads.Uuid
        $created.ObjectName | Should -Be $leads.Name
        $created | ForEach-Object { $_ | Should -BeOfType GrinfiPS.Model.GrinfiNote }
        $posts = Get-NoteRequest POST
        $posts.Count | Should -Be 3
        $bodies = $posts.body | ConvertFrom-Json
        $bodies.object | Sort-Object -Unique | Should -Be 'lead'
        $bodies.note | Sort-Object -Unique | Should -Be 'Called; wants a demo'
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidUuid,*'
        $failed[0].TargetObject | Should -Be 'not-a-uuid'
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotAContact,*'
        $failed[1].TargetObject.Uuid | Should -Be $list.Uuid
        "$summary" | Should -Be 'Add note: 3 notes.'
        (Get-AllNotes | Where-Object object_uuid -in $leads.Uuid).Count | Should -Be 3
    }

    It 'takes a piped company (Get-GrinfiCompany) as a company, and -Company a company UUID' {
        $lead = Get-GrinfiLead -Filter @{ company_uuid = 'is_not_null' } -First 1
        $company = Get-GrinfiCompany $lead.CompanyUuid
        Clear-SandboxRequest $script:sb

        $piped = $company | New-GrinfiNote 'Renewal due in March' -InformationAction Ignore
        $named = New-GrinfiNote 'Second site opening' -Company $lead.CompanyUuid -InformationAction Ignore

        $piped.Object, $named.Object | Should -Be 'company', 'company'
        $piped.ObjectUuid, $named.ObjectUuid | Should -Be $lead.CompanyUuid, $lead.CompanyUuid
        $piped.ObjectName | Should -Be $company.Name
        (Get-NoteRequest POST).body | ConvertFrom-Json | ForEach-Object { $_.object | Should -Be 'company' }
    }

    It 'takes the text of each row from its Note column (Import-Csv)' {
        $leads = New-TestContacts 3
        $csv = Join-Path $TestDrive 'notes.csv'
        @(
            [pscustomobject]@{ Uuid = $leads[0].Uuid; Note = 'Met at the booth' }
            [pscustomobject]@{ Uuid = $leads[1].Uuid; Note = 'Sent the deck' }
            [pscustomobject]@{ Uuid = $leads[2].Uuid; Note = 'Asked for pricing' }
        ) | Export-Csv $csv -NoTypeInformation

        $created = Import-Csv $csv | New-GrinfiNote -InformationAction Ignore

        $created.Text | Should -Be 'Met at the booth', 'Sent the deck', 'Asked for pricing'
        $created.ObjectUuid | Should -Be $leads.Uuid
    }

    It 'sends nothing under -WhatIf, and says how many notes on whom' {
        $leads = New-TestContacts 4
        Clear-SandboxRequest $script:sb

        $text = Get-HostOutput { $leads | New-GrinfiNote 'Call back' -WhatIf }

        $text | Should -Match '4 notes on .+, .+, .+ and 1 more'
        Get-NoteRequest POST | Should -BeNullOrEmpty
    }

    It 'reports a contact the server does not know, and goes on with the rest' {
        $leads = New-TestContacts 2
        $ghost = [guid]::NewGuid().ToString()

        $created = $leads[0].Uuid, $ghost, $leads[1].Uuid | New-GrinfiNote 'Hello' -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        $created.Count | Should -Be 2
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiValidationError,*'
        $failed[0].TargetObject | Should -Be $ghost
        "$summary" | Should -Be 'Add note: 2 notes; 1 failed.'
    }

    It 'never sends a note twice: a POST whose answer was lost is an error, not a retry' {
        $lead = New-TestContacts 1
        Add-SandboxFault $script:sb @{ method = 'POST'; path = $script:notes; kind = 'drop-after' }
        Clear-SandboxRequest $script:sb

        $lead | New-GrinfiNote 'Only once' -ErrorVariable failed -ErrorAction SilentlyContinue -InformationAction Ignore

        $failed.Count | Should -Be 1
        $failed[0].TargetObject.Uuid | Should -Be $lead.Uuid
        (Get-NoteRequest POST).Count | Should -Be 1
        @(Get-AllNotes | Where-Object object_uuid -eq $lead.Uuid).Count | Should -Be 1
    }

    It 'refuses a contact of another team before any request' {
        Connect-TestSandbox $script:sb -Second
        $other = Get-GrinfiLead -First 1
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        $other | New-GrinfiNote 'Wrong team' -ErrorVariable failed -ErrorAction SilentlyContinue -InformationAction Ignore

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiOtherTeam,*'
        Get-NoteRequest POST | Should -BeNullOrEmpty
    }
}

Describe 'Get-GrinfiNote' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
    }

    It 'finds the notes of piped contacts with one scan of the team''s notes, whatever their number' {
        # The vendor's page of notes: data only, no has_more or total (also when a suite runs generous).
        Set-SandboxOption $script:sb @{ reading = 'minimal' }
        $leads = New-TestContacts 3
        $null = $leads | New-GrinfiNote 'First' -InformationAction Ignore
        $null = $leads[1] | New-GrinfiNote 'Second' -InformationAction Ignore
        $total = (Get-AllNotes).Count
        Clear-SandboxRequest $script:sb

        $found = $leads | Get-GrinfiNote

        $found.Count | Should -Be 4
        $found.ObjectUuid | Sort-Object -Unique | Should -Be ($leads.Uuid | Sort-Object)
        $found | Where-Object ObjectUuid -eq $leads[1].Uuid | ForEach-Object { $_.ObjectName | Should -Be $leads[1].Name }
        # One read of all notes for the three contacts (not one per contact): a page, then the
        # empty page that proves the end (the schema states no total).
        $gets = Get-NoteRequest GET
        $gets.Count | Should -Be 2
        $gets[0].query | Should -Match 'order_field=created_at'
        $total | Should -BeGreaterThan 4
    }

    It 'reads every note when the server serves fewer than asked without saying so' {
        Set-SandboxOption $script:sb @{ reading = 'minimal' }
        $leads = New-TestContacts 2
        $null = $leads | New-GrinfiNote 'Clamped' -InformationAction Ignore
        $total = (Get-AllNotes).Count
        Set-SandboxOption $script:sb @{ maxPageSize = 7 }
        Clear-SandboxRequest $script:sb

        $all = Get-GrinfiNote -All
        $theirs = $leads | Get-GrinfiNote

        $all.Count | Should -Be $total
        $theirs.Count | Should -Be 2
        # Pages of 7 (shorter than the 1,000 asked for): the read goes on until a page shorter than the largest.
        (Get-NoteRequest GET).Count | Should -Be (2 * [math]::Ceiling(($total + 1) / 7))
    }

    It 'ends on has_more when the server states it (the generous reading): one request for a short team' {
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        $lead = New-TestContacts 1
        $null = $lead | New-GrinfiNote 'Stated' -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        $found = $lead | Get-GrinfiNote

        $found.Text | Should -Be 'Stated'
        (Get-NoteRequest GET).Count | Should -Be 1
    }

    It 'finds the notes of a company, piped or by -Company' {
        $lead = Get-GrinfiLead -Filter @{ company_uuid = 'is_not_null' } -First 1
        $company = Get-GrinfiCompany $lead.CompanyUuid
        $null = $company | New-GrinfiNote 'Company note' -InformationAction Ignore
        $null = $lead | New-GrinfiNote 'Contact note' -InformationAction Ignore

        $piped = @($company | Get-GrinfiNote)
        $named = @(Get-GrinfiNote -Company $lead.CompanyUuid)

        $piped.Text | Should -Be 'Company note'
        $piped.ObjectName | Should -Be $company.Name
        $named.Uuid | Should -Be $piped.Uuid
    }

    It 'stops at Select-Object -First: the notes are written as pages arrive' {
        $null = New-TestContacts 3 | New-GrinfiNote 'Some' -InformationAction Ignore
        Set-SandboxOption $script:sb @{ maxPageSize = 5 }
        Clear-SandboxRequest $script:sb

        $first = Get-GrinfiNote -All | Select-Object -First 2

        $first.Count | Should -Be 2
        (Get-NoteRequest GET).Count | Should -Be 1
    }

    It 'reads nothing for an empty pipeline, and reports bad items with the item as TargetObject' {
        Clear-SandboxRequest $script:sb

        @() | Get-GrinfiNote
        $tag = Get-GrinfiTag 'VIP'
        $found = $tag, 'nope' | Get-GrinfiNote -ErrorVariable failed -ErrorAction SilentlyContinue

        $found | Should -BeNullOrEmpty
        $failed.TargetObject | Should -Be $tag, 'nope'
        Get-NoteRequest GET | Should -BeNullOrEmpty
    }

    It 'stops with GrinfiPagingStalled when the server repeats a page, instead of reading forever' {
        $null = New-TestContacts 3 | New-GrinfiNote 'Some' -InformationAction Ignore
        Set-SandboxOption $script:sb @{ maxPageSize = 5 }
        Add-SandboxFault $script:sb @{ method = 'GET'; path = $script:notes; kind = 'repeat-page'; count = 50 }
        Clear-SandboxRequest $script:sb

        $null = Get-GrinfiNote -All -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiPagingStalled,*'
        (Get-NoteRequest GET).Count | Should -Be 2
        Invoke-SandboxControl $script:sb faults -Method DELETE | Out-Null
    }
}

Describe 'Set-GrinfiNote' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
    }

    It 'changes the text of piped notes, one PUT each; a note deleted meanwhile is GrinfiNoteNotFound' {
        $leads = New-TestContacts 3
        $notes = $leads | New-GrinfiNote 'Draft' -InformationAction Ignore
        $null = Invoke-SandboxApi $script:sb "$script:notes/$($notes[1].Uuid)" -Method DELETE
        Clear-SandboxRequest $script:sb

        $changed = $notes | Set-GrinfiNote -Text 'Final' -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        $changed.Text | Should -Be 'Final', 'Final'
        $changed.Uuid | Should -Be $notes[0].Uuid, $notes[2].Uuid
        (Get-NoteRequest PUT).Count | Should -Be 3
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNoteNotFound,*'
        $failed[0].TargetObject.Uuid | Should -Be $notes[1].Uuid
        "$summary" | Should -Be 'Change the text: 2 notes; 1 failed.'
    }

    It 'sends nothing for notes piped without a new text, and says they already had it' {
        $lead = New-TestContacts 1
        $note = $lead | New-GrinfiNote 'Same' -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        $note | Set-GrinfiNote -InformationVariable summary

        Get-NoteRequest PUT | Should -BeNullOrEmpty
        "$summary" | Should -Match '1 already had that text'
    }

    It 'takes the new text from the Text column of rows (Get-GrinfiNote | Export-Csv, edited)' {
        $leads = New-TestContacts 2
        $notes = $leads | New-GrinfiNote 'Old' -InformationAction Ignore
        $rows = $notes | Select-Object Uuid, @{ n = 'Text'; e = { "New for $($_.ObjectName)" } }

        $changed = $rows | Set-GrinfiNote -PassThru -InformationAction Ignore

        $changed.Text | Should -Be ($leads | ForEach-Object { "New for $($_.Name)" })
    }

    It 'sends nothing under -WhatIf' {
        $note = New-TestContacts 1 | New-GrinfiNote 'Keep' -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        $note | Set-GrinfiNote -Text 'Changed' -WhatIf

        Get-NoteRequest PUT | Should -BeNullOrEmpty
    }
}

Describe 'Remove-GrinfiNote' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
    }

    It 'asks first: a session that cannot prompt gets GrinfiConfirmationRequired before any DELETE' {
        $notes = New-TestContacts 2 | New-GrinfiNote 'Doomed' -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        { $notes | Remove-GrinfiNote } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'

        Get-NoteRequest DELETE | Should -BeNullOrEmpty
    }

    It 'deletes piped notes and note UUIDs with -Force, one DELETE each, and reports the bad ones' {
        $notes = New-TestContacts 3 | New-GrinfiNote 'Doomed' -InformationAction Ignore
        $lead = Get-GrinfiLead -First 1
        Clear-SandboxRequest $script:sb

        $notes[0], $notes[1].Uuid, $lead, $notes[2] | Remove-GrinfiNote -Force -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        (Get-NoteRequest DELETE).Count | Should -Be 3
        Get-AllNotes | Where-Object uuid -in $notes.Uuid | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotANote,*'
        $failed[0].TargetObject.Uuid | Should -Be $lead.Uuid
        "$summary" | Should -Be 'Delete: 3 notes.'
    }

    It 'names how many notes, and which, under -WhatIf, and deletes nothing' {
        $notes = New-TestContacts 5 | New-GrinfiNote 'Keep me' -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        $text = Get-HostOutput { $notes | Remove-GrinfiNote -WhatIf -Force }

        $text | Should -Match '"Delete" on target "5 notes: ''Keep me'' on .+ and 2 more"'
        Get-NoteRequest DELETE | Should -BeNullOrEmpty
    }
}

Describe 'The contract check' {
    It 'found no violation in anything these tests sent' {
        Get-SandboxViolation $script:sb | Where-Object { -not $_.expected } | Should -BeNullOrEmpty
    }
}
