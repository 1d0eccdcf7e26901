BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 60
    $script:list = 'CRM Customers'
    $script:massAction = '/leads/api/leads/mass-action'
    $script:upsert = '/leads/api/leads/upsert'
    $script:reads = '/leads/api/leads/search', '/leads/api/leads/count', '/leads/api/leads/lookup-one', '/leads/api/lists/metrics', '/leads/api/tags/metrics'

    function New-Contact {
        <#
            One contact with exactly the LinkedIn ids and emails given (none else), in a list by
            name (the sandbox makes a missing list), with the tags given (none by default).
        #>
        param([hashtable] $Fields = @{}, [string] $List = $script:list, [string[]] $Tags = @(), [string] $Stage)
        $values = @{ linkedin = $null; ln_id = $null; sn_id = $null; work_email = $null; personal_email = $null }
        foreach ($key in $Fields.Keys) { $values[$key] = $Fields[$key] }
        $body = @{ count = 1; listName = $List; fields = $values; tags = @($Tags) }
        if ($Stage) { $body.pipelineStageUuid = $Stage }
        (Invoke-SandboxControl $script:sb contacts -Method POST -Body $body).uuids[0]
    }

    function Get-Write {
        # Every request that changes something: not a read.
        @(Get-SandboxRequest $script:sb | Where-Object { $_.method -ne 'GET' -and $_.path -notin $script:reads })
    }

    function Get-ListRead([string] $ListUuid) {
        @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/search' | Where-Object { ($_.body | ConvertFrom-Json).filter.list_uuid -eq $ListUuid })
    }

    function Get-MassAction([string] $Type) {
        @(Get-SandboxRequest $script:sb -Path $script:massAction -Method PUT | ForEach-Object { $_.body | ConvertFrom-Json -DateKind String } |
                Where-Object { -not $Type -or $_.type -eq $Type })
    }

    function New-Csv {
        # A CSV file as a Windows export has it: CRLF line ends and, by default, a UTF-8 BOM.
        param([string] $Text, [string] $Encoding = 'utf8BOM')
        $path = Join-Path $TestDrive "$([guid]::NewGuid()).csv"
        Set-Content -Path $path -Value ($Text.Trim() -replace "`r?`n", "`r`n") -Encoding $Encoding
        $path
    }

    function Reset-Sync {
        Reset-TestSandbox $script:sb -Contacts 60
        Disconnect-Grinfi -ErrorAction Ignore
    }

    # Decomposed forms (e + combining acute, u + combining diaeresis), as a Mac export writes them.
    $script:joseNfd = "Jos" + "e" + [char]0x301
    $script:muellerNfd = "M" + "u" + [char]0x308 + "ller"
}

AfterAll {
    Disconnect-Grinfi -ErrorAction Ignore
    Stop-TestSandbox $script:sb
}

Describe 'A nightly sync from a CRM export' {
    BeforeEach {
        Reset-Sync
        $script:ada = New-Contact -Fields @{ first_name = 'Ada'; last_name = 'Lovelace'; company_name = 'Analytical Engines'; position = 'CTO'; linkedin = 'https://www.linkedin.com/in/ada-lovelace'; work_email = 'ada@ae.test' }
        $script:grace = New-Contact -Fields @{ first_name = 'Grace'; last_name = 'Hopper'; company_name = 'US Navy'; position = 'Rear Admiral'; linkedin = 'https://www.linkedin.com/in/grace-hopper'; work_email = 'grace@navy.test' }
        $script:jose = New-Contact -Fields @{ first_name = 'José'; last_name = 'Müller'; company_name = 'Zürich Versicherung AG'; position = 'Leiter Vertrieb'; linkedin = 'https://www.linkedin.com/in/jose-mueller'; work_email = 'jose@zv.test' }
        $script:alan = New-Contact -List 'Prospects' -Fields @{ first_name = 'Alan'; last_name = 'Turing'; company_name = 'Bletchley Park'; position = 'Cryptanalyst'; linkedin = 'https://www.linkedin.com/in/alan-turing' }
        Connect-TestSandbox $script:sb
        # A HubSpot export: its own headers (Record ID, Lead Status), a BOM, a cell with blanks, an
        # URL in another case and form, a name typed in decomposed Unicode, a new row, a contact
        # of another list and a row without its LinkedIn profile.
        $script:csv = New-Csv @"
"Record ID","First Name","Last Name","Company Name","Job Title","Email","LinkedIn Profile URL","Lead Status"
"101","Ada","Lovelace","Analytical Engines"," CTO ","ADA@AE.TEST","https://www.linkedin.com/in/Ada-Lovelace/","Customer"
"102","Grace","Hopper","US Navy","Commodore","grace@navy.test","https://linkedin.com/in/grace-hopper","Customer"
"103","$script:joseNfd","$script:muellerNfd","Zürich Versicherung AG","Leiter Vertrieb","jose@zv.test","jose-mueller","Customer"
"104","Margaret","Hamilton","MIT Instrumentation Lab","Director","margaret@mit.test","https://www.linkedin.com/in/margaret-hamilton","Lead"
"105","Alan","Turing","Bletchley Park","Cryptanalyst","","https://www.linkedin.com/in/alan-turing","Lead"
"106","Katherine","Johnson","NASA","Mathematician","katherine@nasa.test","","Lead"
"@
        # Read before the log is cleared: Get-GrinfiList counts the list's contacts.
        $script:listUuid = (Get-GrinfiList $script:list).Uuid
        Clear-SandboxRequest $script:sb
    }

    It 'creates the new row, updates only what changed by UUID, and refuses the rows it cannot apply' {
        $rows = Import-Csv $script:csv
        $rows | Sync-GrinfiLead -List $script:list -ErrorVariable bad -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue -InformationVariable info

        "$warned" | Should -BeLike "*'Record ID'*"
        "$warned" | Should -BeLike "*'Lead Status'*"
        $writes = Get-Write
        $writes.Count | Should -Be 2
        $put = @($writes | Where-Object method -EQ 'PUT')
        $put.path | Should -Be "/leads/api/leads/$script:grace"
        $put.body | Should -Be '{"position":"Commodore"}'
        $created = @($writes | Where-Object path -EQ $script:upsert)
        ($created.body | ConvertFrom-Json).lead.linkedin_id | Should -Be 'https://www.linkedin.com/in/margaret-hamilton'
        ($created.body | ConvertFrom-Json).list_uuid | Should -Be $script:listUuid
        # Existing contacts are never upserted: the only upsert is the new row's.
        $created.Count | Should -Be 1

        $bad.Count | Should -Be 2
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiSyncInOtherList,*'
        $bad[0].Exception.Message | Should -BeLike "Row 5 *list 'Prospects'*$script:alan*"
        $bad[0].TargetObject | Should -Be $rows[4]
        $bad[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiSyncKeyMissing,*'
        $bad[1].TargetObject | Should -Be $rows[5]
        (Get-GrinfiLead -Filter @{ linkedin = 'https://www.linkedin.com/in/alan-turing' }).Count | Should -Be 1
    }

    It 'counts in the summary and in $GrinfiLastRun exactly the writes the server received' {
        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info

        "$info" | Should -Match '^Sync-GrinfiLead: 6 rows: 1 created, 1 updated, 2 unchanged, 0 skipped, 2 failed \(\d+\.\d s\)\.$'
        $GrinfiLastRun.Command | Should -Be 'Sync-GrinfiLead'
        $GrinfiLastRun.Created | Should -Be @(Get-SandboxRequest $script:sb -Path $script:upsert).Count
        $GrinfiLastRun.Updated | Should -Be @(Get-Write | Where-Object { $_.method -eq 'PUT' -and $_.path -ne $script:massAction }).Count
        $GrinfiLastRun.Unchanged | Should -Be 2
        $GrinfiLastRun.Failed | Should -Be 2
        $GrinfiLastRun.Removed | Should -Be 0
    }

    It 'reads the list once, at the largest page, and never asks for a contact one by one' {
        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationAction Ignore

        $listReads = Get-ListRead $script:listUuid
        $listReads.Count | Should -Be 1
        ($listReads[0].body | ConvertFrom-Json).limit | Should -Be 1000
        Get-SandboxRequest $script:sb -Path '/leads/api/leads/lookup-one' | Should -BeNullOrEmpty
        Get-SandboxRequest $script:sb -Method GET | Where-Object path -Like '/leads/api/leads/*' | Should -BeNullOrEmpty
    }

    It 'sends no write when run again with the same input' {
        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -ErrorVariable bad -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info

        Get-Write | Should -BeNullOrEmpty
        "$info" | Should -Match '6 rows: 0 created, 0 updated, 4 unchanged, 0 skipped, 2 failed'
        $bad.Count | Should -Be 2
    }

    It 'resumes a run that failed part way: the second run sends only what the first did not' {
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb -Parameters @{ MaximumRetryCount = 0 }
        $csv = New-Csv (@('"First Name","LinkedIn URL","Title"') + (1..6 | ForEach-Object { "`"P$_`",`"https://www.linkedin.com/in/resume-person-$_`",`"Engineer`"" }) -join "`n")
        Import-Csv $csv | Sync-GrinfiLead -List $script:list -InformationAction Ignore
        $made = Get-GrinfiLead -List $script:list -Filter @{ first_name = 1..6 | ForEach-Object { "P$_" } }
        $made.Count | Should -Be 6
        $changed = New-Csv (@('"First Name","LinkedIn URL","Title"') + (1..6 | ForEach-Object { "`"P$_`",`"https://www.linkedin.com/in/resume-person-$_`",`"Architect`"" }) -join "`n")
        Clear-SandboxRequest $script:sb
        Add-SandboxFault $script:sb @{ method = 'PUT'; path = '/leads/api/leads/*'; kind = 'status'; status = 503; count = 2 }

        Import-Csv $changed | Sync-GrinfiLead -List $script:list -ThrottleLimit 1 -ErrorVariable bad -ErrorAction SilentlyContinue -InformationAction Ignore
        $failed = @(Get-SandboxRequest $script:sb -Method PUT | Where-Object status -EQ 503).path
        Clear-SandboxRequest $script:sb
        Import-Csv $changed | Sync-GrinfiLead -List $script:list -ErrorVariable stillBad -InformationVariable info

        $bad.Count | Should -Be 2
        $stillBad | Should -BeNullOrEmpty
        $failed.Count | Should -Be 2
        (Get-Write).path | Sort-Object | Should -Be ($failed | Sort-Object)
        "$info" | Should -Match '6 rows: 0 created, 2 updated, 4 unchanged'
        (Get-GrinfiLead -Uuid $made.Uuid).Position | Sort-Object -Unique | Should -Be 'Architect'
    }

    It 'resumes a run stopped with Ctrl+C when run again with the whole input, and says so' {
        $csv = New-Csv (@('"First Name","LinkedIn URL"') + (1..30 | ForEach-Object { "`"S$_`",`"https://www.linkedin.com/in/stopped-person-$_`"" }) -join "`n")
        Set-SandboxOption $script:sb @{ latencyMs = 100 }
        # Another runspace runs the sync, as a console would; Stop() is its Ctrl+C.
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        try {
            $null = $shell.AddScript({
                    param($Module, $Uri, $Key, $Csv, $List)
                    Import-Module $Module
                    Connect-Grinfi -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -BaseUri $Uri -RequestsPerMinute 100000 -InformationAction Ignore
                    Import-Csv $Csv | Sync-GrinfiLead -List $List -ThrottleLimit 1 -InformationAction Ignore
                }).AddArgument((Get-GrinfiTestModulePath)).AddArgument($script:sb.BaseUri).AddArgument($script:sb.ApiKey).AddArgument($csv).AddArgument($script:list)
            $async = $shell.BeginInvoke()
            for ($i = 0; $i -lt 300 -and @(Get-SandboxRequest $script:sb -Path $script:upsert).Count -lt 3; $i++) { Start-Sleep -Milliseconds 100 }
            $shell.Stop()
            $summary = $runspace.SessionStateProxy.GetVariable('GrinfiLastRun')
        }
        finally {
            $shell.Dispose()
            $runspace.Dispose()
            Set-SandboxOption $script:sb @{ latencyMs = 0 }
        }
        $async.IsCompleted | Should -BeTrue
        $summary.Stopped | Should -BeTrue
        "$summary" | Should -BeLike '*Run it again with the whole input*'
        "$summary" | Should -Not -BeLike '*-Skip*'
        $before = @(Get-GrinfiLead -List $script:list -Filter @{ first_name = 1..30 | ForEach-Object { "S$_" } })
        $before.Count | Should -BeLessThan 30
        Clear-SandboxRequest $script:sb

        Import-Csv $csv | Sync-GrinfiLead -List $script:list -InformationVariable info

        @(Get-SandboxRequest $script:sb -Path $script:upsert).Count | Should -Be (30 - $before.Count)
        "$info" | Should -Match "30 rows: $(30 - $before.Count) created, 0 updated, $($before.Count) unchanged"
        $after = @(Get-GrinfiLead -List $script:list -Filter @{ first_name = 1..30 | ForEach-Object { "S$_" } })
        $after.Count | Should -Be 30
        ($after.FirstName | Sort-Object -Unique).Count | Should -Be 30
    }

    It '-WhatIf sends no write and says what each row would change, field by field, what moves in and what is removed' {
        $null = New-Contact -Fields @{ first_name = 'Former'; linkedin = 'https://www.linkedin.com/in/former-customer' }
        Clear-SandboxRequest $script:sb

        $shown = Get-HostOutput {
            Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -MoveFromOtherLists -RemoveMissing -MaxRemove 1 -WhatIf -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationAction Continue
        }

        Get-Write | Should -BeNullOrEmpty
        # In names: the contact, and the row by the key it gave.
        $shown | Should -BeLike "*Update 'Grace Hopper': position: 'Rear Admiral' → 'Commodore'`" on target `"Row 2 (linkedin_id 'https://linkedin.com/in/grace-hopper')`"*"
        $shown | Should -BeLike "*Create in list '$($script:list)': *first_name: 'Margaret'*linkedin_id: 'https://www.linkedin.com/in/margaret-hamilton'*"
        $shown | Should -BeLike "*Move into list '$($script:list)' and update: Move to list '$($script:list)'*on target `"Row 5 (linkedin_id 'https://www.linkedin.com/in/alan-turing')`"*"
        $shown | Should -BeLike "*`"Delete`" on target `"1 contact of list '$($script:list)' that no row names`"*"
        $shown | Should -Not -BeLike "*$script:ada*"
        $shown | Should -BeLike '*would create 1, update 2, leave 2 unchanged and refuse 1 of 6 rows; 1 contacts no row names would be deleted*'
    }

    It '-PlanOnly returns the plan as objects and sends nothing' {
        $rows = Import-Csv $script:csv
        $plan = $rows | Sync-GrinfiLead -List $script:list -PlanOnly -WarningAction SilentlyContinue

        Get-Write | Should -BeNullOrEmpty
        $plan | ForEach-Object { $_ | Should -BeOfType ([GrinfiPS.Model.GrinfiSyncChange]) }
        $plan.Action | Should -Be @('Unchanged', 'Update', 'Unchanged', 'Create', 'Error', 'Error')
        $plan.Row | Should -Be (1..6)
        $plan[0].Uuid | Should -Be $script:ada
        $plan[0].Key | Should -Be 'ada-lovelace'
        $plan[1].Uuid | Should -Be $script:grace
        $plan[1].Changes | Should -Be @("position: 'Rear Admiral' → 'Commodore'")
        $plan[3].Uuid | Should -BeNullOrEmpty
        $plan[3].Changes | Should -Contain "first_name: 'Margaret'"
        $plan[4].Error | Should -BeLike "*list 'Prospects'*"
        $plan[4].Input | Should -Be $rows[4]
    }

    It 'moves a contact of another list in with -MoveFromOtherLists, by UUID, never creating it twice' {
        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -MoveFromOtherLists -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationAction Ignore

        $move = Get-MassAction 'contact_change_list'
        $move.Count | Should -Be 1
        $move[0].filter.ids | Should -Be @($script:alan)
        $move[0].payload.list_uuid | Should -Be $script:listUuid
        @(Get-SandboxRequest $script:sb -Path $script:upsert).Count | Should -Be 1
        $alan = Get-GrinfiLead -Filter @{ linkedin = 'https://www.linkedin.com/in/alan-turing' }
        @($alan).Count | Should -Be 1
        $alan.ListName | Should -Be $script:list
    }
}

Describe 'Matching rows and contacts by key' {
    BeforeEach {
        Reset-Sync
    }

    It 'matches a LinkedIn value in any form against linkedin, ln_id and sn_id, in any case' {
        $byUrl = New-Contact -Fields @{ first_name = 'Url'; linkedin = 'https://www.linkedin.com/in/jane-url/' }
        $byHandle = New-Contact -Fields @{ first_name = 'Handle'; linkedin = 'jane-handle' }
        $byMember = New-Contact -Fields @{ first_name = 'Member'; ln_id = 'ACoAAB1111111111aaaaaaaaaaBBBBBBBBBBcccc' }
        $bySales = New-Contact -Fields @{ first_name = 'Sales'; sn_id = 'ACwAAB2222222222aaaaaaaaaaBBBBBBBBBBcccc' }
        Connect-TestSandbox $script:sb
        $rows = @(
            [pscustomobject]@{ 'Person Linkedin Url' = 'HTTP://LinkedIn.com/in/JANE-URL'; 'First Name' = 'Url' }
            [pscustomobject]@{ 'Person Linkedin Url' = 'https://de.linkedin.com/in/Jane-Handle/?originalSubdomain=de'; 'First Name' = 'Handle' }
            [pscustomobject]@{ 'Person Linkedin Url' = 'https://www.linkedin.com/in/ACoAAB1111111111aaaaaaaaaaBBBBBBBBBBcccc/'; 'First Name' = 'Member' }
            [pscustomobject]@{ 'Person Linkedin Url' = 'https://www.linkedin.com/sales/lead/ACwAAB2222222222aaaaaaaaaaBBBBBBBBBBcccc,NAME_SEARCH,abc'; 'First Name' = 'Sales' }
        )
        Clear-SandboxRequest $script:sb

        $plan = $rows | Sync-GrinfiLead -List $script:list -PlanOnly
        $rows | Sync-GrinfiLead -List $script:list -InformationVariable info

        $plan.Action | Should -Be @('Unchanged', 'Unchanged', 'Unchanged', 'Unchanged')
        $plan.Uuid | Should -Be @($byUrl, $byHandle, $byMember, $bySales)
        Get-Write | Should -BeNullOrEmpty
        "$info" | Should -Match '4 rows: 0 created, 0 updated, 4 unchanged'
    }

    It 'matches an -Key Email row against the work or the personal email, trimmed, in any case, and never writes the key' {
        $work = New-Contact -Fields @{ first_name = 'Work'; position = 'CFO'; work_email = 'finance@acme.test'; linkedin = 'https://www.linkedin.com/in/work-person' }
        $personal = New-Contact -Fields @{ first_name = 'Personal'; position = 'CEO'; work_email = 'ceo@acme.test'; personal_email = 'Jane.Doe@Mail.test'; linkedin = 'https://www.linkedin.com/in/personal-person' }
        Connect-TestSandbox $script:sb
        # A Google Contacts export: "E-mail 1 - Value", "Organization 1 - Title".
        $csv = New-Csv @'
Given Name,E-mail 1 - Value,Organization 1 - Title,LinkedIn
Work,  FINANCE@ACME.TEST ,Chief Financial Officer,
Personal,jane.doe@mail.test,CEO,
New With Profile,new@acme.test,CTO,https://www.linkedin.com/in/new-with-profile
New Without Profile,nolinkedin@acme.test,COO,
'@
        Clear-SandboxRequest $script:sb

        Import-Csv $csv | Sync-GrinfiLead -List $script:list -Key Email -ErrorVariable bad -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationVariable info

        $put = @(Get-Write | Where-Object method -EQ 'PUT')
        $put.Count | Should -Be 1
        $put[0].path | Should -Be "/leads/api/leads/$work"
        $put[0].body | Should -Be '{"position":"Chief Financial Officer"}'
        (Get-GrinfiLead -Uuid $personal).WorkEmail | Should -Be 'ceo@acme.test'
        @(Get-SandboxRequest $script:sb -Path $script:upsert).Count | Should -Be 1
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiLinkedInIdRequired,*'
        $bad[0].Exception.Message | Should -BeLike 'Row 4 *'
        "$info" | Should -Match '4 rows: 1 created, 1 updated, 1 unchanged, 0 skipped, 1 failed'
    }

    It 'compares values trimmed and in one Unicode form, and a member id column is a key too' {
        $jose = New-Contact -Fields @{ first_name = 'José'; last_name = 'Müller'; company_name = 'Zürich AG'; position = 'Leiter Vertrieb'; ln_id = 'ACoAAB3333333333aaaaaaaaaaBBBBBBBBBBcccc' }
        Connect-TestSandbox $script:sb
        $csv = New-Csv @"
FirstName,LastName,Company,Title,LinkedIn,LnId
"  $script:joseNfd ","$script:muellerNfd","Zürich AG ","Leiter Vertrieb",,ACoAAB3333333333aaaaaaaaaaBBBBBBBBBBcccc
"@ -Encoding utf8NoBOM
        Clear-SandboxRequest $script:sb

        $plan = Import-Csv $csv | Sync-GrinfiLead -List $script:list -PlanOnly
        Import-Csv $csv | Sync-GrinfiLead -List $script:list -InformationAction Ignore

        $plan.Action | Should -Be 'Unchanged'
        $plan.Uuid | Should -Be $jose
        Get-Write | Should -BeNullOrEmpty
    }

    It 'refuses two rows with one key, and two rows naming one contact in different forms, applying neither' {
        $ada = New-Contact -Fields @{ first_name = 'Ada'; position = 'CTO'; linkedin = 'https://www.linkedin.com/in/ada-lovelace'; ln_id = 'ACoAAB4444444444aaaaaaaaaaBBBBBBBBBBcccc' }
        $grace = New-Contact -Fields @{ first_name = 'Grace'; position = 'Admiral'; linkedin = 'https://www.linkedin.com/in/grace-hopper' }
        Connect-TestSandbox $script:sb
        $rows = @(
            [pscustomobject]@{ LinkedIn = 'https://www.linkedin.com/in/grace-hopper'; Title = 'Commodore' }
            [pscustomobject]@{ LinkedIn = 'https://www.linkedin.com/in/ada-lovelace'; Title = 'CEO' }
            [pscustomobject]@{ LinkedIn = 'GRACE-HOPPER'; Title = 'Captain' }
            [pscustomobject]@{ LinkedIn = 'ACoAAB4444444444aaaaaaaaaaBBBBBBBBBBcccc'; Title = 'Chair' }
            [pscustomobject]@{ LinkedIn = 'duplicate-new'; Title = 'A' }
            [pscustomobject]@{ LinkedIn = 'https://www.linkedin.com/in/duplicate-new'; Title = 'B' }
        )
        Clear-SandboxRequest $script:sb

        $rows | Sync-GrinfiLead -List $script:list -ErrorVariable bad -ErrorAction SilentlyContinue -InformationVariable info

        Get-Write | Should -BeNullOrEmpty
        $bad.Count | Should -Be 6
        $bad | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'GrinfiSyncDuplicateKey,*' }
        $bad.TargetObject | Should -Be $rows
        $bad[0].Exception.Message | Should -BeLike '*Rows 1, 3 *'
        $bad[1].Exception.Message | Should -BeLike "*Rows 2, 4 *$ada*"
        (Get-GrinfiLead -Uuid $grace).Position | Should -Be 'Admiral'
        (Get-GrinfiLead -Uuid $ada).Position | Should -Be 'CTO'
        "$info" | Should -Match '6 rows: 0 created, 0 updated, 0 unchanged, 0 skipped, 6 failed'
    }

    It 'refuses a row whose key two contacts of the list share, naming both, and touches neither' {
        $twins = (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 2; listName = $script:list; fields = @{ linkedin = 'https://www.linkedin.com/in/twin-person'; ln_id = $null; sn_id = $null; position = 'Twin' } }).uuids
        $other = New-Contact -Fields @{ first_name = 'Other'; linkedin = 'https://www.linkedin.com/in/other-person' }
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        [pscustomobject]@{ LinkedIn = 'twin-person'; Title = 'Changed' }, [pscustomobject]@{ LinkedIn = 'other-person' } |
            Sync-GrinfiLead -List $script:list -RemoveMissing -Force -ErrorVariable bad -ErrorAction SilentlyContinue -InformationAction Ignore

        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiSyncAmbiguousKey,*'
        $bad[0].Exception.Message | Should -BeLike "*$($twins[0])*$($twins[1])*"
        Get-Write | Should -BeNullOrEmpty
        (Get-GrinfiLead -Uuid $twins).Position | Should -Be @('Twin', 'Twin')
    }

    It 'looks keys absent from the list up across the team in batches: other lists are reported, matches by other identifiers refused, the rest created' {
        # More than one page of contacts in the team, so the lookup cannot read it whole.
        $null = Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 1100; listName = 'Archive' }
        $elsewhere = New-Contact -List 'Prospects' -Fields @{ first_name = 'Elsewhere'; linkedin = 'https://www.linkedin.com/in/lives-elsewhere'; work_email = 'elsewhere@corp.test' }
        $null = New-Contact -Fields @{ first_name = 'Member'; linkedin = 'https://www.linkedin.com/in/list-member' }
        Connect-TestSandbox $script:sb
        $rows = @(1..150 | ForEach-Object { [pscustomobject]@{ 'LinkedIn URL' = "https://www.linkedin.com/in/batch-new-$_"; 'First Name' = "B$_" } }) + @(
            [pscustomobject]@{ 'LinkedIn URL' = 'https://www.linkedin.com/in/lives-elsewhere'; 'First Name' = 'Elsewhere' }
            [pscustomobject]@{ 'LinkedIn URL' = 'https://www.linkedin.com/in/same-email-other-profile'; 'First Name' = 'Clash'; Email = 'ELSEWHERE@corp.test' }
        )
        Clear-SandboxRequest $script:sb

        $rows | Sync-GrinfiLead -List $script:list -ErrorVariable bad -ErrorAction SilentlyContinue -InformationVariable info

        $bad.Count | Should -Be 2
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiSyncInOtherList,*'
        $bad[0].Exception.Message | Should -BeLike "*list 'Prospects'*$elsewhere*"
        $bad[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiSyncKeyConflict,*'
        $bad[1].Exception.Message | Should -BeLike "*$elsewhere*"
        $upserts = @(Get-SandboxRequest $script:sb -Path $script:upsert)
        $upserts.Count | Should -Be 150
        ($upserts.body | ConvertFrom-Json).lead.linkedin_id | Should -Not -Contain 'https://www.linkedin.com/in/lives-elsewhere'
        # Lookups: one search per hundred rows and identifier (and one page of the team), not one per row.
        $searches = @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/search')
        $searches.Count | Should -BeLessOrEqual 8
        @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/lookup-one').Count | Should -Be 0
        "$info" | Should -Match '152 rows: 150 created, 0 updated, 0 unchanged, 0 skipped, 2 failed'
    }

    It 'reads a list of 2,500 contacts in three pages of 1,000' {
        $uuids = (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 2500; listName = 'Big list' }).uuids
        Connect-TestSandbox $script:sb
        $list = Get-GrinfiList 'Big list'
        Clear-SandboxRequest $script:sb

        $plan = [pscustomobject]@{ LinkedIn = 'someone-new' } | Sync-GrinfiLead -List 'Big list' -RemoveMissing -PlanOnly

        $reads = Get-ListRead $list.Uuid
        $reads.Count | Should -Be 3
        $reads | ForEach-Object { ($_.body | ConvertFrom-Json).limit | Should -Be 1000 }
        @($plan | Where-Object Action -EQ 'Remove').Count | Should -Be 2500
        ($plan | Where-Object Action -EQ 'Remove').Uuid | Sort-Object | Should -Be ($uuids | Sort-Object)
    }
}

Describe 'Empty cells' {
    BeforeEach {
        Reset-Sync
        $script:lead = New-Contact -Fields @{ first_name = 'Ada'; last_name = 'Lovelace'; position = 'CTO'; headline = 'Poet of science'; raw_address = 'London'; linkedin = 'https://www.linkedin.com/in/ada-lovelace' }
        Connect-TestSandbox $script:sb
        $script:csv = New-Csv @'
First Name,Last Name,Title,Headline,Address,LinkedIn
,Lovelace,,   ,,ada-lovelace
'@
        Clear-SandboxRequest $script:sb
    }

    It 'means "no change" by default' {
        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -InformationVariable info

        Get-Write | Should -BeNullOrEmpty
        "$info" | Should -Match '1 row: 0 created, 0 updated, 1 unchanged'
    }

    It 'empties with -EmptyCell Clear only the fields the API lets be emptied' {
        $plan = Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -EmptyCell Clear -PlanOnly
        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -EmptyCell Clear -InformationAction Ignore

        $put = @(Get-Write)
        $put.Count | Should -Be 1
        $put[0].path | Should -Be "/leads/api/leads/$script:lead"
        $body = $put[0].body | ConvertFrom-Json -AsHashtable
        $body.Keys | Sort-Object | Should -Be @('headline', 'position', 'raw_address')
        $body.Values | ForEach-Object { $_ | Should -BeNullOrEmpty }
        $plan.Changes | Should -Contain "position: 'CTO' → (empty)"
        $after = Get-GrinfiLead -Uuid $script:lead
        $after.FirstName | Should -Be 'Ada'
        $after.Position | Should -BeNullOrEmpty
        Clear-SandboxRequest $script:sb
        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -EmptyCell Clear -InformationAction Ignore
        Get-Write | Should -BeNullOrEmpty
    }
}

Describe 'Custom fields, stages and tags' {
    BeforeEach {
        Reset-Sync
        $script:replied = 'Replied'
        $script:members = 1..4 | ForEach-Object { New-Contact -Fields @{ first_name = "M$_"; linkedin = "https://www.linkedin.com/in/member-$_" } -Tags 'VIP' -Stage 'Replied' }
        # One contact not in the stage, one without the tag, one with a tag to take off.
        $script:offStage = New-Contact -Fields @{ first_name = 'Off'; linkedin = 'https://www.linkedin.com/in/off-stage' } -Tags 'VIP' -Stage 'New'
        $script:untagged = New-Contact -Fields @{ first_name = 'Untagged'; linkedin = 'https://www.linkedin.com/in/untagged' } -Stage 'Replied'
        $script:hot = New-Contact -Fields @{ first_name = 'Hot'; linkedin = 'https://www.linkedin.com/in/hot-one' } -Tags 'VIP', 'Hot' -Stage 'Replied'
        Connect-TestSandbox $script:sb
        $script:rows = @(
            1..4 | ForEach-Object { [pscustomobject]@{ LinkedIn = "member-$_"; Industry = if ($_ -le 3) { 'Fintech' } else { 'Retail' } } }
            [pscustomobject]@{ LinkedIn = 'off-stage'; Industry = 'Fintech' }
            [pscustomobject]@{ LinkedIn = 'untagged'; Industry = 'Fintech' }
            [pscustomobject]@{ LinkedIn = 'hot-one'; Industry = 'Fintech' }
            [pscustomobject]@{ LinkedIn = 'brand-new-member'; 'First Name' = 'Nova'; Industry = 'Retail' }
        )
        Clear-SandboxRequest $script:sb
    }

    It 'changes stage and tags only where they differ, in one mass action each, and custom fields in one per value' {
        $script:rows | Sync-GrinfiLead -List $script:list -PipelineStage 'Replied' -AddTag 'VIP' -RemoveTag 'Hot' -InformationVariable info

        $new = (Get-GrinfiLead -List $script:list -Filter @{ first_name = 'Nova' }).Uuid
        $new | Should -Not -BeNullOrEmpty
        $stage = Get-MassAction 'contact_change_pipeline_stage'
        $stage.Count | Should -Be 1
        $stage[0].filter.ids | Sort-Object | Should -Be (@($script:offStage, $new) | Sort-Object)
        $add = Get-MassAction 'contact_add_tags'
        $add.Count | Should -Be 1
        $add[0].filter.ids | Sort-Object | Should -Be (@($script:untagged, $new) | Sort-Object)
        $remove = Get-MassAction 'contact_remove_tags'
        $remove[0].filter.ids | Should -Be @($script:hot)
        $custom = Get-MassAction 'contact_change_custom_field'
        $custom.Count | Should -Be 2
        ($custom | Where-Object { $_.payload.value -eq 'Fintech' }).filter.ids | Sort-Object | Should -Be (@($script:members[0..2]) + $script:offStage + $script:untagged + $script:hot | Sort-Object)
        ($custom | Where-Object { $_.payload.value -eq 'Retail' }).filter.ids | Should -Be @($script:members[3])
        # The new contact gets its value with its upsert.
        ((Get-SandboxRequest $script:sb -Path $script:upsert).body | ConvertFrom-Json).custom_fields.industry | Should -Be 'Retail'
        Get-Write | Where-Object { $_.method -eq 'PUT' -and $_.path -ne $script:massAction } | Should -BeNullOrEmpty
        # Four rows differ in stage or tags; four only in the custom field, which cannot be compared.
        "$info" | Should -Match '8 rows: 1 created, 3 updated, 4 resent \(custom fields the API does not return\), 0 unchanged, 0 skipped, 0 failed'
    }

    It 'sends nothing but the custom-field mass actions when run again, and -Verbose says why' {
        $script:rows | Sync-GrinfiLead -List $script:list -PipelineStage 'Replied' -AddTag 'VIP' -RemoveTag 'Hot' -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        $verbose = $script:rows | Sync-GrinfiLead -List $script:list -PipelineStage 'Replied' -AddTag 'VIP' -RemoveTag 'Hot' -InformationVariable info -Verbose 4>&1

        $writes = Get-Write
        $writes | ForEach-Object { $_.path | Should -Be $script:massAction }
        $actions = Get-MassAction
        $actions.type | Sort-Object -Unique | Should -Be 'contact_change_custom_field'
        # At most one per distinct value (per 500 contacts).
        $actions.Count | Should -Be 2
        @($actions.filter.ids).Count | Should -Be 8
        "$verbose" | Should -BeLike "*Custom field*'industry'*the API returns no custom-field values of a contact, so they cannot be compared*"
        # Reported as what it is: values sent again, not contacts changed.
        "$info" | Should -Match '8 rows: 0 created, 0 updated, 8 resent \(custom fields the API does not return\), 0 unchanged'
    }

    It 'compares custom fields where the server returns their values, and then sends none again' {
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        $script:rows | Sync-GrinfiLead -List $script:list -InformationAction Ignore
        Clear-SandboxRequest $script:sb

        $script:rows | Sync-GrinfiLead -List $script:list -InformationVariable info -Verbose 4>&1 | Out-String | Should -Not -BeLike '*cannot be compared*'

        Get-Write | Should -BeNullOrEmpty
        "$info" | Should -Match '8 rows: 0 created, 0 updated, 8 unchanged'
    }
}

Describe 'Batched changes of a large input' {
    BeforeAll {
        Reset-Sync
        $null = Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 1400; listName = 'Bulk'; tags = @('VIP') }
        Connect-TestSandbox $script:sb
        $script:bulk = @(Get-GrinfiLead -List 'Bulk' | Where-Object LinkedIn | Select-Object -First 1200)
        $script:bulk.Count | Should -Be 1200
    }

    BeforeEach {
        Clear-SandboxRequest $script:sb
    }

    It 'sets one -CustomField value on many existing contacts with one mass action per 500' {
        $csv = Join-Path $TestDrive 'bulk.csv'
        $script:bulk | Select-Object FirstName, LastName, LinkedIn | Export-Csv $csv

        Import-Csv $csv | Sync-GrinfiLead -List 'Bulk' -CustomField @{ industry = 'Gold' } -InformationAction Ignore

        $writes = Get-Write
        $writes.Count | Should -Be 3
        $actions = Get-MassAction 'contact_change_custom_field'
        $actions.Count | Should -Be 3
        $actions | ForEach-Object { $_.payload.value | Should -Be 'Gold' }
        @($actions.filter.ids).Count | Should -Be 1200
    }

    It 'sends one mass action per value per 500 contacts, however the rows interleave the values' {
        # Two values taking turns, and a tag to take off two contacts far apart.
        $rows = for ($i = 0; $i -lt $script:bulk.Count; $i++) {
            [pscustomobject]@{ LinkedIn = $script:bulk[$i].LinkedIn; Industry = @('Gold', 'Silver')[$i % 2] }
        }
        $script:bulk[10], $script:bulk[1100] | Invoke-GrinfiMassAction -Action AddTag -Tag 'Hot' -Confirm:$false -InformationAction Ignore | Out-Null
        Clear-SandboxRequest $script:sb

        $rows | Sync-GrinfiLead -List 'Bulk' -RemoveTag 'Hot' -InformationAction Ignore

        $custom = Get-MassAction 'contact_change_custom_field'
        @($custom | Where-Object { $_.payload.value -eq 'Gold' }).Count | Should -Be 2
        @($custom | Where-Object { $_.payload.value -eq 'Silver' }).Count | Should -Be 2
        @($custom.filter.ids).Count | Should -Be 1200
        $untag = Get-MassAction 'contact_remove_tags'
        $untag.Count | Should -Be 1
        $untag[0].filter.ids | Sort-Object | Should -Be (@($script:bulk[10].Uuid, $script:bulk[1100].Uuid) | Sort-Object)
    }
}

Describe 'Taking out the contacts no row names' {
    BeforeEach {
        Reset-Sync
        $script:kept = 1..10 | ForEach-Object { New-Contact -Fields @{ first_name = "K$_"; position = 'Engineer'; linkedin = "https://www.linkedin.com/in/kept-$_" } }
        $script:gone = 1..2 | ForEach-Object { New-Contact -Fields @{ first_name = "G$_"; linkedin = "https://www.linkedin.com/in/gone-$_" } }
        Connect-TestSandbox $script:sb
        $script:csv = New-Csv (@('Name,First Name,LinkedIn URL,Title') + (1..10 | ForEach-Object { "K$_ Smith,K$_,https://www.linkedin.com/in/kept-$_,Engineer" }) -join "`n")
        Clear-SandboxRequest $script:sb
    }

    It 'deletes them after the whole input was written, in one mass action, and counts them' {
        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -RemoveMissing -Confirm:$false -WarningAction SilentlyContinue -InformationVariable info

        $delete = Get-MassAction 'contact_delete'
        $delete.Count | Should -Be 1
        $delete[0].filter.ids | Sort-Object | Should -Be ($script:gone | Sort-Object)
        $GrinfiLastRun.Removed | Should -Be 2
        "$info" | Should -Match '10 rows: 0 created, 0 updated, 10 unchanged, 0 skipped, 0 failed; 2 missing from the input deleted'
        (Get-GrinfiLead -List $script:list).Uuid | Sort-Object | Should -Be ($script:kept | Sort-Object)
    }

    It 'sends the removal after every row write, once the whole input was read' {
        $changed = (Get-Content $script:csv) -replace ',Engineer$', ',Architect'
        $changed | Set-Content "$TestDrive/changed.csv"

        Import-Csv "$TestDrive/changed.csv" | Sync-GrinfiLead -List $script:list -RemoveMissing -Force -WarningAction SilentlyContinue -InformationAction Ignore

        $log = @(Get-SandboxRequest $script:sb | Where-Object method -EQ 'PUT')
        $log.Count | Should -Be 11
        $log[-1].path | Should -Be $script:massAction
        ($log[-1].body | ConvertFrom-Json).type | Should -Be 'contact_delete'
    }

    It 'moves them to another list with -MoveMissingTo' {
        Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -MoveMissingTo 'Newsletter' -Force -WarningAction SilentlyContinue -InformationVariable info

        $move = Get-MassAction 'contact_change_list'
        $move.filter.ids | Sort-Object | Should -Be ($script:gone | Sort-Object)
        $move.payload.list_uuid | Should -Be (Get-GrinfiList 'Newsletter').Uuid
        Get-MassAction 'contact_delete' | Should -BeNullOrEmpty
        $GrinfiLastRun.MovedOut | Should -Be 2
        (Get-GrinfiLead -Uuid $script:gone).ListName | Should -Be @('Newsletter', 'Newsletter')
    }

    It 'refuses an empty input before any write, also when errors are silenced' {
        $empty = New-Csv 'Name,First Name,LinkedIn URL,Title'
        Clear-SandboxRequest $script:sb

        { Import-Csv $empty | Sync-GrinfiLead -List $script:list -RemoveMissing -Force -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'GrinfiSyncEmptyInput,*'
        { @() | Sync-GrinfiLead -List $script:list -MoveMissingTo 'Newsletter' -Force } | Should -Throw -ErrorId 'GrinfiSyncEmptyInput,*'
        Get-Write | Should -BeNullOrEmpty
        (Get-GrinfiLead -List $script:list).Count | Should -Be 12
    }

    It 'stops at -MaxRemove, a tenth of the list by default, unless -Force' {
        $nine = Import-Csv $script:csv | Select-Object -First 9

        $nine | Sync-GrinfiLead -List $script:list -RemoveMissing -Confirm:$false -ErrorVariable bad -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationAction Ignore
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiSyncTooManyMissing,*'
        $bad[0].Exception.Message | Should -BeLike '3 contacts * more than -MaxRemove (2)*'
        Get-Write | Should -BeNullOrEmpty

        $nine | Sync-GrinfiLead -List $script:list -RemoveMissing -MaxRemove 3 -Confirm:$false -WarningAction SilentlyContinue -InformationAction Ignore
        @((Get-MassAction 'contact_delete').filter.ids).Count | Should -Be 3
    }

    It 'removes past -MaxRemove with -Force' {
        Import-Csv $script:csv | Select-Object -First 5 | Sync-GrinfiLead -List $script:list -RemoveMissing -MaxRemove 1 -Force -WarningAction SilentlyContinue -InformationAction Ignore

        @((Get-MassAction 'contact_delete').filter.ids).Count | Should -Be 7
    }

    It 'counts failed rows as present, so a bad row never deletes its contact' {
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb -Parameters @{ MaximumRetryCount = 0 }
        $rows = @(Import-Csv $script:csv)
        $rows[0].Title = 'Changed'
        # Two rows for kept-2: both refused. kept-1's update fails at the server.
        $rows += [pscustomobject]@{ Name = 'K2 Again'; 'First Name' = 'K2'; 'LinkedIn URL' = 'kept-2'; Title = 'Other' }
        Add-SandboxFault $script:sb @{ method = 'PUT'; path = "/leads/api/leads/$($script:kept[0])"; kind = 'status'; status = 500 }

        $rows | Sync-GrinfiLead -List $script:list -RemoveMissing -Force -ErrorVariable bad -ErrorAction SilentlyContinue -WarningAction SilentlyContinue -InformationAction Ignore

        $bad.Count | Should -Be 3
        (Get-MassAction 'contact_delete').filter.ids | Sort-Object | Should -Be ($script:gone | Sort-Object)
        (Get-GrinfiLead -List $script:list).Uuid | Sort-Object | Should -Be ($script:kept | Sort-Object)
    }

    It 'asks with the count, and a session that cannot ask stops before any write without -Force or -Confirm:$false' {
        $changed = (Get-Content $script:csv) -replace ',Engineer$', ',Architect'
        $changed | Set-Content "$TestDrive/changed.csv"

        { Import-Csv "$TestDrive/changed.csv" | Sync-GrinfiLead -List $script:list -RemoveMissing -WarningAction SilentlyContinue -InformationAction Ignore } |
            Should -Throw -ErrorId 'GrinfiConfirmationRequired,*' -ExpectedMessage "*2 contacts of list '$($script:list)'*"
        Get-Write | Should -BeNullOrEmpty

        $shown = Get-HostOutput { Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -RemoveMissing -WhatIf -WarningAction SilentlyContinue -InformationAction Ignore }
        $shown | Should -BeLike "*What if: Performing the operation `"Delete`" on target `"2 contacts of list '$($script:list)' that no row names`"*"
        Get-Write | Should -BeNullOrEmpty

        $plan = Import-Csv $script:csv | Sync-GrinfiLead -List $script:list -RemoveMissing -PlanOnly -WarningAction SilentlyContinue
        ($plan | Where-Object Action -EQ 'Remove').Uuid | Sort-Object | Should -Be ($script:gone | Sort-Object)
        Get-Write | Should -BeNullOrEmpty
    }
}

Describe 'A file exported from Grinfi, synced back' {
    It 'changes nothing, warns about nothing, and -PassThru returns the whole contacts' {
        Reset-Sync
        Connect-TestSandbox $script:sb
        $path = Join-Path $TestDrive 'export.csv'
        $before = Get-GrinfiLead -List 'Customers'
        $before | Export-Csv $path
        Clear-SandboxRequest $script:sb

        $after = Import-Csv $path | Sync-GrinfiLead -List 'Customers' -RemoveMissing -PassThru -ErrorVariable bad -WarningVariable warned -InformationVariable info

        $bad | Should -BeNullOrEmpty
        $warned | Should -BeNullOrEmpty
        Get-Write | Should -BeNullOrEmpty
        "$info" | Should -Match "$($before.Count) rows: 0 created, 0 updated, $($before.Count) unchanged"
        $after.Uuid | Should -Be $before.Uuid
        $after.Name | Should -Be $before.Name
        $after.CreatedAt | Should -Be $before.CreatedAt
    }
}
