<#
    The company cmdlets, driven as users drive them: pipelines that mix good and bad input,
    counts checked against the sandbox's request log, -WhatIf sending nothing, errors carrying
    their item, and the misbehaving servers the guarded search must stop on.
#>
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 100
    $script:search = '/leads/api/companies/list'
    $script:mass = '/leads/api/companies/mass-action'
    function Get-Body([string] $Path, [string] $Method) {
        @(Get-SandboxRequest $script:sb -Path $Path -Method $Method | ForEach-Object { $_.body | ConvertFrom-Json -DateKind String })
    }
    function Complete([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
    }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Get-GrinfiCompany: the search' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        $script:all = Get-GrinfiCompany
        $script:prospects = Get-GrinfiList 'Prospects'
        $script:target = Get-GrinfiPipelineStage -Object Company 'Target'
    }
    BeforeEach { Clear-SandboxRequest $script:sb }

    It 'reads every company once, in one request for 50' {
        $script:all.Count | Should -Be 50
        @($script:all.Uuid | Sort-Object -Unique).Count | Should -Be 50
        $script:all[0].PSObject.TypeNames | Should -Contain 'GrinfiPS.Model.GrinfiCompany'
    }

    It 'ANDs -Filter, -List, -PipelineStage and -Tag in the language of Get-GrinfiLead' {
        $industry = ($script:all | Group-Object Industry | Sort-Object Count -Descending)[0].Name
        $expected = $script:all | Where-Object { $_.Industry -eq $industry -and $_.Lists -contains $script:prospects.Uuid }

        $found = Get-GrinfiCompany -Filter @{ Industry = $industry } -List 'Prospects'

        @($found).Count | Should -Be @($expected).Count
        $found.Uuid | Sort-Object | Should -Be ($expected.Uuid | Sort-Object)
        $body = (Get-Body $script:search)[0]
        $body.filter.industry | Should -Be $industry
        $body.filter.lists | Should -Be $script:prospects.Uuid
        $staged = Get-GrinfiCompany -PipelineStage 'Target' -Filter @{ created_at = @{ '<' = (Get-Date) } }
        $staged.PipelineStageName | Sort-Object -Unique | Should -Be 'Target'
        @($staged).Count | Should -Be @($script:all | Where-Object PipelineStageUuid -eq $script:target.Uuid).Count
    }

    It 'matches companies in any of several lists (a company can be in several)' {
        $customers = Get-GrinfiList 'Customers'
        @($script:all | Where-Object { $_.ListNames.Count -ge 2 }).Count | Should -BeGreaterThan 0

        $either = Get-GrinfiCompany -List 'Prospects', 'Customers'

        @($either).Count | Should -Be @($script:all | Where-Object { $_.Lists -contains $script:prospects.Uuid -or $_.Lists -contains $customers.Uuid }).Count
    }

    It 'checks the filter before any request and names the field it meant' {
        { Get-GrinfiCompany -Filter @{ industy = 'SaaS' } } | Should -Throw -ErrorId 'GrinfiUnknownFilterField,*' -ExpectedMessage "*not a company field*'industry'*"
        { Get-GrinfiCompany -Filter @{ lead_status_uuid = 'Target' } } | Should -Throw -ErrorId 'GrinfiInvalidFilterValue,*' -ExpectedMessage '*-PipelineStage*'
        { Get-GrinfiCompany -SortBy tags } | Should -Throw -ErrorId 'GrinfiInvalidSortField,*'
        Get-GrinfiCompany -PipelineStage 'Interested' -ErrorVariable unknown -ErrorAction SilentlyContinue
        $unknown[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiPipelineStageNotFound,*'
        Get-SandboxRequest $script:sb -Path $script:search | Should -BeNullOrEmpty
    }

    It 'pages by keyset, so a pipeline that deletes what it reads still sees every company once' {
        $seen = [Collections.Generic.List[string]]::new()
        # The mass action deletes 3 at a time while the search is still reading, 7 a page.
        $null = Get-GrinfiCompany -PageSize 7 | ForEach-Object { $seen.Add($_.Uuid); $_ } |
            Invoke-GrinfiCompanyMassAction -Action Delete -BatchSize 3 -Force -InformationAction Ignore

        $seen.Count | Should -Be 50
        @($seen | Sort-Object -Unique).Count | Should -Be 50
        Get-GrinfiCompany | Should -BeNullOrEmpty
        # Each page starts past the last company read, not at an offset.
        (Get-Body $script:search | Where-Object { $_.filter.created_at.'>=' }).Count | Should -BeGreaterThan 5
        (Get-Body $script:search).offset | Sort-Object -Unique | Should -Be 0
        Reset-TestSandbox $script:sb -Contacts 100
    }

    It '-First 3 costs one small request; -IncludeTotalCount states the total first' {
        $three = Get-GrinfiCompany -First 3
        $three.Count | Should -Be 3
        @(Get-SandboxRequest $script:sb -Path $script:search).Count | Should -Be 1
        (Get-Body $script:search)[0].limit | Should -Be 3

        $counted = Get-GrinfiCompany -List 'Prospects' -First 2 -IncludeTotalCount
        $counted[0].ToString() | Should -Match 'Total count: \d+'
        $counted.Count | Should -Be 3
    }

    It 'stops with GrinfiFilterIgnored, passing nothing on, when the server ignores the filter' {
        Add-SandboxFault $script:sb @{ path = $script:search; kind = 'ignore-filter'; count = 10 }

        $out = Get-GrinfiCompany -PipelineStage 'Customer' -ErrorVariable failed -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiFilterIgnored,*'
        "$($failed[0])" | Should -BeLike '*its lead_status_uuid*'
        @(Get-SandboxRequest $script:sb -Path $script:search).Count | Should -Be 1
    }

    It 'stops a server that repeats a page (stalled) or never ends (runaway), within a bound' {
        Set-SandboxOption $script:sb @{ maxPageSize = 20 }
        Add-SandboxFault $script:sb @{ path = $script:search; kind = 'repeat-page'; count = 1000 }
        $out = Get-GrinfiCompany -ErrorVariable stalled -ErrorAction SilentlyContinue
        $stalled[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiPagingStalled,*'
        @($out).Count | Should -Be 20
        @(Get-SandboxRequest $script:sb -Path $script:search).Count | Should -Be 2

        Invoke-SandboxControl $script:sb faults -Method DELETE | Out-Null
        Set-SandboxOption $script:sb @{ maxPageSize = 1000 }
        Clear-SandboxRequest $script:sb
        Add-SandboxFault $script:sb @{ path = $script:search; kind = 'phantom-page'; count = 1000; total = 3000 }
        $null = Get-GrinfiCompany -ErrorVariable runaway -ErrorAction SilentlyContinue
        $runaway[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiPagingRunaway,*'
        @(Get-SandboxRequest $script:sb -Path $script:search).Count | Should -Be 6   # ⌈3,000/1,000⌉ + 3
        Invoke-SandboxControl $script:sb faults -Method DELETE | Out-Null
    }
}

Describe 'Get-GrinfiCompany: by UUID and by lookup' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        $script:acme = Get-GrinfiCompany -Search 'Acme'
    }
    BeforeEach { Clear-SandboxRequest $script:sb }

    It 'gets piped companies, UUIDs and rows, and reports each bad one with it as TargetObject' {
        $lead = Get-GrinfiLead -First 1
        $row = [pscustomobject]@{ Uuid = $lead.Uuid; CompanyUuid = $script:acme.Uuid }
        $missing = [guid]::NewGuid().ToString()

        $out = $script:acme, $row, $lead, 'not-a-uuid', $missing | Get-GrinfiCompany -ErrorVariable failed -ErrorAction SilentlyContinue

        $out.Uuid | Should -Be @($script:acme.Uuid, $script:acme.Uuid)
        $failed.Count | Should -Be 3
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotACompany,*'
        $failed[0].TargetObject | Should -Be $lead
        "$($failed[0])" | Should -BeLike "*$($lead.CompanyUuid)*"
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidUuid,*'
        $failed[1].TargetObject | Should -Be 'not-a-uuid'
        $failed[2].FullyQualifiedErrorId | Should -BeLike 'GrinfiCompanyNotFound,*'
        $failed[2].TargetObject | Should -Be $missing
        @(Get-SandboxRequest $script:sb -Method GET -Path '/leads/api/companies/*').Count | Should -Be 3
    }

    It 'looks each value up with its own request, and a value that finds nothing is an error' {
        $out = Get-GrinfiCompany -Website 'https://www.acme.com/about', 'nowhere.example', 'globex.com' -ErrorVariable failed -ErrorAction SilentlyContinue

        $out.Name | Should -Be @('Acme Inc', 'Globex')
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiCompanyNotFound,*'
        $failed[0].TargetObject | Should -Be 'nowhere.example'
        $bodies = Get-Body '/leads/api/companies/lookup'
        $bodies.Count | Should -Be 3
        $bodies[1].lookups[0].website | Should -Be 'nowhere.example'
    }

    It 'sends a LinkedIn company URL as its handle and digits as ln_id' {
        $linked = Get-GrinfiCompany -Filter @{ ln_id = 'is_not_null' } -First 1
        Clear-SandboxRequest $script:sb

        (Get-GrinfiCompany -LinkedIn "https://www.linkedin.com/company/$($linked.LinkedIn)/").Uuid | Should -Be $linked.Uuid
        (Get-GrinfiCompany -LinkedIn "$($linked.LnId)").Uuid | Should -Be $linked.Uuid
        (Get-GrinfiCompany -Name $linked.Name.ToUpper()).Uuid | Should -Be $linked.Uuid

        $bodies = Get-Body '/leads/api/companies/lookup'
        $bodies[0].lookups[0].linkedin | Should -Be $linked.LinkedIn
        $bodies[1].lookups[0].ln_id | Should -Be "$($linked.LnId)"
    }
}

Describe 'New-GrinfiCompany' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb
    }

    It 'creates CSV rows in one request in two lists, leaving out existing, repeated and nameless rows' {
        $csv = @'
Name,Domain,Industry,EmployeesRange
Zephyr Labs,zephyr.io,SaaS,11-50
Acme Again,https://www.ACME.com,Retail,1-10
,noname.io,SaaS,1-10
Quill Works,quill.works,Media,51-200
Zephyr Labs Duplicate,zephyr.io,SaaS,11-50
'@ | ConvertFrom-Csv

        $created = $csv | New-GrinfiCompany -List 'Prospects', 'Conference 2026' -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        $created.Name | Sort-Object | Should -Be @('Quill Works', 'Zephyr Labs')
        $created | ForEach-Object { $_.ListNames | Sort-Object | Should -Be @('Conference 2026', 'Prospects') }
        $failed.Count | Should -Be 3
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiCompanyNameMissing,*'
        $failed[0].TargetObject.Domain | Should -Be 'noname.io'
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiCompanyDuplicate,*'
        $failed[1].TargetObject.Name | Should -Be 'Zephyr Labs Duplicate'
        $failed[2].FullyQualifiedErrorId | Should -BeLike 'GrinfiCompanyExists,*'
        $failed[2].TargetObject.Name | Should -Be 'Acme Again'
        "$($failed[2])" | Should -BeLike "*'Acme Inc'*web address (acme.com)*"
        # One lookup for the batch, one create.
        @(Get-SandboxRequest $script:sb -Path '/leads/api/companies/lookup').Count | Should -Be 1
        $bodies = Get-Body '/leads/api/companies' 'POST'
        $bodies.Count | Should -Be 1
        $bodies[0].companies.name | Should -Be @('Zephyr Labs', 'Quill Works')
        $bodies[0].companies[0].employees_range | Should -Be '11-50'
        $bodies[0].list_uuids.Count | Should -Be 2
        "$summary" | Should -BeLike 'Created 2 companies in 2 requests; 1 company existed already*'
        (Get-GrinfiCompany -Website 'zephyr.io').Name | Should -Be 'Zephyr Labs'
    }

    It 'does not create anything twice when the same file runs again' {
        $rows = 'Alpha One', 'Beta Two', 'Gamma Three' | ForEach-Object { [pscustomobject]@{ Name = $_; Website = "https://$($_.Replace(' ', '').ToLower()).example" } }
        $null = $rows | New-GrinfiCompany

        $again = $rows | New-GrinfiCompany -ErrorVariable failed -ErrorAction SilentlyContinue

        $again | Should -BeNullOrEmpty
        $failed.Count | Should -Be 3
        $failed | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'GrinfiCompanyExists,*' }
        @(Get-SandboxRequest $script:sb -Path '/leads/api/companies' -Method POST).Count | Should -Be 1
        @(Get-GrinfiCompany).Count | Should -Be 53
    }

    It 'sends batches of -BatchSize, and a refused row leaves the rest of its batch to be created' {
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ Name = "Batch Co $_"; Domain = "batch$_.example" } }
        $rows[3].Name = 'x' * 300

        $created = $rows | New-GrinfiCompany -BatchSize 2 -AllowDuplicate -ErrorVariable failed -ErrorAction SilentlyContinue

        $created.Name | Should -Be @('Batch Co 1', 'Batch Co 2', 'Batch Co 3', 'Batch Co 5')
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiValidationError,*'
        $failed[0].TargetObject.Domain | Should -Be 'batch4.example'
        $requests = Get-SandboxRequest $script:sb -Path '/leads/api/companies' -Method POST
        $requests.status | Should -Be @(200, 422, 200, 200)
        Get-SandboxRequest $script:sb -Path '/leads/api/companies/lookup' | Should -BeNullOrEmpty
    }

    It '-WhatIf sends no create' {
        $shown = Get-HostOutput { New-GrinfiCompany -Name 'Never Made' -Domain 'never.example' -List 'Prospects' -WhatIf }

        $shown | Should -Match "What if: Performing the operation `"Create in list 'Prospects'`" on target `"company 'Never Made'`""
        Get-SandboxRequest $script:sb -Method POST | Should -BeNullOrEmpty
    }
}

Describe 'Set-GrinfiCompany' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        $script:three = Get-GrinfiCompany -Filter @{ lead_status_uuid = 'is_null' } -First 3
        New-GrinfiCustomField -Name 'tier' -Object Company | Out-Null
        Clear-SandboxRequest $script:sb
    }

    It 'sets the stage and a custom field of piped companies, never sending their own values back' {
        $out = $script:three | Set-GrinfiCompany -PipelineStage 'Customer' -CustomField @{ tier = 'Gold' } -PassThru -InformationVariable summary

        $out.PipelineStageName | Should -Be @('Customer', 'Customer', 'Customer')
        $puts = Get-Body '/leads/api/companies/*' 'PUT'
        $puts.Count | Should -Be 3
        $puts | ForEach-Object { @($_.PSObject.Properties.Name) | Should -Be @('lead_status_uuid') }
        $values = Get-Body '/leads/api/custom-field-values'
        $values.object_type | Should -Be @('company', 'company', 'company')
        $values.object_uuid | Should -Be $script:three.Uuid
        $values.value | Should -Be @('Gold', 'Gold', 'Gold')
        "$summary" | Should -Be 'Updated 3 companies in 6 requests.'
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        ($script:three[0] | Get-GrinfiCompany).CustomFields.tier | Should -Be 'Gold'
    }

    It 'takes the values of Import-Csv rows, skips empty cells, and reports bad rows with the row' {
        $rows = @(
            [pscustomobject]@{ CompanyUuid = $script:three[0].Uuid; Industry = 'Robotics'; Phone = '' }
            [pscustomobject]@{ CompanyUuid = 'oops'; Industry = 'Robotics'; Phone = '' }
            [pscustomobject]@{ CompanyUuid = [guid]::NewGuid().ToString(); Industry = 'Robotics'; Phone = '' }
            [pscustomobject]@{ CompanyUuid = $script:three[1].Uuid; Industry = ''; Phone = '+1 555 0100' }
        )

        $rows | Set-GrinfiCompany -Confirm:$false -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidUuid,*'
        $failed[0].TargetObject | Should -Be $rows[1]
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiCompanyNotFound,*'
        $failed[1].TargetObject | Should -Be $rows[2]
        $puts = Get-Body '/leads/api/companies/*' 'PUT'
        $puts.Count | Should -Be 3
        $puts[0].industry | Should -Be 'Robotics'
        $puts[0].PSObject.Properties.Name | Should -Not -Contain 'phone'
        $puts[2].phone | Should -Be '+1 555 0100'
        $puts[2].PSObject.Properties.Name | Should -Not -Contain 'industry'
        ($script:three[0] | Get-GrinfiCompany).Industry | Should -Be 'Robotics'
    }

    It 'refuses a contact stage, a lead custom field and nothing to set, before any request' {
        { $script:three | Set-GrinfiCompany -PipelineStage 'Interested' } | Should -Throw -ErrorId 'GrinfiPipelineStageNotFound,*'
        { $script:three | Set-GrinfiCompany -CustomField @{ deal_size = 5 } } | Should -Throw -ErrorId 'GrinfiCustomFieldNotFound,*'
        { Set-GrinfiCompany -InputObject $script:three[0] } | Should -Throw -ErrorId 'GrinfiNothingToSet,*'
        Set-GrinfiCompany -InputObject $script:three[0] -LnId 'acme' -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidFieldValue,*'
        Get-SandboxRequest $script:sb -Method PUT | Should -BeNullOrEmpty
    }

    It '-WhatIf says what would change and sends nothing' {
        $shown = Get-HostOutput { $script:three[0] | Set-GrinfiCompany -Industry 'Robotics' -CustomField @{ tier = $null } -WhatIf }

        $shown | Should -Match "on target `"company '$([regex]::Escape($script:three[0].Name))' \($($script:three[0].Uuid)\)`""
        $shown | Should -Match "Set industry; clear custom field 'tier'"
        Get-SandboxRequest $script:sb -Method PUT | Should -BeNullOrEmpty
        Get-SandboxRequest $script:sb -Path '/leads/api/custom-field-values' | Should -BeNullOrEmpty
    }
}

Describe 'Remove-GrinfiCompany' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        $script:three = Get-GrinfiCompany -First 3
        Clear-SandboxRequest $script:sb
    }

    It 'asks once with the count and the names; -WhatIf and an unattended session delete nothing' {
        $names = ($script:three.Name | Select-Object -First 3) -join ', '
        $shown = Get-HostOutput { $script:three | Remove-GrinfiCompany -WhatIf }
        $shown | Should -Match ([regex]::Escape("on target `"3 companies: $names`""))

        { $script:three | Remove-GrinfiCompany } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'
        Get-SandboxRequest $script:sb -Method DELETE | Should -BeNullOrEmpty
        @(Get-GrinfiCompany).Count | Should -Be 50
    }

    It 'deletes the companies, reports a list object and a missing company with their input, once each' {
        $missing = [guid]::NewGuid().ToString()
        $list = Get-GrinfiList 'Prospects'

        $script:three[0], $list, $script:three[1], $missing, $script:three[2], $script:three[0] |
            Remove-GrinfiCompany -Force -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable summary

        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotACompany,*'
        $failed[0].TargetObject | Should -Be $list
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GrinfiCompanyNotFound,*'
        $failed[1].TargetObject | Should -Be $missing
        @(Get-SandboxRequest $script:sb -Method DELETE).Count | Should -Be 4
        "$summary" | Should -Be 'Deleted 3 companies in 4 requests.'
        @(Get-GrinfiCompany).Count | Should -Be 47
    }
}

Describe 'One team at a time' {
    It 'refuses a company read through another team''s key, before any request' {
        Reset-TestSandbox $script:sb -Contacts 100
        $second = Connect-TestSandbox $script:sb -Second -Parameters @{ PassThru = $true }
        $theirs = Get-GrinfiCompany -First 1 -Connection $second
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        $theirs | Remove-GrinfiCompany -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $theirs | Set-GrinfiCompany -Industry 'x' -ErrorVariable failed2 -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiOtherTeam,*'
        $failed[0].TargetObject | Should -Be $theirs
        $failed2[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiOtherTeam,*'
        Get-SandboxRequest $script:sb -Method DELETE | Should -BeNullOrEmpty
        Get-SandboxRequest $script:sb -Method PUT | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-GrinfiCompanyMassAction' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        $script:some = Get-GrinfiCompany -Filter @{ tags = 'is_null' } -First 5
        Clear-SandboxRequest $script:sb
    }

    It 'tags piped companies in one request per tag, refusing a contact in the pipe' {
        $lead = Get-GrinfiLead -First 1
        Clear-SandboxRequest $script:sb

        $results = @($script:some[0..2]) + $lead | Invoke-GrinfiCompanyMassAction -Action AddTag -Tag 'VIP', 'Hot' -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotACompany,*'
        $bodies = Get-Body $script:mass
        $bodies.type | Should -Be @('company_add_tags', 'company_add_tags')
        $bodies[0].filter.ids | Should -Be $script:some[0..2].Uuid
        $bodies[0].payload.tag_uuid | Should -Be (Get-GrinfiTag 'VIP').Uuid
        $results.Requested | Should -Be @(3, 3)
        $results.Type | Should -Be @('company_add_tags', 'company_add_tags')
        ($script:some[0] | Get-GrinfiCompany).TagNames | Sort-Object | Should -Be @('Hot', 'VIP')
    }

    It 'reads a filter first and sends ids, after one prompt that counts them' {
        $expected = @(Get-GrinfiCompany -List 'Customers')
        Clear-SandboxRequest $script:sb

        $shown = Get-HostOutput { Invoke-GrinfiCompanyMassAction -Action ChangePipelineStage -PipelineStage 'Customer' -FromList 'Customers' -WhatIf }
        $shown | Should -Match "on target `"$($expected.Count) companies in list 'Customers'`""
        Get-SandboxRequest $script:sb -Path $script:mass | Should -BeNullOrEmpty
        { Invoke-GrinfiCompanyMassAction -Action ChangePipelineStage -PipelineStage 'Customer' -FromList 'Customers' } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'

        $result = Invoke-GrinfiCompanyMassAction -Action ChangePipelineStage -PipelineStage 'Customer' -FromList 'Customers' -Force

        $bodies = Get-Body $script:mass
        $bodies.Count | Should -Be 1
        $bodies[0].filter.PSObject.Properties.Name | Should -Be 'ids'
        $bodies[0].filter.ids | Sort-Object | Should -Be ($expected.Uuid | Sort-Object)
        $bodies[0].payload.pipeline_stage_uuid | Should -Be (Get-GrinfiPipelineStage -Object Company 'Customer').Uuid
        $result.Requested | Should -Be $expected.Count
        (Get-GrinfiCompany -List 'Customers').PipelineStageName | Sort-Object -Unique | Should -Be 'Customer'
    }

    It 'splits a batch the server finds too large, and deletes only after asking' {
        Set-SandboxOption $script:sb @{ maxMassActionIds = 2 }
        { $script:some | Invoke-GrinfiCompanyMassAction -Action Delete } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'

        $results = $script:some | Invoke-GrinfiCompanyMassAction -Action Delete -BatchSize 4 -Force

        ($results | Measure-Object Requested -Sum).Sum | Should -Be 5
        $requests = Get-SandboxRequest $script:sb -Path $script:mass
        ($requests | Where-Object status -eq 422).Count | Should -BeGreaterThan 0
        @(Get-GrinfiCompany).Count | Should -Be 45
    }

    It 'never takes an empty filter for everything, and checks payload parameters first' {
        { Invoke-GrinfiCompanyMassAction -Action Delete -Filter @{} -Force } | Should -Throw -ErrorId 'GrinfiEmptySelection,*'
        { $script:some | Invoke-GrinfiCompanyMassAction -Action AddTag } | Should -Throw -ErrorId 'GrinfiPayloadMissing,*'
        { $script:some | Invoke-GrinfiCompanyMassAction -Action Delete -Tag 'VIP' } | Should -Throw -ErrorId 'GrinfiPayloadNotApplicable,*'
        { $script:some | Invoke-GrinfiCompanyMassAction -Action ChangePipelineStage -PipelineStage 'Replied' } | Should -Throw -ErrorId 'GrinfiPipelineStageNotFound,*'
        Get-SandboxRequest $script:sb -Path $script:mass | Should -BeNullOrEmpty
        Get-SandboxRequest $script:sb -Path $script:search | Should -BeNullOrEmpty
    }

    It 'ReplaceTags -Tag @() takes every tag off' {
        $tagged = Get-GrinfiCompany -Tag 'VIP'
        $null = $tagged | Invoke-GrinfiCompanyMassAction -Action ReplaceTags -Tag @()

        (Get-Body $script:mass)[0].payload.tag_uuids.Count | Should -Be 0
        Get-GrinfiCompany -Tag 'VIP' | Should -BeNullOrEmpty
    }
}

Describe 'The contacts of companies' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        $uuids = (Get-GrinfiLead -Filter @{ company_uuid = 'is_not_null' }).CompanyUuid | Group-Object | Sort-Object Count -Descending | Select-Object -First 3
        $script:companies = $uuids.Name | Get-GrinfiCompany
    }
    BeforeEach { Clear-SandboxRequest $script:sb }

    It 'Get-GrinfiLead -Company reads them through the contact search, with its other filters' {
        $expected = Get-GrinfiLead -Filter @{ company_uuid = @($script:companies.Uuid) }

        $found = Get-GrinfiLead -Company $script:companies

        $found.Uuid | Sort-Object | Should -Be ($expected.Uuid | Sort-Object)
        $found.CompanyUuid | Sort-Object -Unique | Should -Be ($script:companies.Uuid | Sort-Object)
        $list = $found[0].ListName
        (Get-GrinfiLead -Company $script:companies -List $list).ListName | Sort-Object -Unique | Should -Be $list
        { Get-GrinfiLead -Company (Get-GrinfiList 'Prospects') } | Should -Throw -ErrorId 'GrinfiNotACompany,*'
    }

    It 'Get-GrinfiCompanyLead takes piped companies in one request and writes their contacts' {
        $expected = Get-GrinfiLead -Company $script:companies
        Clear-SandboxRequest $script:sb

        $found = @($script:companies) + 'bad' | Get-GrinfiCompanyLead -ErrorVariable failed -ErrorAction SilentlyContinue

        $found.Uuid | Sort-Object | Should -Be ($expected.Uuid | Sort-Object)
        $found[0].PSObject.TypeNames | Should -Contain 'GrinfiPS.Model.GrinfiLead'
        $failed.Count | Should -Be 1
        $failed[0].TargetObject | Should -Be 'bad'
        $bodies = Get-Body '/leads/api/companies/leads'
        $bodies.Count | Should -Be 1
        $bodies[0].uuids | Should -Be $script:companies.Uuid
    }
}

Describe 'Export-GrinfiCompany' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb
        $script:file = Join-Path $TestDrive 'companies.csv'
        Remove-Item $script:file -ErrorAction Ignore
    }

    It 'checks -Path before anything is queued' {
        { Export-GrinfiCompany -Path (Join-Path $TestDrive 'no/such/folder/x.csv') } | Should -Throw -ErrorId 'GrinfiPathFolderMissing,*'
        { Export-GrinfiCompany -Path $TestDrive } | Should -Throw -ErrorId 'GrinfiPathIsFolder,*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'says so when the answer names no file (the vendor''s), and returns the queued export' {
        $export = Export-GrinfiCompany -Path $script:file -List 'Customers' -WarningVariable warned -WarningAction SilentlyContinue

        $export.Status | Should -Be 'queued'
        "$warned" | Should -BeLike '*named no file*'
        Test-Path $script:file | Should -BeFalse
        $body = (Get-Body '/leads/api/file-exports/companies')[0]
        $body.filter.lists | Should -Be (Get-GrinfiList 'Customers').Uuid
        @(Get-SandboxRequest $script:sb -Path '/leads/api/file-exports/download').Count | Should -Be 0
    }

    It 'downloads the file when the answer names it, and -FileName downloads a known one' {
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        $expected = Get-GrinfiCompany -List 'Customers'

        $file = Export-GrinfiCompany -Path $script:file -List 'Customers' -PassThru

        $file.FullName | Should -Be $script:file
        (Import-Csv $script:file).uuid | Sort-Object | Should -Be ($expected.Uuid | Sort-Object)
        (Get-Body '/leads/api/file-exports/companies')[0].filter.lists | Should -Not -BeNullOrEmpty
        $name = (Get-Body '/leads/api/file-exports/download')[-1].file_name
        $again = Join-Path $TestDrive 'again.csv'
        Export-GrinfiCompany -FileName $name -Path $again
        (Get-Content $again -Raw) | Should -Be (Get-Content $script:file -Raw)
    }

    It 'exports every company with no selection ({all: true})' {
        $null = Export-GrinfiCompany -Path $script:file -WarningAction SilentlyContinue
        (Get-Body '/leads/api/file-exports/companies')[0].filter.all | Should -BeTrue
    }
}

Describe 'Tab completion for companies' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
    }

    It 'completes company stages, not contact stages, for <command> -<parameter>' -ForEach @(
        @{ command = 'Get-GrinfiCompany'; parameter = 'PipelineStage' }
        @{ command = 'Set-GrinfiCompany'; parameter = 'PipelineStage' }
        @{ command = 'Invoke-GrinfiCompanyMassAction'; parameter = 'FromPipelineStage' }
    ) {
        Complete "$command -$parameter Cu" | Should -Contain 'Customer'
        Complete "$command -$parameter In" | Should -Not -Contain 'Interested'
    }

    It 'completes company fields in -Filter and -SortBy, and company actions' {
        Complete 'Get-GrinfiCompany -Filter @{ indu' | Should -Contain 'industry'
        Complete 'Export-GrinfiCompany x.csv -Filter @{ employ' | Should -Contain 'employees_range'
        Complete 'Get-GrinfiCompany -Filter @{ compa' | Should -Not -Contain 'company_name'
        Complete 'Get-GrinfiCompany -SortBy year' | Should -Be 'year_established'
        Complete 'Get-GrinfiCompany -SortBy ta' | Should -Not -Contain 'tags'
        Complete 'Invoke-GrinfiCompanyMassAction -Action Ch' | Should -Be 'ChangePipelineStage'
        Complete 'New-GrinfiCompany -List Conf' | Should -Contain "'Conference 2026'"
    }
}

Describe 'The contract' {
    It 'was kept by every request of this file' {
        $unexpected = Get-SandboxViolation $script:sb | Where-Object { -not $_.expected }
        $unexpected | Should -BeNullOrEmpty
    }
}
