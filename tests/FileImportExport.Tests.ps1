BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 40 -ArgumentList '--import-delay-ms', '300', '--export-delay-ms', '600'
    function New-TestFile([string] $Name, [string] $Text, [Text.Encoding] $Encoding = [Text.UTF8Encoding]::new($false)) {
        $path = Join-Path $TestDrive $Name
        [IO.File]::WriteAllText($path, $Text.Trim() + "`n", $Encoding)
        $path
    }
    # No status call is documented, so -Wait polls the list's count every 10 s or slower.
    # Tests that are not about -Wait poll the sandbox themselves, quickly.
    function Wait-TestImport([string] $ListUuid, [int] $Count) {
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while ([DateTime]::UtcNow -lt $deadline) {
            $total = (Invoke-SandboxApi $script:sb /leads/api/leads/search -Method POST -Body @{ filter = @{ list_uuid = $ListUuid }; limit = 1 }).total
            if ($total -ge $Count) { return }
            Start-Sleep -Milliseconds 100
        }
        throw "The import into $ListUuid did not bring $Count contacts within 15 s."
    }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Import-GrinfiLead' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
        $script:list = New-GrinfiList "Import $(Get-Random)"
        Clear-SandboxRequest $script:sb
    }

    It 'imports a whole file in two requests, mapping columns as Set-GrinfiLead does, and waits with -Wait' {
        $path = New-TestFile 'people.csv' @'
First Name,Last Name,Company,LinkedIn URL,Email,Title,Favourite colour
Ada,Lovelace,Analytical Engines,https://www.linkedin.com/in/ada-lovelace,ada@ae.test,CTO,green
Alan,Turing,Bletchley,https://www.linkedin.com/in/alan-turing,,Researcher,blue
Grace,Hopper,Navy,grace-hopper,grace@navy.test,Admiral,red
'@
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $import = Import-GrinfiLead -Path $path -List $script:list -Tag 'VIP' -Wait

        $import | Should -BeOfType GrinfiPS.Model.GrinfiFileImport
        $import.Started | Should -BeTrue
        $import.RowsSent | Should -Be 3
        $import.RowsRejected | Should -Be 0
        $import.WaitResult | Should -Be 'Finished'
        $import.ListLeadCountBefore | Should -Be 0
        $import.ListLeadCountAfter | Should -Be 3
        $import.ContactsAdded | Should -Be 3
        # import-leads answers with no body: the counts are the list's, nothing claims created/updated/skipped.
        $import.PSObject.Properties.Name | Should -Not -Contain 'CreatedCount'
        # One poll of the list after 10 s, not one a second: each poll spends the key's budget.
        @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/search').Count | Should -Be 2
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 10
        $writes = Get-SandboxRequest $script:sb -Method POST | Where-Object path -like '/leads/api/file-imports/*'
        $writes.path | Should -Be @('/leads/api/file-imports/upload-csv', "/leads/api/file-imports/$($import.Uuid)/import-leads")
        $columns = ($writes[1].body | ConvertFrom-Json).columns
        ($columns | Where-Object source -eq 'LinkedIn URL').target | Should -Be 'linkedin_id'
        ($columns | Where-Object source -eq 'First Name').target | Should -Be 'first_name'
        ($columns | Where-Object source -eq 'Title').target | Should -Be 'position'
        $columns.source | Should -Not -Contain 'Favourite colour'
        $ada = Get-GrinfiLead -List $script:list -Filter @{ first_name = 'Ada' }
        $ada.CompanyName | Should -Be 'Analytical Engines'
        $ada.Tags | Should -Contain (Get-GrinfiTag 'VIP').Uuid
    }

    It 'reads a semicolon-separated file with a UTF-16 byte order mark' {
        $path = New-TestFile 'excel.csv' "FirstName;LastName;LinkedIn`nJürgen;Müller;juergen-mueller" ([Text.UnicodeEncoding]::new($false, $true))

        $null = Import-GrinfiLead $path -List $script:list
        Wait-TestImport $script:list.Uuid 1

        (Get-GrinfiLead -List $script:list).LastName | Should -Be 'Müller'
    }

    It 'refuses a file that is not UTF-8, unless -Encoding says what it is' {
        $path = New-TestFile 'latin1.csv' "FirstName,LinkedIn`nJosé,jose-latin" ([Text.Encoding]::Latin1)

        { Import-GrinfiLead $path -List $script:list -ErrorAction Stop } | Should -Throw -ErrorId 'GrinfiCsvNotUtf8,*' -ExpectedMessage '*-Encoding*'
        Get-SandboxRequest $script:sb -Path '/leads/api/file-imports/*' | Should -BeNullOrEmpty

        $null = Import-GrinfiLead $path -List $script:list -Encoding iso-8859-1
        Wait-TestImport $script:list.Uuid 1
        (Get-GrinfiLead -List $script:list).FirstName | Should -Be 'José'
    }

    It 'needs a column that maps to linkedin_id, before anything is sent; -ColumnMap provides it' {
        $path = New-TestFile 'no-linkedin.csv' "FirstName,Profile,Deal`nAda,ada-lovelace,5000"

        { Import-GrinfiLead $path -List $script:list -ErrorAction Stop } | Should -Throw -ErrorId 'GrinfiCsvNoLinkedInColumn,*' -ExpectedMessage '*FirstName, Profile, Deal*'
        Get-SandboxRequest $script:sb -Path '/leads/api/file-imports/*' | Should -BeNullOrEmpty

        $null = Import-GrinfiLead $path -List $script:list -ColumnMap @{ Profile = 'linkedin_id'; Deal = 'deal_size' }
        Wait-TestImport $script:list.Uuid 1
        $lead = Get-GrinfiLead -List $script:list
        $lead.LinkedIn | Should -Match 'ada-lovelace'
        $columns = ((Get-SandboxRequest $script:sb -Path '/leads/api/file-imports/*/import-leads').body | ConvertFrom-Json).columns
        ($columns | Where-Object source -EQ 'Deal').target | Should -Be 'custom_fields.deal_size'
    }

    It 'reports rows the API would reject with their numbers and imports the rest' {
        $path = New-TestFile 'some-bad.csv' @'
FirstName,LinkedIn
Ada,ada-lovelace
Nobody,
Alan,alan-turing,extra
Twitter,https://twitter.com/not-linkedin
Grace,grace-hopper
'@
        $import = Import-GrinfiLead $path -List $script:list -ErrorVariable bad -ErrorAction SilentlyContinue
        Wait-TestImport $script:list.Uuid 2

        $bad.Count | Should -Be 3
        $bad | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'GrinfiCsvRowRejected,*' }
        $bad[0].Exception.Message | Should -BeLike "*row 2 is left out: its LinkedIn (linkedin_id) is empty*"
        $bad[1].Exception.Message | Should -BeLike "*row 3 is left out: it has 3 fields where the header has 2*"
        $bad[2].Exception.Message | Should -BeLike "*row 4 is left out: its LinkedIn 'https://twitter.com/not-linkedin' is not a LinkedIn profile*"
        $bad[0].TargetObject.Row | Should -Be 2
        $bad[0].TargetObject.FirstName | Should -Be 'Nobody'
        $import.RowsSent | Should -Be 2
        $import.RowsRejected | Should -Be 3
        $import.WaitResult | Should -Be 'NotWaited'
        (Get-GrinfiLead -List $script:list).FirstName | Sort-Object | Should -Be @('Ada', 'Grace')
        $upload = Get-SandboxRequest $script:sb -Path '/leads/api/file-imports/upload-csv'
        $upload.body | Should -Not -Match 'Nobody'
    }

    It 'says what it would import with -WhatIf and sends nothing' {
        $path = New-TestFile 'whatif.csv' "FirstName,LinkedIn`nAda,ada-lovelace"

        $shown = Get-HostOutput { Import-GrinfiLead $path -List $script:list -WhatIf }

        $shown | Should -Match "Import 1 row into list '$($script:list.Name)' \(FirstName → first_name, LinkedIn → linkedin_id\)"
        Get-SandboxRequest $script:sb -Path '/leads/api/file-imports/*' | Should -BeNullOrEmpty
    }

    It 'lets -ColumnMap send a known header elsewhere, to a custom field too' {
        $path = New-TestFile 'remap.csv' "LinkedIn,Title`nremapped-person,Fintech"

        $null = Import-GrinfiLead $path -List $script:list -ColumnMap @{ Title = 'industry' }
        Wait-TestImport $script:list.Uuid 1

        $lead = Get-GrinfiLead -List $script:list
        $lead.Position | Should -BeNullOrEmpty
        $columns = ((Get-SandboxRequest $script:sb -Path '/leads/api/file-imports/*/import-leads').body | ConvertFrom-Json).columns
        ($columns | Where-Object source -EQ 'Title').target | Should -Be 'custom_fields.industry'
    }

    It 'takes a file name with brackets as written, with -LiteralPath' {
        $path = New-TestFile 'scans[1].csv' "LinkedIn`nbracket-person"

        $null = Import-GrinfiLead -LiteralPath $path -List $script:list
        Wait-TestImport $script:list.Uuid 1

        (Get-GrinfiLead -List $script:list).LinkedIn | Should -Match 'bracket-person'
    }

    It 'takes files from Get-ChildItem' {
        $null = New-TestFile 'a.csv' "LinkedIn`nfrom-file-a"
        $null = New-TestFile 'b.csv' "LinkedIn`nfrom-file-b"

        $imports = Get-ChildItem $TestDrive -Filter '?.csv' | Import-GrinfiLead -List $script:list
        Wait-TestImport $script:list.Uuid 2

        $imports.Count | Should -Be 2
        (Measure-GrinfiLead -List $script:list).Count | Should -Be 2
    }

    It 'reports one missing file among several, and imports the rest' {
        $null = New-TestFile 'c.csv' "LinkedIn`nfrom-file-c"
        $null = New-TestFile 'd.csv' "LinkedIn`nfrom-file-d"

        $imports = "$TestDrive/c.csv", "$TestDrive/missing.csv", "$TestDrive/d.csv" |
            Import-GrinfiLead -List $script:list -ErrorVariable bad -ErrorAction SilentlyContinue
        Wait-TestImport $script:list.Uuid 2

        $imports.Count | Should -Be 2
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiFileNotFound,*'
        $bad[0].TargetObject | Should -Be "$TestDrive/missing.csv"
    }

    It 'reports one missing file among several piped by property (-LiteralPath), and imports the rest' {
        $e = New-TestFile 'e.csv' "LinkedIn`nfrom-file-e"
        $f = New-TestFile 'f.csv' "LinkedIn`nfrom-file-f"
        $gone = Join-Path $TestDrive 'gone.csv'

        $imports = @($e, $gone, $f) | ForEach-Object { [pscustomobject]@{ PSPath = $_ } } |
            Import-GrinfiLead -List $script:list -ErrorVariable bad -ErrorAction SilentlyContinue
        Wait-TestImport $script:list.Uuid 2

        $imports.FileName | Should -Be 'e.csv', 'f.csv'
        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiFileNotFound,*'
        $bad[0].TargetObject | Should -Be $gone
        @(Get-SandboxRequest $script:sb -Path '/leads/api/file-imports/upload-csv') | Should -HaveCount 2
    }

    It 'names the file it uploaded, though the upload''s record has no file name' {
        $path = New-TestFile 'named.csv' "LinkedIn`nnamed-file-row"

        $import = Import-GrinfiLead -Path $path -List $script:list

        $import.FileName | Should -Be 'named.csv'
        ($import | Out-String -Width 120) | Should -Match 'named\.csv'
    }

    It 'says how -Wait ended when the list never moves: Unknown, not a made-up count' {
        # Rows that all update contacts already in other lists never move this list's count.
        $existing = Get-GrinfiLead -List 'Prospects' -Filter @{ linkedin = 'is_not_null' } -First 1
        $path = New-TestFile 'updates.csv' "LinkedIn,FirstName`n$($existing.LinkedIn),Renamed"

        $import = Import-GrinfiLead $path -List $script:list -Wait

        $import.WaitResult | Should -Be 'Unknown'
        $import.ContactsAdded | Should -Be 0
        @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/search').Count | Should -BeLessOrEqual 5
    }
}

Describe 'Export-GrinfiLead' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40 -Options @{ exportDelayMs = 600 }
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb
    }

    Context 'as the vendor answers: the queue answer names no file' {
        It 'says what happened, writes nothing, and returns the export record' {
            $result = Export-GrinfiLead -Path "$TestDrive/webinar.csv" -List 'Webinar Q4' -WarningVariable warned -WarningAction SilentlyContinue

            $result | Should -BeOfType GrinfiPS.Model.GrinfiFileExport
            $result.Uuid | Should -Match '^[0-9a-f-]{36}$'
            "$warned" | Should -Match 'named no file to download'
            "$warned" | Should -Match 'Export-GrinfiLead -FileName'
            Test-Path "$TestDrive/webinar.csv" | Should -BeFalse
            ((Get-SandboxRequest $script:sb -Path '/leads/api/file-exports/leads').body | ConvertFrom-Json).filter.list_uuid | Should -Be (Get-GrinfiList 'Webinar Q4').Uuid
            Get-SandboxRequest $script:sb -Path '/leads/api/file-exports/download' | Should -BeNullOrEmpty
        }

        It 'downloads a file whose name is known with -FileName, waiting while it is not ready' {
            Set-SandboxOption $script:sb @{ reading = 'generous' }
            $name = (Invoke-SandboxApi $script:sb /leads/api/file-exports/leads -Method POST -Body @{ filter = @{ all = $true } }).file_name
            Set-SandboxOption $script:sb @{ reading = 'minimal' }
            Clear-SandboxRequest $script:sb

            $file = Export-GrinfiLead -FileName $name -Path "$TestDrive/by-name.csv" -PassThru

            (Import-Csv $file.FullName).Count | Should -Be 40
            $downloads = Get-SandboxRequest $script:sb -Path '/leads/api/file-exports/download'
            $downloads.status | Select-Object -Last 1 | Should -Be 200
            Get-SandboxRequest $script:sb -Path '/leads/api/file-exports/leads' | Should -BeNullOrEmpty
        }
    }

    Context 'where the API names the file (the generous reading)' {
        BeforeEach { Set-SandboxOption $script:sb @{ reading = 'generous' } }
        AfterEach { Set-SandboxOption $script:sb @{ reading = 'minimal' } }

        It 'exports the contacts a filter selects, waiting for the job, and downloads the file' {
            $expected = Get-GrinfiLead -List 'Webinar Q4'

            $file = Export-GrinfiLead -Path "$TestDrive/webinar.csv" -List 'Webinar Q4' -PassThru

            $file | Should -BeOfType System.IO.FileInfo
            $rows = Import-Csv $file.FullName
            $rows.Count | Should -Be $expected.Count
            $rows.uuid | Sort-Object | Should -Be ($expected.Uuid | Sort-Object)
            $queued = Get-SandboxRequest $script:sb -Path '/leads/api/file-exports/leads'
            ($queued.body | ConvertFrom-Json).filter.list_uuid | Should -Be (Get-GrinfiList 'Webinar Q4').Uuid
            $downloads = Get-SandboxRequest $script:sb -Path '/leads/api/file-exports/download'
            $downloads.status | Select-Object -First 1 | Should -Be 404
            $downloads.status | Select-Object -Last 1 | Should -Be 200
        }

        It 'exports every contact when nothing narrows it' {
            Export-GrinfiLead "$TestDrive/all.csv"

            (Import-Csv "$TestDrive/all.csv").Count | Should -Be 40
            ((Get-SandboxRequest $script:sb -Path '/leads/api/file-exports/leads').body | ConvertFrom-Json).filter.all | Should -BeTrue
        }

        It 'overwrites like Export-Csv' {
            Set-Content "$TestDrive/exists.csv" 'old'
            Export-GrinfiLead "$TestDrive/exists.csv" -Tag 'VIP'
            Get-Content "$TestDrive/exists.csv" -First 1 | Should -Match 'uuid'
        }

        It 'gives up after -TimeoutSec with a clear error' {
            Set-SandboxOption $script:sb @{ exportDelayMs = 30000 }
            { Export-GrinfiLead "$TestDrive/slow.csv" -TimeoutSec 1 } | Should -Throw -ErrorId 'GrinfiExportTimeout,*'
            Test-Path "$TestDrive/slow.csv" | Should -BeFalse
        }
    }

    It 'checks -Path before it queues anything: <case>' -ForEach @(
        @{ case = 'a folder'; path = { $TestDrive }; id = 'GrinfiPathIsFolder' }
        @{ case = 'a missing folder'; path = { "$TestDrive/no/such/folder/x.csv" }; id = 'GrinfiPathFolderMissing' }
        @{ case = 'an existing file with -NoClobber'; path = { Set-Content "$TestDrive/exists.csv" 'old'; "$TestDrive/exists.csv" }; id = 'GrinfiFileExists'; noClobber = $true }
        @{ case = 'a read-only file'; path = { Set-Content "$TestDrive/ro.csv" 'old'; (Get-Item "$TestDrive/ro.csv").Attributes = 'ReadOnly'; if (-not $IsWindows) { chmod 444 "$TestDrive/ro.csv" }; "$TestDrive/ro.csv" }; id = 'GrinfiPathNotWritable'; skipAsRoot = $true }
    ) {
        if ($skipAsRoot -and -not $IsWindows -and (id -u) -eq 0) { Set-ItResult -Skipped -Because 'root writes read-only files' ; return }
        $target = & $path
        Clear-SandboxRequest $script:sb

        { Export-GrinfiLead $target -NoClobber:([bool]$noClobber) -List 'Webinar Q4' } | Should -Throw -ErrorId "$id,*"
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'checks the filter before any request' {
        { Export-GrinfiLead "$TestDrive/x.csv" -Filter @{ compnay = 'x' } } | Should -Throw -ErrorId 'GrinfiUnknownFilterField,*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-GrinfiRequest' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb
    }

    It 'sends a GET and returns the answer as objects' {
        $answer = Invoke-GrinfiRequest GET /flows/api/flows

        $answer.data.Count | Should -Be 5
        $answer.total | Should -Be 5
        $answer.data[0].name | Should -Not -BeNullOrEmpty
    }

    It 'follows pages with -All and streams the items' {
        $flows = Invoke-GrinfiRequest GET /flows/api/flows -All -PageSize 2

        $flows.Count | Should -Be 5
        ($flows.uuid | Sort-Object -Unique).Count | Should -Be 5
        (Get-SandboxRequest $script:sb -Path '/flows/api/flows').query | Should -Be @('limit=2&offset=0', 'limit=2&offset=2', 'limit=2&offset=4')
    }

    It 'turns a nested -Query into the bracket form' {
        $on = Invoke-GrinfiRequest GET /flows/api/flows -Query @{ filter = @{ status = 'on' } }

        $on.data.status | Sort-Object -Unique | Should -Be 'on'
        (Get-SandboxRequest $script:sb).query | Should -Be 'filter%5Bstatus%5D=on'
    }

    It 'pages a POST search with limit and offset in the body' {
        $leads = Invoke-GrinfiRequest POST /leads/api/leads/search -Body @{ filter = @{ status = 'active' } } -All -PageSize 15 -Idempotent

        $leads.Count | Should -Be (Measure-GrinfiLead -Filter @{ status = 'active' }).Count
        (Get-SandboxRequest $script:sb -Path '/leads/api/leads/search' | Select-Object -First 1).body | Should -Match '"limit":15,"offset":0'
    }

    It 'maps errors like every other cmdlet' {
        Invoke-GrinfiRequest GET "/leads/api/leads/$([guid]::NewGuid())" -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'retries a GET, but a POST only with -Idempotent' {
        Connect-TestSandbox $script:sb -Parameters @{ MaximumRetryCount = 2 }
        Add-SandboxFault $script:sb @(
            @{ path = '/flows/api/flows'; kind = 'status'; status = 503 }
            @{ path = '/leads/api/leads/count'; kind = 'status'; status = 503; count = 2 }
        )

        (Invoke-GrinfiRequest GET /flows/api/flows).total | Should -Be 5
        Invoke-GrinfiRequest POST /leads/api/leads/count -Body @{ all = $true } -ErrorVariable failed -ErrorAction SilentlyContinue
        (Invoke-GrinfiRequest POST /leads/api/leads/count -Body @{ all = $true } -Idempotent).total | Should -Be 40

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiServerError,*'
        (Get-SandboxRequest $script:sb -Path '/leads/api/leads/count').status | Should -Be @(503, 503, 200)
    }

    It 'sends the key nowhere but the connection''s API' {
        { Invoke-GrinfiRequest GET 'https://example.com/steal' } | Should -Throw -ErrorId 'GrinfiForeignAddress,*'
        { Invoke-GrinfiRequest GET '/flows/api/flows?x=1' } | Should -Throw -ErrorId 'GrinfiQueryInPath,*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'returns text for a non-JSON answer, and with -Raw' {
        # Only the generous reading names the export's file.
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        $export = Invoke-GrinfiRequest POST /leads/api/file-exports/leads -Body @{ filter = @{ all = $true } } -Confirm:$false
        Set-SandboxOption $script:sb @{ reading = 'minimal' }
        Start-Sleep -Milliseconds 800

        $csv = Invoke-GrinfiRequest POST /leads/api/file-exports/download -Body @{ file_name = $export.file_name } -Idempotent
        $raw = Invoke-GrinfiRequest GET /flows/api/flows -Raw

        $csv | Should -BeOfType string
        ($csv | ConvertFrom-Csv).Count | Should -Be 40
        $raw | Should -BeOfType string
        $raw | Should -Match '"data"'
    }

    It '-WhatIf sends no write' {
        Invoke-GrinfiRequest POST /leads/api/lists -Body @{ name = 'Never made' } -WhatIf
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }
}
