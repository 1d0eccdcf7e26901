BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 100
    $script:mass = '/leads/api/leads/mass-action'
    function Get-MassActionBody { @(Get-SandboxRequest $script:sb -Path $script:mass | ForEach-Object { $_.body | ConvertFrom-Json -DateKind String }) }
    function New-TestContacts([int] $Count, [string] $ListName) {
        $list = New-GrinfiList $ListName -AllowDuplicateName
        $null = Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = $Count; listUuid = $list.Uuid }
        $list
    }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Invoke-GrinfiMassAction on piped contacts' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
    }

    It 'tags 1,200 piped contacts in three requests' {
        $list = New-TestContacts 1200 'Big import'
        $leads = Get-GrinfiLead -List $list -PageSize 1000
        Clear-SandboxRequest $script:sb

        $results = $leads | Invoke-GrinfiMassAction -Action AddTag -Tag 'VIP' -InformationVariable summary

        $bodies = Get-MassActionBody
        $bodies.Count | Should -Be 3
        $bodies.type | Sort-Object -Unique | Should -Be 'contact_add_tags'
        $bodies | ForEach-Object { $_.filter.ids.Count } | Should -Be @(500, 500, 200)
        $results.Batch | Should -Be @(1, 2, 3)
        # The vendor answers a mass action with no body: what was asked is known, what was done is read back.
        ($results | Measure-Object Requested -Sum).Sum | Should -Be 1200
        @($results | Where-Object { $null -ne $_.Affected }) | Should -BeNullOrEmpty
        $results[0].Action | Should -Be 'AddTag'
        (Measure-GrinfiLead -List $list -Tag 'VIP').Count | Should -Be 1200
        "$summary" | Should -Match 'Add tag .VIP.: 1,200 contacts in 3 requests'
    }

    It 'splits a batch the server finds too large and keeps the smaller size' {
        Set-SandboxOption $script:sb @{ maxMassActionIds = 150 }
        $list = New-TestContacts 600 'Split'
        $leads = Get-GrinfiLead -List $list -PageSize 1000
        Clear-SandboxRequest $script:sb

        $results = $leads | Invoke-GrinfiMassAction -Action AddTag -Tag 'Hot' -BatchSize 400

        $requests = Get-SandboxRequest $script:sb -Path $script:mass
        ($requests | Where-Object status -eq 422).Count | Should -BeGreaterThan 0
        ($requests | Where-Object status -eq 200 | ForEach-Object { ($_.body | ConvertFrom-Json).filter.ids.Count } | Measure-Object -Maximum).Maximum | Should -BeLessOrEqual 150
        ($results | Measure-Object Requested -Sum).Sum | Should -Be 600
        (Measure-GrinfiLead -List $list -Tag 'Hot').Count | Should -Be 600
    }

    It 'reports a failed batch with its UUIDs, goes on with the rest, and the UUIDs retry as is' {
        Connect-TestSandbox $script:sb -Parameters @{ MaximumRetryCount = 0 }
        $list = New-TestContacts 30 'Partly failing'
        $tag = New-GrinfiTag 'Batch test'
        $leads = Get-GrinfiLead -List $list
        Add-SandboxFault $script:sb @{ path = $script:mass; kind = 'status'; status = 500 }

        $results = $leads | Invoke-GrinfiMassAction -Action AddTag -Tag $tag -BatchSize 10 -ErrorVariable failed -ErrorAction SilentlyContinue

        $results.Count | Should -Be 2
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiServerError,*'
        $failed[0].TargetObject | Should -Be $leads[0..9].Uuid
        (Measure-GrinfiLead -List $list -Tag $tag).Count | Should -Be 20

        $retry = $failed[0].TargetObject | Invoke-GrinfiMassAction -Action AddTag -Tag $tag

        $retry.Requested | Should -Be 10
        (Measure-GrinfiLead -List $list -Tag $tag).Count | Should -Be 30
    }

    It 'refuses a piped list, tag or stage object, never reading it as a contact' {
        $lead = Get-GrinfiLead -First 1
        Clear-SandboxRequest $script:sb

        $results = (Get-GrinfiList 'Prospects'), (Get-GrinfiTag 'VIP'), $lead |
            Invoke-GrinfiMassAction -Action AddTag -Tag 'Hot' -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.Count | Should -Be 2
        $failed | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'GrinfiNotAContact,*' }
        (Get-MassActionBody).filter.ids | Should -Be $lead.Uuid
        $results.Requested | Should -Be 1
    }

    It 'asks before deleting piped contacts, and -Force or -Confirm:$false get through' {
        $list = New-TestContacts 12 'Doomed'
        $leads = Get-GrinfiLead -List $list

        { $leads[0..3] | Invoke-GrinfiMassAction -Action Delete } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'
        $leads[0..3] | Invoke-GrinfiMassAction -Action Delete -Force | Out-Null
        $leads[4..7] | Invoke-GrinfiMassAction -Action Delete -Confirm:$false | Out-Null

        (Measure-GrinfiLead -List $list).Count | Should -Be 4
    }

    It 'does not ask before tagging piped contacts' {
        $leads = Get-GrinfiLead -First 3
        ($leads | Invoke-GrinfiMassAction -Action MarkRead).Requested | Should -Be 3
    }
}

Describe 'Invoke-GrinfiMassAction on a filter or -All' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
    }

    It 'sends one request the server evaluates, with the same filter language as Get-GrinfiLead' {
        $expected = (Measure-GrinfiLead -List 'Prospects' -Filter @{ status = 'active' }).Count
        Clear-SandboxRequest $script:sb

        $result = Invoke-GrinfiMassAction -Action MoveToList -List 'Customers' -FromList 'Prospects' -Filter @{ status = 'active' } -Force

        $bodies = Get-MassActionBody
        $bodies.Count | Should -Be 1
        $bodies[0].type | Should -Be 'contact_change_list'
        $bodies[0].filter.all | Should -BeTrue
        $bodies[0].filter.status | Should -Be 'active'
        $bodies[0].filter.list_uuid | Should -Be (Get-GrinfiList 'Prospects').Uuid
        $bodies[0].payload.list_uuid | Should -Be (Get-GrinfiList 'Customers').Uuid
        $result.Selection | Should -Be 'filter'
        $expected | Should -BeGreaterThan 0
        (Measure-GrinfiLead -List 'Prospects' -Filter @{ status = 'active' }).Count | Should -Be 0
    }

    It 'never takes an empty filter to mean everything' {
        Clear-SandboxRequest $script:sb
        { Invoke-GrinfiMassAction -Action Delete -Filter @{} -Force } | Should -Throw -ErrorId 'GrinfiEmptySelection,*'
        { Invoke-GrinfiMassAction -Action Delete -Filter ([ordered]@{}) -Force } | Should -Throw -ErrorId 'GrinfiEmptySelection,*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'checks the filter like Get-GrinfiLead, before any request' {
        Clear-SandboxRequest $script:sb
        { Invoke-GrinfiMassAction -Action Delete -Filter @{ emial = 'x@y.z' } -Force } | Should -Throw -ErrorId 'GrinfiUnknownFilterField,*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'asks by default for -All and -Filter, so an unattended run without -Force stops' {
        { Invoke-GrinfiMassAction -Action MarkRead -All } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'
        { Invoke-GrinfiMassAction -Action AddTag -Tag 'VIP' -Filter @{ status = 'active' } } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'
        Get-SandboxRequest $script:sb -Path $script:mass | Should -BeNullOrEmpty
    }

    It '-All acts on every contact with -Force or -Confirm:$false' {
        (Invoke-GrinfiMassAction -Action AddTag -Tag 'Follow-up' -All -Force).Selection | Should -Be 'all'
        (Measure-GrinfiLead -Tag 'Follow-up').Count | Should -Be 100
        $null = Invoke-GrinfiMassAction -Action RemoveTag -Tag 'Follow-up' -All -Confirm:$false
        (Measure-GrinfiLead -Tag 'Follow-up').Count | Should -Be 0
        (Get-MassActionBody | Select-Object -Last 1).filter.all | Should -BeTrue
    }

    It '-WhatIf says how many contacts it would touch and sends no write' {
        $count = (Measure-GrinfiLead -List 'Webinar Q4').Count
        Clear-SandboxRequest $script:sb

        $shown = Get-HostOutput { Invoke-GrinfiMassAction -Action Delete -FromList 'Webinar Q4' -WhatIf }

        $shown | Should -Match "What if: Performing the operation `"Delete`" on target `"$count contacts in list 'Webinar Q4'`""
        Get-SandboxRequest $script:sb -Path $script:mass | Should -BeNullOrEmpty
        (Get-SandboxRequest $script:sb).path | Should -Not -Contain $script:mass
        (Measure-GrinfiLead -List 'Webinar Q4').Count | Should -Be $count
    }
}

Describe 'Payloads' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
        $script:some = Get-GrinfiLead -First 5
    }
    BeforeEach { Clear-SandboxRequest $script:sb }

    It 'sends one request per tag for AddTag, and all tags in one for ReplaceTags' {
        $null = $script:some | Invoke-GrinfiMassAction -Action AddTag -Tag 'VIP', 'Hot'
        $null = $script:some | Invoke-GrinfiMassAction -Action ReplaceTags -Tag 'Partner', 'Hot'

        $bodies = Get-MassActionBody
        $bodies.type | Should -Be @('contact_add_tags', 'contact_add_tags', 'contact_replace_tags')
        $bodies[2].payload.tag_uuids.Count | Should -Be 2
        $names = (Get-GrinfiTag | Where-Object Uuid -in ($script:some[0] | Get-GrinfiLead).Tags).Name
        $names | Sort-Object | Should -Be @('Hot', 'Partner')
    }

    It 'sets custom fields by name, one request per field, and $null clears' {
        $null = $script:some | Invoke-GrinfiMassAction -Action SetCustomField -CustomField @{ industry = 'SaaS'; deal_size = 5000 }
        $null = $script:some[0] | Invoke-GrinfiMassAction -Action SetCustomField -CustomField @{ source = $null }

        $bodies = Get-MassActionBody
        $bodies.Count | Should -Be 3
        # Values go as the schema types them: text (the same in every culture), or null to clear.
        $bodies[0..1].payload.value | Sort-Object | Should -Be @('5000', 'SaaS')
        $bodies[2].payload.PSObject.Properties.Name | Should -Contain 'value'
        $bodies[2].payload.value | Should -BeNullOrEmpty
        # Only the generous reading returns custom-field values; the vendor documents none.
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        try { ($script:some[1] | Get-GrinfiLead).industry | Should -Be 'SaaS' } finally { Set-SandboxOption $script:sb @{ reading = 'minimal' } }
    }

    It 'changes the pipeline stage and adds to and cancels from automations by name' {
        $null = $script:some | Invoke-GrinfiMassAction -Action ChangePipelineStage -PipelineStage 'Interested'
        $null = $script:some | Invoke-GrinfiMassAction -Action AddToAutomation -Automation 'Welcome sequence', 'Re-engagement'
        $null = $script:some | Invoke-GrinfiMassAction -Action CancelFromAutomations -Automation 'Welcome sequence', 'Re-engagement'

        $bodies = Get-MassActionBody
        $bodies.type | Should -Be @('contact_change_pipeline_stage', 'contact_add_to_flow', 'contact_add_to_flow', 'contact_cancel_from_flows')
        $bodies[3].payload.flow_uuids.Count | Should -Be 2
        ($script:some | Get-GrinfiLead).PipelineStageName | Sort-Object -Unique | Should -Be 'Interested'
    }

    It 'queues a CSV export and returns what the server said about it (nothing, as the vendor answers; data where a server says more)' {
        $result = $script:some | Invoke-GrinfiMassAction -Action ExportCsv
        $result.Type | Should -Be 'contact_export_csv'
        $result.Data | Should -BeNullOrEmpty
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        try { $result = $script:some | Invoke-GrinfiMassAction -Action ExportCsv } finally { Set-SandboxOption $script:sb @{ reading = 'minimal' } }
        $result.Data.uuid | Should -Match '^[0-9a-f-]{36}$'
    }

    It 'translates the older type <legacy> to <current>' -ForEach @(
        @{ legacy = 'contact_assign_tag'; current = 'contact_add_tags'; extra = @{ Tag = 'VIP' } }
        @{ legacy = 'contact_remove_tag'; current = 'contact_remove_tags'; extra = @{ Tag = 'VIP' } }
        @{ legacy = 'contact_move_to_list'; current = 'contact_change_list'; extra = @{ List = 'Newsletter' } }
    ) {
        $null = $script:some | Invoke-GrinfiMassAction -Type $legacy @extra

        (Get-MassActionBody)[0].type | Should -Be $current
    }

    It 'sends a new type as is, with a raw payload' {
        # The vendor's type list does not have it: the contract check would count the request as a violation.
        Add-SandboxExpectedViolation $script:sb -Method PUT -Path $script:mass
        $null = $script:some[0] | Invoke-GrinfiMassAction -Type 'contact_future_action' -Payload @{ level = 3 } -ErrorAction SilentlyContinue -ErrorVariable failed

        (Get-MassActionBody)[0].type | Should -Be 'contact_future_action'
        (Get-MassActionBody)[0].payload.level | Should -Be 3
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiValidationError,*'
        $failed[0].ErrorDetails.Message | Should -Match 'type'
    }

    It 'reports a missing or wrong payload before any request: <case>' -ForEach @(
        @{ case = 'AddTag without -Tag'; params = @{ Action = 'AddTag' }; id = 'GrinfiPayloadMissing' }
        @{ case = '-List for AddTag'; params = @{ Action = 'AddTag'; Tag = 'VIP'; List = 'Customers' }; id = 'GrinfiPayloadNotApplicable' }
        @{ case = '-Tag for Delete'; params = @{ Action = 'Delete'; Tag = 'VIP'; Force = $true }; id = 'GrinfiPayloadNotApplicable' }
        @{ case = 'a -Payload without its key'; params = @{ Action = 'MoveToList'; Payload = @{ list = 'x' } }; id = 'GrinfiPayloadMissing' }
        @{ case = '-Payload and -Tag'; params = @{ Action = 'AddTag'; Tag = 'VIP'; Payload = @{ tag_uuid = 'x' } }; id = 'GrinfiPayloadConflict' }
        @{ case = '-Action and -Type'; params = @{ Action = 'MarkRead'; Type = 'contact_mark_read' }; id = 'GrinfiActionRequired' }
        @{ case = 'neither -Action nor -Type'; params = @{}; id = 'GrinfiActionRequired' }
        @{ case = 'an unknown tag'; params = @{ Action = 'AddTag'; Tag = 'VPI' }; id = 'GrinfiTagNotFound' }
    ) {
        { $script:some | Invoke-GrinfiMassAction @params } | Should -Throw -ErrorId "$id,*"
        Get-SandboxRequest $script:sb -Path $script:mass | Should -BeNullOrEmpty
    }
}

Describe 'Remove-GrinfiLead' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Connect-TestSandbox $script:sb
    }

    It 'deletes piped contacts in batches of mass-action requests' {
        $list = New-TestContacts 700 'To delete'
        Clear-SandboxRequest $script:sb

        Get-GrinfiLead -List $list -PageSize 250 | Remove-GrinfiLead -Force

        $bodies = Get-MassActionBody
        $bodies.type | Sort-Object -Unique | Should -Be 'contact_delete'
        $bodies.Count | Should -Be 2
        (Measure-GrinfiLead -List $list).Count | Should -Be 0
        Get-SandboxRequest $script:sb -Method DELETE | Should -BeNullOrEmpty
    }

    It 'sees every contact once while it deletes them, through ties larger than a page' {
        $list = New-GrinfiList 'Bulk tie'
        $null = Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 320; listUuid = $list.Uuid; createdAt = '2024-03-03T03:03:03.000000Z' }
        $null = Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 45; listUuid = $list.Uuid }

        Get-GrinfiLead -List $list -PageSize 60 | Remove-GrinfiLead -BatchSize 25 -Confirm:$false

        (Measure-GrinfiLead -List $list).Count | Should -Be 0
        ((Get-MassActionBody).filter.ids | Sort-Object -Unique).Count | Should -Be 365
    }

    It 'takes UUIDs and rows with a Uuid column, and -WhatIf deletes nothing' {
        $leads = Get-GrinfiLead -First 3
        Clear-SandboxRequest $script:sb

        $shown = Get-HostOutput { $leads | Select-Object Uuid | Remove-GrinfiLead -WhatIf }
        $leads[0].Uuid | Remove-GrinfiLead -Confirm:$false

        # Rows with a Uuid name contacts by UUID; piped contacts by name.
        $shown | Should -Match ('What if: Performing the operation "Delete" on target "3 contacts: ' + [regex]::Escape($leads[0].Uuid))
        $byName = Get-HostOutput { $leads | Remove-GrinfiLead -WhatIf }
        $byName | Should -Match ('on target "3 contacts: ' + [regex]::Escape(($leads.Name -join ', ')) + '"')
        (Get-MassActionBody).Count | Should -Be 1
        (Get-MassActionBody)[0].filter.ids | Should -Be $leads[0].Uuid
    }

    It 'asks first: an unattended run without -Force or -Confirm:$false stops before any write' {
        $leads = Get-GrinfiLead -First 2
        Clear-SandboxRequest $script:sb

        { $leads | Remove-GrinfiLead } | Should -Throw -ErrorId 'GrinfiConfirmationRequired,*'
        Get-SandboxRequest $script:sb -Path $script:mass | Should -BeNullOrEmpty
    }
}

Describe 'Prompts and dry runs in names' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        # A fresh connection has loaded no names: a UUID in -Filter must still read as a name.
        $script:cold = (Invoke-SandboxApi $script:sb -Path '/leads/api/lists?limit=1000').data | Where-Object name -EQ 'Cold outreach'
        $script:hot = (Invoke-SandboxApi $script:sb -Path '/leads/api/tags').data | Where-Object name -EQ 'Hot'
        $script:inCold = (Invoke-SandboxControl $script:sb contacts -Method POST -Body @{ count = 5; listUuid = $script:cold.uuid; tags = @($script:hot.uuid) }).uuids
        Clear-SandboxRequest $script:sb
    }

    It 'asks about a filter given by UUID in names, not JSON: "N contacts in list ''Cold outreach'' and with tag ''Hot''"' {
        $count = (Measure-GrinfiLead -List 'Cold outreach' -Tag 'Hot').Count
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        $shown = Get-HostOutput { Invoke-GrinfiMassAction -Action Delete -Filter ([ordered]@{ list_uuid = $script:cold.uuid; tags = $script:hot.uuid }) -WhatIf }
        $asked = $null
        try { Invoke-GrinfiMassAction -Action Delete -Filter ([ordered]@{ list_uuid = $script:cold.uuid; tags = $script:hot.uuid }) } catch { $asked = $_ }

        $count | Should -BeGreaterOrEqual 5
        $target = "$count contacts in list 'Cold outreach' and with tag 'Hot'"
        $shown | Should -Match ([regex]::Escape("What if: Performing the operation `"Delete`" on target `"$target`""))
        $asked.FullyQualifiedErrorId | Should -BeLike 'GrinfiConfirmationRequired,*'
        $asked.Exception.Message | Should -Be "'Delete' on $target needs confirmation, and this session cannot ask."
        "$shown $asked" | Should -Not -Match ([regex]::Escape($script:cold.uuid))
        Get-SandboxRequest $script:sb -Path $script:mass | Should -BeNullOrEmpty
    }

    It 'says what it did in names too, with the contacts counted once' {
        $null = Invoke-GrinfiMassAction -Action AddTag -Tag 'VIP', 'Partner' -FromList $script:cold.uuid -WithTag 'Hot' -Force -InformationVariable summary
        $count = (Measure-GrinfiLead -List 'Cold outreach' -Tag 'Hot').Count

        "$summary" | Should -Be "Add tag 'VIP', then Add tag 'Partner': $count contacts in list 'Cold outreach' and with tag 'Hot' in 2 requests."
    }

    It 'counts piped contacts once however many requests each gets' {
        $six = Get-GrinfiLead -First 6
        Clear-SandboxRequest $script:sb

        $null = $six | Invoke-GrinfiMassAction -Action SetCustomField -CustomField ([ordered]@{ industry = 'a'; deal_size = 'b' }) -InformationVariable fields
        $null = $six | Invoke-GrinfiMassAction -Action AddTag -Tag 'VIP', 'Partner' -BatchSize 4 -InformationVariable tags

        "$fields" | Should -Match "^Set custom field .+, then Set custom field .+: 6 contacts in 2 requests\.$"
        "$tags" | Should -Match "^Add tag .VIP., then Add tag .Partner.: 6 contacts in 4 requests\.$"
        @(Get-SandboxRequest $script:sb -Path $script:mass) | Should -HaveCount 6
    }

    It 'Remove-GrinfiLead names the first contacts and the count' {
        $five = Get-GrinfiLead -List 'Cold outreach' -Tag 'Hot' -First 5
        Clear-SandboxRequest $script:sb

        $shown = Get-HostOutput { $five | Remove-GrinfiLead -WhatIf }
        $asked = $null
        try { $five | Remove-GrinfiLead } catch { $asked = $_ }

        $target = "5 contacts: $($five[0].Name), $($five[1].Name), $($five[2].Name) and 2 more"
        $shown | Should -Match ([regex]::Escape("What if: Performing the operation `"Delete`" on target `"$target`""))
        $asked.Exception.Message | Should -Be "'Delete' on $target needs confirmation, and this session cannot ask."
        Get-SandboxRequest $script:sb -Path $script:mass | Should -BeNullOrEmpty
        (Measure-GrinfiLead -List 'Cold outreach' -Tag 'Hot').Count | Should -BeGreaterOrEqual 5
    }

    It 'Set-GrinfiLead -WhatIf names the list, stage and tags it will set, given by UUID too' {
        $lead = Get-GrinfiLead -First 1
        $stage = (Invoke-SandboxApi $script:sb -Path "/leads/api/pipeline-stages?filter=$([uri]::EscapeDataString('{"object":"lead"}'))").data | Where-Object name -EQ 'Meeting booked'
        $vip = (Invoke-SandboxApi $script:sb -Path '/leads/api/tags').data | Where-Object name -EQ 'VIP'
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb

        $shown = Get-HostOutput { $lead | Set-GrinfiLead -List $script:cold.uuid -PipelineStage $stage.uuid -AddTag $script:hot.uuid -RemoveTag $vip.uuid -WhatIf }

        $shown | Should -Match "move to list 'Cold outreach'"
        $shown | Should -Match "set pipeline stage 'Meeting booked'"
        $shown | Should -Match "add tag 'Hot'"
        $shown | Should -Match "remove tag 'VIP'"
        $shown | Should -Not -Match ([regex]::Escape($script:cold.uuid))
        Get-SandboxRequest $script:sb | Where-Object method -NE 'GET' | Where-Object path -NE '/leads/api/leads/search' | Should -BeNullOrEmpty
    }

    It 'Export-GrinfiLead -WhatIf says which contacts in names' {
        $shown = Get-HostOutput { Export-GrinfiLead -Path 'TestDrive:/cold.csv' -Filter @{ list_uuid = $script:cold.uuid } -WhatIf }

        $shown | Should -Match "Export the contacts in list 'Cold outreach'"
        Get-SandboxRequest $script:sb | Where-Object method -NE 'GET' | Should -BeNullOrEmpty
    }
}

Describe 'Selections, empty tag lists and other teams' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 100
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        Clear-SandboxRequest $script:sb
    }

    It 'calls an action with no contacts to act on an error naming the ways to select, never a prompt' {
        $failure = { Invoke-GrinfiMassAction -Action AddTag -Tag 'Hot' } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'GrinfiNoSelection,*'
        $failure.Exception.Message | Should -Be 'AddTag was given no contacts to act on.'
        foreach ($way in 'Get-GrinfiLead', '-Filter', '-FromList', '-FromPipelineStage', '-WithTag', '-All') {
            $failure.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape($way))
        }
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'takes every tag off with -Action ReplaceTags -Tag @()' {
        $tagged = Get-GrinfiLead -Filter @{ tags = 'is_not_null' } -First 4
        $tagged | ForEach-Object { $_.Tags.Count | Should -BeGreaterThan 0 }
        Clear-SandboxRequest $script:sb

        $result = $tagged | Invoke-GrinfiMassAction -Action ReplaceTags -Tag @() -InformationVariable summary

        $result.Requested | Should -Be 4
        $body = (Get-MassActionBody)[0]
        $body.type | Should -Be 'contact_replace_tags'
        $body.payload.PSObject.Properties.Name | Should -Be 'tag_uuids'
        @($body.payload.tag_uuids) | Should -HaveCount 0
        "$summary" | Should -Be 'Take every tag off: 4 contacts in 1 request.'
        ($tagged | Get-GrinfiLead) | ForEach-Object { $_.Tags.Count | Should -Be 0 }
    }

    It 'refuses an empty -Tag for every other tag action before any request' {
        $some = Get-GrinfiLead -First 2
        Clear-SandboxRequest $script:sb

        { $some | Invoke-GrinfiMassAction -Action AddTag -Tag @() } | Should -Throw -ErrorId 'GrinfiPayloadMissing,*' -ExpectedMessage '*-Tag is empty*'
        { $some | Invoke-GrinfiMassAction -Action RemoveTag -Tag @() } | Should -Throw -ErrorId 'GrinfiPayloadMissing,*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'refuses contacts of another team piped to <command>, and acts on the rest' -ForEach @(
        @{ command = 'Invoke-GrinfiMassAction'; run = { $input | Invoke-GrinfiMassAction -Action AddTag -Tag 'VIP' -ErrorVariable script:failed -ErrorAction SilentlyContinue } }
        @{ command = 'Remove-GrinfiLead'; run = { $input | Remove-GrinfiLead -Force -ErrorVariable script:failed -ErrorAction SilentlyContinue } }
    ) {
        Connect-TestSandbox $script:sb -Second
        $theirs = Get-GrinfiLead -First 2
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
        $mine = Get-GrinfiLead -First 2
        Clear-SandboxRequest $script:sb

        $null = $theirs[0], $mine[0], $theirs[1], $mine[1] | & $run

        $script:failed | Should -HaveCount 2
        $script:failed | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'GrinfiOtherTeam,*'
            $_.Exception.Message | Should -BeLike "The contact '*' given to the pipeline belongs to team 2, and this connection works with team 1."
        }
        $script:failed.TargetObject.Uuid | Should -Be $theirs.Uuid
        $bodies = Get-MassActionBody
        $bodies | Should -HaveCount 1
        $bodies[0].filter.ids | Should -Be $mine.Uuid
    }
}
