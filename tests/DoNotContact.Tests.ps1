# The do-not-contact lists of people and of companies: Get-, Add- and Remove-, against the sandbox.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 40
    $script:people = '/leads/api/leads-blacklist'
    $script:companies = '/leads/api/companies-blacklist'
    function Get-ListRequest([string] $Path, [string] $Method) { @(Get-SandboxRequest $script:sb -Path "$Path*" -Method $Method) }
    function Get-Entries([string] $Path) { @(Invoke-SandboxApi $script:sb "$($Path)?limit=1000" | ForEach-Object data) }
    function New-TestContacts([int] $Count, [hashtable] $Fields = @{}) {
        (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = $Count; fields = $Fields }).uuids | Get-GrinfiLead
    }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Add-GrinfiDoNotContact' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
    }

    It 'adds an entry per email and LinkedIn handle of piped contacts, addresses and profile URLs, and reports the rest' {
        $lead = New-TestContacts 1 @{ work_email = 'ada@analytical.example'; personal_email = 'ada@home.example'; linkedin = 'https://www.linkedin.com/in/ada-lovelace/' }
        Clear-SandboxRequest $script:sb

        $added = $lead, 'Grace@Navy.example', 'https://uk.linkedin.com/in/alan-turing?trk=x', 'no idea', 'https://www.linkedin.com/company/acme' |
            Add-GrinfiDoNotContact -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        $bodies = (Get-ListRequest $script:people POST).body | ConvertFrom-Json
        $bodies.Count | Should -Be 5
        $bodies | ForEach-Object { @($_.PSObject.Properties).Count | Should -Be 1 }
        $bodies.email | Where-Object { $_ } | Should -Be 'ada@analytical.example', 'ada@home.example', 'Grace@navy.example'
        $bodies.linkedin | Where-Object { $_ } | Should -Be 'ada-lovelace', 'alan-turing'
        $added.Count | Should -Be 5
        $added | ForEach-Object { $_ | Should -BeOfType GrinfiPS.Model.GrinfiDoNotContact }
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotAPerson,*'
        $failed[0].TargetObject | Should -Be 'no idea'
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidLinkedInId,*'
        $failed[1].TargetObject | Should -Be 'https://www.linkedin.com/company/acme'
        "$summary" | Should -Be 'Add to the do-not-contact list: 5 entries.'
    }

    It 'leaves values already on the list alone, and sends a value given twice once' {
        Clear-SandboxRequest $script:sb

        Add-GrinfiDoNotContact -Email 'UNSUBSCRIBE@competitor.example', 'new@optout.example', 'new@optout.example' -LinkedInId 'linkedin.com/in/do-not-contact-me' -InformationVariable summary

        ((Get-ListRequest $script:people POST).body | ConvertFrom-Json).email | Should -Be 'new@optout.example'
        "$summary" | Should -Be 'Add to the do-not-contact list: 1 entry; 2 already on the list.'
        (Get-ListRequest $script:people GET).Count | Should -Be 1
    }

    It 'checks every value for shape before any request' {
        Clear-SandboxRequest $script:sb

        Add-GrinfiDoNotContact -Email 'jane@', 'jane.acme.com', 'Jane Doe <jane@acme.com>', 'jane@acme' -ErrorVariable badEmail -ErrorAction SilentlyContinue
        Add-GrinfiDoNotContact -LinkedInId 'ACoAAB1x2y3z4w5v6u7t8s9r0q', 'https://twitter.com/jane' -ErrorVariable badLinkedIn -ErrorAction SilentlyContinue

        $badEmail.Count | Should -Be 4
        $badEmail | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidEmail,*' }
        $badEmail.TargetObject | Should -Be 'jane@', 'jane.acme.com', 'Jane Doe <jane@acme.com>', 'jane@acme'
        "$($badEmail[3])" | Should -Match 'no top-level domain'
        $badLinkedIn[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiLinkedInHandleRequired,*'
        $badLinkedIn[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidLinkedInId,*'
        Get-ListRequest $script:people | Should -BeNullOrEmpty
    }

    It 'skips blank lines of an opt-out file, given to -Email or piped' {
        $file = Join-Path $TestDrive 'optouts.txt'
        Set-Content $file -Value 'first@optout.example', '', '   ', 'second@optout.example'
        Clear-SandboxRequest $script:sb

        Add-GrinfiDoNotContact -Email (Get-Content $file) -ErrorVariable failedNamed -InformationAction Ignore
        Get-Content $file | Add-GrinfiCompanyDoNotContact -ErrorVariable failedPiped -ErrorAction SilentlyContinue -InformationAction Ignore

        $failedNamed | Should -BeNullOrEmpty
        ((Get-ListRequest $script:people POST).body | ConvertFrom-Json).email | Should -Be 'first@optout.example', 'second@optout.example'
        # Addresses are no company domains: the two lines are errors, the blank ones are not.
        $failedPiped.TargetObject | Should -Be 'first@optout.example', 'second@optout.example'
    }

    It 'reads Email and LinkedIn columns of any spelling Set-GrinfiLead knows (Import-Csv)' {
        $csv = Join-Path $TestDrive 'optouts.csv'
        @(
            [pscustomobject]@{ 'E-mail Address' = 'one@optout.example'; 'LinkedIn URL' = '' }
            [pscustomobject]@{ 'E-mail Address' = ''; 'LinkedIn URL' = 'https://www.linkedin.com/in/two-optout' }
            [pscustomobject]@{ 'E-mail Address' = 'three@optout.example'; 'LinkedIn URL' = 'https://www.linkedin.com/in/three-optout' }
        ) | Export-Csv $csv -NoTypeInformation

        Import-Csv $csv | Add-GrinfiDoNotContact -InformationAction Ignore

        $entries = Get-Entries $script:people
        $entries.email | Should -Contain 'one@optout.example'
        $entries.email | Should -Contain 'three@optout.example'
        $entries.linkedin | Should -Contain 'two-optout'
        $entries.linkedin | Should -Contain 'three-optout'
    }

    It 'fetches contacts given by UUID in one search, and reports one that does not exist' {
        $leads = New-TestContacts 3 @{ work_email = 'same@team.example' }
        $ghost = [guid]::NewGuid().ToString()
        Clear-SandboxRequest $script:sb

        $leads[0].Uuid, $ghost, $leads[1].Uuid | Add-GrinfiDoNotContact -ErrorVariable failed -ErrorAction SilentlyContinue -InformationAction Ignore

        (Get-SandboxRequest $script:sb -Path '/leads/api/leads/search').Count | Should -Be 1
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiLeadNotFound,*'
        $failed[0].TargetObject | Should -Be $ghost
        ((Get-ListRequest $script:people POST).body | ConvertFrom-Json).email | Should -Contain 'same@team.example'
    }

    It 'reports a contact with nothing to block by' {
        $lead = New-TestContacts 1 @{ work_email = $null; personal_email = $null; linkedin = $null; ln_id = $null; sn_id = $null }
        Clear-SandboxRequest $script:sb

        $lead | Add-GrinfiDoNotContact -ErrorVariable failed -ErrorAction SilentlyContinue

        $lead.WorkEmail, $lead.PersonalEmail, $lead.LinkedIn | Where-Object { $_ } | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNothingToBlock,*'
        $failed[0].TargetObject.Uuid | Should -Be $lead.Uuid
        Get-ListRequest $script:people POST | Should -BeNullOrEmpty
    }

    It 'reads the list but adds nothing under -WhatIf, and says how many' {
        Clear-SandboxRequest $script:sb

        $text = Get-HostOutput { Add-GrinfiDoNotContact -Email 'a@optout.example', 'b@optout.example' -WhatIf }

        $text | Should -Match '"Add to the do-not-contact list" on target "2 entries: email a@optout.example, email b@optout.example"'
        Get-ListRequest $script:people POST | Should -BeNullOrEmpty
    }
}

Describe 'Get-GrinfiDoNotContact' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
    }

    It 'lists every entry without arguments, page by page' {
        Set-SandboxOption $script:sb @{ maxPageSize = 3 }
        $expected = 4
        Clear-SandboxRequest $script:sb

        $all = Get-GrinfiDoNotContact

        $all.Count | Should -Be $expected
        $all.Email | Should -Contain 'unsubscribe@competitor.example'
        # Pages of 3 with a total of 4: two requests, no empty page needed.
        (Get-ListRequest $script:people GET).Count | Should -Be 2
    }

    It 'finds entries by email ignoring case, by LinkedIn address, and for piped contacts (a name entry too)' {
        $max = New-TestContacts 1 @{ first_name = 'Max'; last_name = 'Mustermann'; company_name = 'Beispiel GmbH' }
        Clear-SandboxRequest $script:sb

        $byEmail = Get-GrinfiDoNotContact -Email 'Legal@BigCorp.example'
        $byLinkedIn = Get-GrinfiDoNotContact -LinkedInId 'https://www.linkedin.com/in/Do-Not-Contact-Me/'
        $byContact = $max | Get-GrinfiDoNotContact
        $none = Get-GrinfiDoNotContact -Email 'nobody@nowhere.example'

        $byEmail.Email | Should -Be 'legal@bigcorp.example'
        $byLinkedIn.LinkedIn | Should -Be 'do-not-contact-me'
        $byContact.Name | Should -Be 'Max Mustermann'
        $none | Should -BeNullOrEmpty
        (Get-ListRequest $script:people GET).Count | Should -Be 4
    }

    It 'writes nothing for an empty pipeline or a pipeline of bad items' {
        Clear-SandboxRequest $script:sb

        $none = @() | Get-GrinfiDoNotContact
        $bad = 'no idea' | Get-GrinfiDoNotContact -ErrorAction SilentlyContinue

        $none, $bad | Should -BeNullOrEmpty
        Get-ListRequest $script:people GET | Should -BeNullOrEmpty
    }

    It 'stops with GrinfiPagingRunaway when the server invents pages past its total' {
        Add-SandboxFault $script:sb @{ method = 'GET'; path = $script:people; kind = 'phantom-page'; total = 50; count = 20 }
        Clear-SandboxRequest $script:sb

        $null = Get-GrinfiDoNotContact -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiPagingRunaway,*'
        # ceil(50 / 1000) + 3 pages at most.
        (Get-ListRequest $script:people GET).Count | Should -Be 4
        Invoke-SandboxControl $script:sb faults -Method DELETE | Out-Null
    }
}

Describe 'Remove-GrinfiDoNotContact' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
    }

    It 'finds the entries of values with one read of the list, deletes them, and reports a value not on it' {
        Add-GrinfiDoNotContact -Email 'twice@optout.example' -InformationAction Ignore
        $null = Invoke-SandboxApi $script:sb $script:people -Method POST -Body @{ email = 'TWICE@optout.example' }
        Clear-SandboxRequest $script:sb

        Remove-GrinfiDoNotContact -Email 'twice@optout.example', 'never@listed.example' -LinkedInId 'do-not-contact-me' -Force -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        (Get-ListRequest $script:people GET).Count | Should -Be 1
        (Get-ListRequest $script:people DELETE).Count | Should -Be 3
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiDoNotContactNotFound,*'
        $failed[0].TargetObject | Should -Be 'never@listed.example'
        "$summary" | Should -Be 'Remove from the do-not-contact list: 3 entries.'
        (Get-Entries $script:people).Count | Should -Be 3
    }

    It 'deletes piped entries by UUID without reading the list' {
        $entries = Get-GrinfiDoNotContact | Where-Object Email
        Clear-SandboxRequest $script:sb

        $entries | Remove-GrinfiDoNotContact -Force -InformationAction Ignore

        Get-ListRequest $script:people GET | Should -BeNullOrEmpty
        (Get-ListRequest $script:people DELETE).path | Should -Be ($entries.Uuid | ForEach-Object { "$script:people/$_" })
    }

    It 'asks first: a session that cannot prompt gets GrinfiConfirmationRequired before any DELETE' {
        Clear-SandboxRequest $script:sb

        { Remove-GrinfiDoNotContact -Email 'legal@bigcorp.example' } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'

        Get-ListRequest $script:people DELETE | Should -BeNullOrEmpty
    }

    It 'deletes nothing under -WhatIf' {
        Clear-SandboxRequest $script:sb

        $text = Get-HostOutput { Get-GrinfiDoNotContact | Remove-GrinfiDoNotContact -WhatIf }

        $text | Should -Match 'on target "4 entries: email unsubscribe@competitor.example, email legal@bigcorp.example, LinkedIn do-not-contact-me and 1 more"'
        Get-ListRequest $script:people DELETE | Should -BeNullOrEmpty
    }
}

Describe 'The do-not-contact list of companies' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
    }

    It 'adds piped companies, domains and websites by their host, and reports what names no company' {
        $withDomain, $withSite, $bare = [pscustomobject]@{ Name = 'Acme'; Domain = 'acme.example' },
            [pscustomobject]@{ Name = 'Globex'; Website = 'https://www.globex.example/about' },
            [pscustomobject]@{ Name = 'Initrode Nameless' } | New-GrinfiCompany -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        $added = $withDomain, 'https://www.Umbrella.example/contact', $bare, 'not a domain', $withSite, [guid]::NewGuid().ToString(), 'www.competitor.example' |
            Add-GrinfiCompanyDoNotContact -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        ((Get-ListRequest $script:companies POST).body | ConvertFrom-Json).domain | Should -Be 'acme.example', 'umbrella.example', 'globex.example'
        $added.Domain | Should -Be 'acme.example', 'umbrella.example', 'globex.example'
        $failed.Count | Should -Be 3
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotACompany,*'
        $failed[0].TargetObject.Name | Should -Be 'Initrode Nameless'
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidDomain,*'
        $failed[2].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotACompany,*'
        $failed[2].Exception.Message | Should -Match 'Pipe the company instead: Get-GrinfiCompany [0-9a-f-]{36} \| Add-GrinfiCompanyDoNotContact'
        "$summary" | Should -Be 'Add to the company do-not-contact list: 3 entries; 1 already on the list.'
    }

    It 'finds entries by domain or website, and removes them by domain or as piped entries' {
        $found = Get-GrinfiCompanyDoNotContact -Domain 'https://www.BigCorp.example/'
        Clear-SandboxRequest $script:sb

        $found | Remove-GrinfiCompanyDoNotContact -Force -InformationAction Ignore
        Remove-GrinfiCompanyDoNotContact -Domain 'competitor.example', 'never.example' -Force -ErrorVariable failed -ErrorAction SilentlyContinue -InformationAction Ignore

        $found.Domain | Should -Be 'bigcorp.example'
        (Get-ListRequest $script:companies DELETE).Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiCompanyDoNotContactNotFound,*'
        $failed[0].TargetObject | Should -Be 'never.example'
        Get-Entries $script:companies | Should -BeNullOrEmpty
    }

    It 'refuses a company of another team, and deletes nothing under -WhatIf or without confirmation' {
        $second = Connect-TestSandbox $script:sb -Second -Parameters @{ PassThru = $true }
        $other = [pscustomobject]@{ Name = 'Elsewhere'; Domain = 'elsewhere.example' } | New-GrinfiCompany -Connection $second -InformationAction Ignore
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        $other | Add-GrinfiCompanyDoNotContact -ErrorVariable failed -ErrorAction SilentlyContinue
        Remove-GrinfiCompanyDoNotContact -Domain 'bigcorp.example' -WhatIf
        { Remove-GrinfiCompanyDoNotContact -Domain 'bigcorp.example' } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiOtherTeam,*'
        Get-ListRequest $script:companies POST | Should -BeNullOrEmpty
        Get-ListRequest $script:companies DELETE | Should -BeNullOrEmpty
    }
}

Describe 'The contract check' {
    It 'found no violation in anything these tests sent' {
        Get-SandboxViolation $script:sb | Where-Object { -not $_.expected } | Should -BeNullOrEmpty
    }
}
