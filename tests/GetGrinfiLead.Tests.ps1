BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 250
    $script:search = '/leads/api/leads/search'
    # -DateKind String: compare dates as the text that was sent, not as parsed DateTimes.
    function Get-SearchBody { @(Get-SandboxRequest $script:sb -Path $script:search | ForEach-Object { $_.body | ConvertFrom-Json -DateKind String }) }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Get-GrinfiLead search' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 250
        Connect-TestSandbox $script:sb
    }
    BeforeEach { Clear-SandboxRequest $script:sb }

    It 'returns every contact when given no filter, as typed objects' {
        $all = Get-GrinfiLead

        $all.Count | Should -Be 250
        ($all.Uuid | Sort-Object -Unique).Count | Should -Be 250
        $all[0] | Should -BeOfType GrinfiPS.Model.GrinfiLead
        $all[0].CreatedAt | Should -BeOfType datetime
    }

    It 'always sends the sort field and direction, and pages by the page size' {
        $null = Get-GrinfiLead -PageSize 60

        $bodies = Get-SearchBody
        $bodies.Count | Should -BeGreaterOrEqual 5
        $bodies[0].order_field | Should -Be 'created_at'
        # Reading a tie larger than a page sorts it by uuid; every request names its order.
        $bodies | ForEach-Object { $_.order_field | Should -BeIn 'created_at', 'uuid'; $_.order_type | Should -Be 'asc'; $_.limit | Should -Be 60 }
    }

    It 'Select-Object -First 3 sends exactly one search and writes no error' {
        $x = Get-GrinfiLead -ErrorVariable failed | Select-Object -First 3

        $x.Count | Should -Be 3
        $failed | Should -BeNullOrEmpty
        @(Get-SandboxRequest $script:sb -Path $script:search).Count | Should -Be 1
    }

    It 'supports -First, -Skip and -IncludeTotalCount' {
        $all = Get-GrinfiLead -First 12
        $page = Get-GrinfiLead -Skip 5 -First 4
        $counted = Get-GrinfiLead -First 2 -IncludeTotalCount

        $all.Count | Should -Be 12
        $page.Uuid | Should -Be $all[5..8].Uuid
        $counted[0].ToString() | Should -Match '250'
        $counted.Count | Should -Be 3
    }

    It 'sorts by another field, descending' {
        $leads = Get-GrinfiLead -SortBy connections_number -Descending -First 50
        $numbers = $leads.ConnectionsNumber | Where-Object { $null -ne $_ }

        $numbers | Should -Be ($numbers | Sort-Object -Descending)
        (Get-SearchBody)[0].order_field | Should -Be 'connections_number'
        (Get-SearchBody)[0].order_type | Should -Be 'desc'
    }

    It 'takes property names for fields, in -SortBy and -Filter' {
        $leads = Get-GrinfiLead -SortBy CompanyName -Filter @{ CompanyName = 'is_not_null' } -First 5
        $leads.Count | Should -Be 5
        (Get-SearchBody)[0].order_field | Should -Be 'company_name'
    }

    It 'a bad -SortBy is an error before any request' {
        { Get-GrinfiLead -SortBy 'compnay_name' } | Should -Throw -ErrorId 'GrinfiInvalidSortField,*' -ExpectedMessage "*Did you mean 'company_name'*"
        { Get-GrinfiLead -SortBy tags } | Should -Throw -ErrorId 'GrinfiInvalidSortField,*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }
}

Describe 'Filters' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 250
        Connect-TestSandbox $script:sb
    }
    BeforeEach { Clear-SandboxRequest $script:sb }

    It 'translates a scalar, an array and several operators on one field' {
        $from = [datetime]::new(2025, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        $to = [datetimeoffset]::new(2026, 1, 1, 2, 0, 0, [timespan]::FromHours(2))
        $leads = Get-GrinfiLead -Filter @{
            status     = 'active'
            first_name = @('Anna', 'Pedro', 'Linda')
            created_at = @{ '>=' = $from; '-lt' = $to }
        }

        $filter = (Get-SearchBody)[0].filter
        $filter.status | Should -Be 'active'
        $filter.first_name | Should -Be @('Anna', 'Pedro', 'Linda')
        $filter.created_at.'>=' | Should -Be '2025-01-01T00:00:00.0000000Z'
        $filter.created_at.'<' | Should -Be '2026-01-01T00:00:00.0000000Z'
        $leads | ForEach-Object {
            $_.FirstName | Should -BeIn @('Anna', 'Pedro', 'Linda')
            $_.CreatedAt.ToUniversalTime() | Should -BeGreaterOrEqual $from
        }
    }

    It 'sends dates as UTC, taking an unspecified DateTime as local time like Get-Date' {
        $local = [datetime]::new(2025, 3, 1, 12, 0, 0, [DateTimeKind]::Unspecified)
        $null = Get-GrinfiLead -Filter @{ created_at = @{ '>' = $local } } -First 1

        (Get-SearchBody)[0].filter.created_at.'>' | Should -Be $local.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'")
    }

    It 'takes is_null, is_not_null, booleans, numbers, ordered dictionaries and PSCustomObjects' {
        $null = Get-GrinfiLead -First 1 -Filter ([ordered]@{ work_email = 'is_null'; connections_number = @{ '>' = 100 } })
        $null = Get-GrinfiLead -First 1 -Filter ([pscustomobject]@{ personal_email = 'IS_NOT_NULL'; followers_number = [pscustomobject]@{ '<=' = 5000.5 } })

        $bodies = Get-SearchBody
        $bodies[0].filter.work_email | Should -Be 'is_null'
        $bodies[0].filter.connections_number.'>' | Should -Be 100
        $bodies[1].filter.personal_email | Should -Be 'is_not_null'
        $bodies[1].filter.followers_number.'<=' | Should -Be 5000.5
    }

    It 'combines -List, -PipelineStage and -Tag with -Filter by AND' {
        $leads = Get-GrinfiLead -List 'Webinar Q4' -PipelineStage 'New', 'Approaching' -Filter @{ status = 'active' }

        $list = Get-GrinfiList 'Webinar Q4'
        $filter = (Get-SearchBody)[0].filter
        $filter.list_uuid | Should -Be $list.Uuid
        $filter.pipeline_stage_uuid.Count | Should -Be 2
        $filter.status | Should -Be 'active'
        $leads | ForEach-Object { $_.ListName | Should -Be 'Webinar Q4'; $_.PipelineStageName | Should -BeIn 'New', 'Approaching' }
    }

    It 'refuses a filter that names the same field as -List' {
        { Get-GrinfiLead -List 'Prospects' -Filter @{ list_uuid = [guid]::NewGuid() } } | Should -Throw -ErrorId 'GrinfiConflictingFilter,*'
        Get-SandboxRequest $script:sb -Path $script:search | Should -BeNullOrEmpty
    }

    It 'reports <what> before any request' -ForEach @(
        @{ what = 'a typo in a field'; filter = @{ emial = 'a@b.c' }; id = 'GrinfiUnknownFilterField'; message = "*'emial' is not a lead field*work_email*" }
        @{ what = 'a typo of a part of a field (compnay)'; filter = @{ compnay = 'Acme' }; id = 'GrinfiUnknownFilterField'; message = "*'compnay' is not a lead field. Did you mean 'company_name'*" }
        @{ what = 'a typo of a field (postion)'; filter = @{ postion = 'CTO' }; id = 'GrinfiUnknownFilterField'; message = "*'postion' is not a lead field. Did you mean 'position'*" }
        @{ what = 'an unknown operator'; filter = @{ created_at = @{ '=>' = '2025-01-01' } }; id = 'GrinfiUnknownFilterOperator'; message = "*'created_at'*'=>'*" }
        @{ what = 'a null value'; filter = @{ work_email = $null }; id = 'GrinfiNullFilterValue'; message = "*'work_email' is `$null*is_null*" }
        @{ what = 'a value of an unsupported type'; filter = @{ position = [System.IO.FileInfo]'x.txt' }; id = 'GrinfiInvalidFilterValue'; message = "*'position'*FileInfo*" }
        @{ what = 'a list name where a UUID belongs'; filter = @{ list_uuid = 'Webinar Q4' }; id = 'GrinfiInvalidFilterValue'; message = '*-List*' }
        @{ what = 'an empty array'; filter = @{ status = @() }; id = 'GrinfiInvalidFilterValue'; message = "*'status' is an empty array*" }
        @{ what = 'a null operator value'; filter = @{ created_at = @{ '>' = $null } }; id = 'GrinfiInvalidFilterValue'; message = "*'created_at'*not `$null*" }
    ) {
        { Get-GrinfiLead -Filter $filter } | Should -Throw -ErrorId "$id,*" -ExpectedMessage $message
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'gives Set-GrinfiLead -Clear typos the same "Did you mean", before any request: <typo>' -ForEach @(
        @{ typo = 'postion'; message = "-Clear 'postion' is neither a lead field that can be emptied nor a custom field. Did you mean 'position'?" }
        @{ typo = 'compnay'; message = "-Clear 'compnay' is neither a lead field that can be emptied nor a custom field. Did you mean 'company_name'? The API does not let it be emptied on update." }
    ) {
        $lead = Get-GrinfiLead -First 1
        Clear-SandboxRequest $script:sb

        $err = { $lead | Set-GrinfiLead -Clear $typo } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidClear,*'
        $err.Exception.Message | Should -Be $message
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'passes a field it does not know with -AllowUnknownField' {
        $null = Get-GrinfiLead -Filter @{ lead_score = @{ '>' = 50 } } -AllowUnknownField -First 1

        (Get-SearchBody)[0].filter.lead_score.'>' | Should -Be 50
    }
}

Describe 'By UUID and by identifier' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 250
        Connect-TestSandbox $script:sb
        $script:sample = Get-GrinfiLead -First 150
    }
    BeforeEach { Clear-SandboxRequest $script:sb }

    It 'fetches many ids in pages of uuid IN searches, in input order' {
        $ids = $script:sample.Uuid | Sort-Object { Get-Random }

        $leads = $ids | Get-GrinfiLead

        $leads.Uuid | Should -Be $ids
        $bodies = Get-SearchBody
        $bodies.Count | Should -Be 2
        $bodies[0].filter.uuid.Count | Should -Be 100
    }

    It 'takes GrinfiLead objects and rows with a Uuid column from the pipeline' {
        $fromObjects = $script:sample[0..2] | Get-GrinfiLead
        $fromRows = $script:sample[0..2] | Select-Object Uuid, Name | ConvertTo-Csv | ConvertFrom-Csv | Get-GrinfiLead

        $fromObjects.Uuid | Should -Be $script:sample[0..2].Uuid
        $fromRows.Uuid | Should -Be $script:sample[0..2].Uuid
    }

    It 'reports a malformed UUID before any request and goes on with the rest' {
        $leads = Get-GrinfiLead -Uuid $script:sample[0].Uuid, 'not-a-uuid', $script:sample[1].Uuid -ErrorVariable failed -ErrorAction SilentlyContinue

        $leads.Count | Should -Be 2
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidUuid,*'
        $failed[0].TargetObject | Should -Be 'not-a-uuid'
        @(Get-SandboxRequest $script:sb).Count | Should -Be 1
    }

    It 'reports an id that does not exist as ObjectNotFound' {
        $missing = [guid]::NewGuid().ToString()
        $leads = Get-GrinfiLead -Uuid $script:sample[0].Uuid, $missing -ErrorVariable failed -ErrorAction SilentlyContinue

        $leads.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiLeadNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be $missing
    }

    It 'refuses a piped list, never reading it as a contact id' {
        $list = Get-GrinfiList 'Prospects'
        Clear-SandboxRequest $script:sb
        $leads = $list, $script:sample[0] | Get-GrinfiLead -ErrorVariable failed -ErrorAction SilentlyContinue

        $leads.Uuid | Should -Be $script:sample[0].Uuid
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotAContact,*'
        $failed[0].TargetObject | Should -Be $list
        "$($failed[0])" | Should -BeLike "*GrinfiList ('Prospects') is not a contact*"
        $failed[0].ErrorDetails.RecommendedAction | Should -BeLike '*-List*'
        (Get-SearchBody).filter.uuid | Should -Be $script:sample[0].Uuid
    }

    It 'refuses a contact of another team, piped or given to -Uuid, before any request, and reads the rest' {
        Connect-TestSandbox $script:sb -Second
        $theirs = Get-GrinfiLead -First 2
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        $piped = $theirs[0], $script:sample[0] | Get-GrinfiLead -ErrorVariable failed -ErrorAction SilentlyContinue
        $given = Get-GrinfiLead -Uuid $theirs[1] -ErrorVariable failedToo -ErrorAction SilentlyContinue

        $piped.Uuid | Should -Be $script:sample[0].Uuid
        $given | Should -BeNullOrEmpty
        foreach ($err in $failed[0], $failedToo[0]) {
            $err.FullyQualifiedErrorId | Should -BeLike 'GrinfiOtherTeam,*'
            $err.Exception.Message | Should -BeLike "The contact '*' given to -Uuid belongs to team 2, and this connection works with team 1."
        }
        $failed | Should -HaveCount 1
        $failed[0].TargetObject.Uuid | Should -Be $theirs[0].Uuid
        $bodies = Get-SearchBody
        $bodies | Should -HaveCount 1
        $bodies[0].filter.uuid | Should -Be $script:sample[0].Uuid
    }

    It 'looks a contact up by email, LinkedIn id, or name and company' {
        $withEmail = $script:sample | Where-Object WorkEmail | Select-Object -First 1
        $withHandle = $script:sample | Where-Object LinkedIn | Select-Object -First 1

        (Get-GrinfiLead -Email $withEmail.WorkEmail.ToUpper()).Uuid | Should -Be $withEmail.Uuid
        (Get-GrinfiLead -LinkedInId $withHandle.LinkedIn).Uuid | Should -Be $withHandle.Uuid
        (Get-GrinfiLead -Name $withHandle.Name -CompanyName $withHandle.CompanyName).Uuid | Should -Be $withHandle.Uuid
        (Get-SandboxRequest $script:sb -Path '/leads/api/leads/lookup-one').Count | Should -Be 2
    }

    It '-Email finds every contact with that email, work or personal, not only the first' {
        $list = (Get-GrinfiList 'Prospects').Uuid
        $ids = @(
            (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 1; listUuid = $list; fields = @{ work_email = 'shared@erase.test'; personal_email = $null } }).uuids
            (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 1; listUuid = $list; fields = @{ personal_email = 'shared@erase.test'; work_email = 'other@erase.test' } }).uuids
            (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 1; listUuid = $list; fields = @{ work_email = 'someone@erase.test'; personal_email = $null } }).uuids
        )
        Clear-SandboxRequest $script:sb

        $found = @(Get-GrinfiLead -Email 'shared@erase.test')

        ($found.Uuid | Sort-Object) | Should -Be (@($ids[0], $ids[1]) | Sort-Object)
        (Get-SandboxRequest $script:sb -Path '/leads/api/leads/lookup-one') | Should -BeNullOrEmpty
        @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/search').Count | Should -Be 2
    }
}

Describe 'Measure-GrinfiLead' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 250
        Connect-TestSandbox $script:sb
    }

    It 'checks its filter before any request, like Get-GrinfiLead' {
        Clear-SandboxRequest $script:sb
        { Measure-GrinfiLead -Filter @{ emial = 'x' } -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'GrinfiUnknownFilterField,*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'says what it counted in names, the lists, stages and tags given by UUID too' {
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        $prospects = (Invoke-SandboxApi $script:sb -Path '/leads/api/lists?limit=1000').data | Where-Object name -EQ 'Prospects'
        $hot = (Invoke-SandboxApi $script:sb -Path '/leads/api/tags').data | Where-Object name -EQ 'Hot'

        $byUuid = Measure-GrinfiLead -Filter ([ordered]@{ list_uuid = $prospects.uuid; tags = $hot.uuid })
        $byName = Measure-GrinfiLead -List 'Prospects' -PipelineStage 'Replied' -Filter @{ company_name = 'Initech' }

        $byUuid.Selection | Should -Be "in list 'Prospects' and with tag 'Hot'"
        $byUuid.Filter | Should -Match ([regex]::Escape($prospects.uuid))
        $byName.Selection | Should -Be "whose company_name is 'Initech' and in list 'Prospects' and in stage 'Replied'"
        $shown = $byUuid | Out-String -Width 200
        $shown | Should -Match "Selection"
        $shown | Should -Match "in list 'Prospects' and with tag 'Hot'"
        $shown | Should -Not -Match ([regex]::Escape($prospects.uuid))
    }

    It 'counts with one request instead of paging: a one-contact search for a filter, the count endpoint for all' {
        $expected = (Get-GrinfiLead -List 'Customers' | Measure-Object).Count
        Clear-SandboxRequest $script:sb

        $measured = Measure-GrinfiLead -List 'Customers'

        $measured.Count | Should -Be $expected
        $requests = @(Get-SandboxRequest $script:sb)
        $requests.path | Should -Be '/leads/api/leads/search'
        ($requests[0].body | ConvertFrom-Json).limit | Should -Be 1
        Clear-SandboxRequest $script:sb
        (Measure-GrinfiLead).Count | Should -Be 250
        (Get-SandboxRequest $script:sb).path | Should -Be '/leads/api/leads/count'
        ((Get-SandboxRequest $script:sb).body | ConvertFrom-Json).all | Should -BeTrue
    }
}

Describe 'Output' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 250
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb
        $script:leads = Get-GrinfiLead -PageSize 50
    }

    It 'keeps every field the API sends, future ones included (the generous reading adds custom_fields)' {
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        try { $leads = Get-GrinfiLead -PageSize 50 } finally { Set-SandboxOption $script:sb @{ reading = 'minimal' } }
        # Custom-field values become columns of their own, on every contact (empty when unset).
        $withCustom = $leads | Where-Object { $_.industry } | Select-Object -First 1
        $withCustom | Should -Not -BeNullOrEmpty
        $leads | ForEach-Object { $_.PSObject.Properties.Name | Should -Contain 'industry' }
        $leads[0].PSObject.Properties.Name | Should -Not -Contain 'CustomFields'
        ($leads[0].ToJson() | ConvertFrom-Json).PSObject.Properties.Name | Should -Contain 'custom_fields'
    }

    It 'shows names, company, position, stage name and list name in the default table with one lookup each' {
        $table = $script:leads | Out-String -Width 250

        $table | Should -Match 'Name\s+CompanyName\s+Position\s+Stage\s+List'
        $table | Should -Match 'Webinar Q4|Prospects|Customers'
        $table | Should -Match 'New|Approaching|Engaging|Replied|Interested'
        @(Get-SandboxRequest $script:sb -Path '/leads/api/lists' -Method GET).Count | Should -Be 1
        @(Get-SandboxRequest $script:sb -Path '/leads/api/pipeline-stages' -Method GET).Count | Should -Be 1
    }

    It 'loads the list, stage, tag and custom-field names once, before it writes the first contact' {
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        $first = $null
        $leads = Get-GrinfiLead -PageSize 50 | ForEach-Object {
            # The log as the first contact arrives, before any of its properties is read.
            if ($null -eq $first) { $first = @(Get-SandboxRequest $script:sb) }
            $_
        }

        $leads | Should -HaveCount 250
        $first.path | Should -Contain '/leads/api/lists'
        $first.path | Should -Contain '/leads/api/pipeline-stages'
        $first.path | Should -Contain '/leads/api/tags'
        $first.path | Should -Contain '/leads/api/custom-fields'
        # Each read once, from its start; custom fields state no total, so their read asks once more past the first page.
        foreach ($path in '/leads/api/lists', '/leads/api/pipeline-stages', '/leads/api/tags', '/leads/api/custom-fields') {
            @(Get-SandboxRequest $script:sb -Method GET -Path $path | Where-Object query -NotMatch '(^|&)offset=[1-9]') | Should -HaveCount 1
        }
        ($leads | Where-Object ListName | Measure-Object).Count | Should -Be 250
    }

    It 'exports and formats from the names it loaded: Export-Csv and the table make no request' {
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        $leads = Get-GrinfiLead -First 20
        Clear-SandboxRequest $script:sb

        $leads | Export-Csv TestDrive:/no-requests.csv
        $null = $leads | Out-String
        $null = $leads | Format-List * | Out-String

        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
        (Import-Csv TestDrive:/no-requests.csv | Where-Object ListName).Count | Should -Be 20
    }

    It 'exports flat columns a person can read: list, stage and tag names, nested data as text' {
        $lists = @{}; (Invoke-SandboxApi $script:sb -Path '/leads/api/lists?limit=1000').data | ForEach-Object { $lists[$_.uuid] = $_.name }
        $tags = @{}; (Invoke-SandboxApi $script:sb -Path '/leads/api/tags').data | ForEach-Object { $tags[$_.uuid] = $_.name }
        $script:leads | Export-Csv TestDrive:/flat.csv
        $rows = Import-Csv TestDrive:/flat.csv

        $columns = $rows[0].PSObject.Properties.Name
        $columns | Should -Contain 'ListName'
        $columns | Should -Contain 'PipelineStageName'
        $columns | Should -Contain 'TagNames'
        foreach ($row in $rows) {
            $row.ListName | Should -Be $lists[$row.ListUuid]
            if ($row.Tags) { $row.TagNames | Should -Be ((($row.Tags -split '; ') | ForEach-Object { $tags[$_] }) -join '; ') }
        }
        $row = $rows | Where-Object { $_.Experience -and $_.Educations -and $_.Location } | Select-Object -First 1
        $row | Should -Not -BeNullOrEmpty
        $lead = $script:leads | Where-Object Uuid -EQ $row.Uuid
        # "CTO at Acme (2020-01 – now)", "MIT: BSc, Physics (2010 – 2014)", "Berlin; Germany": no JSON.
        $row.Experience | Should -BeLike "$($lead.Experience[0].title) at $($lead.Experience[0].company)*"
        $row.Educations | Should -BeLike "$($lead.Educations[0].school)*"
        $row.Location | Should -Be (($lead.Location | ForEach-Object address_string) -join '; ')
        foreach ($column in 'Experience', 'Educations', 'Location', 'Posts', 'UnreadCounts') {
            $rows.$column | Where-Object { $_ -match '[{}\[\]]|":' } | Should -BeNullOrEmpty -Because "$column holds readable text"
        }
    }

    It 'fits the default table in 80 columns with every column, ending longer values in …' {
        $rendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
        try { $table = $script:leads | Out-String -Width 80 } finally { $PSStyle.OutputRendering = $rendering }
        $lines = $table -split '\r?\n' | Where-Object { $_ }

        $lines[0] | Should -Match '^Name\s+CompanyName\s+Position\s+Stage\s+List$'
        $lines[1] | Should -Match '^----\s+-----------\s+--------\s+-----\s+----$'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $table | Should -Match '…'
        # Every contact's list is shown: the last column did not fall off.
        ($lines | Select-Object -Skip 2 | Where-Object { $_ -match '(Webinar Q4|Prospects|Customers|Conference 2026|Newsletter|Cold outreach)$' }).Count | Should -Be 250
    }

    It 'exports to CSV with no column holding a type name' {
        $script:leads | Export-Csv TestDrive:/leads.csv
        $csv = Get-Content TestDrive:/leads.csv -Raw

        $csv | Should -Not -Match 'System\.[A-Z]'
        $csv | Should -Not -Match 'GrinfiPS\.'
        $rows = Import-Csv TestDrive:/leads.csv
        $rows.Count | Should -Be 250
        ($rows | Where-Object Skills | Select-Object -First 1).Skills | Should -Match '^\w[^;]*(; [^;]+)*$'
    }
}

Describe 'Correct under change' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
    }

    It 'sees every contact once while the downstream deletes what it receives, with a tie larger than a page' {
        $list = New-GrinfiList "Bulk $(Get-Random)"
        $tie = (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 230; listUuid = $list.Uuid; createdAt = '2024-02-02T02:02:02.000000Z' }).uuids
        $more = (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 35; listUuid = $list.Uuid }).uuids

        $seen = Get-GrinfiLead -List $list -PageSize 50 | ForEach-Object {
            Invoke-SandboxApi $script:sb -Method DELETE -Path "/leads/api/leads/$($_.Uuid)" | Out-Null
            $_.Uuid
        }

        $seen.Count | Should -Be 265
        ($seen | Sort-Object -Unique).Count | Should -Be 265
        $seen | Sort-Object | Should -Be (@($tie) + @($more) | Sort-Object)
        (Measure-GrinfiLead -List $list).Count | Should -Be 0
    }
}

Describe 'Progress' {
    It 'shows a progress bar with the total while paging a large result' {
        Reset-TestSandbox $script:sb -Contacts 250
        $connection = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true }
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($module, $connection) Import-Module $module; Get-GrinfiLead -Connection $connection -PageSize 50 }).
            AddArgument((Get-GrinfiTestModulePath)).AddArgument($connection)

        $out = $ps.Invoke()

        $out.Count | Should -Be 250
        $status = $ps.Streams.Progress | Where-Object RecordType -eq 'Processing' | ForEach-Object StatusDescription
        $status | Should -Contain '50 of 250 contacts'
        ($ps.Streams.Progress | Select-Object -Last 1).RecordType | Should -Be 'Completed'
        $ps.Dispose()
    }
}
