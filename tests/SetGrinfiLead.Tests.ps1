BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 60
    $script:upsert = '/leads/api/leads/upsert'
    function Get-Body([string] $Path, [string] $Method) {
        @(Get-SandboxRequest $script:sb -Path $Path -Method $Method | ForEach-Object { $_.body | ConvertFrom-Json -DateKind String })
    }
    function New-Csv([string] $Text) {
        $path = Join-Path $TestDrive "$([guid]::NewGuid()).csv"
        Set-Content -Path $path -Value $Text.Trim()
        $path
    }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Upsert from Import-Csv' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Disconnect-Grinfi
        Connect-TestSandbox $script:sb
    }

    It 'maps the headers people export onto the API fields' {
        $csv = New-Csv @'
First Name,Last Name,Company,LinkedIn URL,Email,Title,Address
Ada,Lovelace,Analytical Engines,https://www.linkedin.com/in/ada-lovelace,ada@ae.test,CTO,London
'@
        $lead = Import-Csv $csv | Set-GrinfiLead -List 'Webinar Q4' -PassThru -InformationAction Ignore

        $body = (Get-Body $script:upsert)[0]
        $body.lead.first_name | Should -Be 'Ada'
        $body.lead.last_name | Should -Be 'Lovelace'
        $body.lead.company_name | Should -Be 'Analytical Engines'
        $body.lead.linkedin_id | Should -Be 'https://www.linkedin.com/in/ada-lovelace'
        $body.lead.email | Should -Be 'ada@ae.test'
        $body.lead.position | Should -Be 'CTO'
        $body.lead.raw_address | Should -Be 'London'
        $body.list_uuid | Should -Be (Get-GrinfiList 'Webinar Q4').Uuid
        $body.update_if_exists | Should -BeTrue
        $body.move_to_list | Should -BeFalse
        $lead.Name | Should -Be 'Ada Lovelace'
        $lead.ListName | Should -Be 'Webinar Q4'
    }

    It 'takes <header> as the LinkedIn id' -ForEach @(
        @{ header = 'LinkedInId'; value = 'ACoAAB1234567' }
        @{ header = 'LinkedInUrl'; value = 'https://linkedin.com/in/jane-roe/' }
        @{ header = 'ProfileUrl'; value = 'https://www.linkedin.com/in/jane-roe' }
        @{ header = 'LinkedIn'; value = 'jane-roe' }
        @{ header = 'linkedin_id'; value = 'jane-roe' }
    ) {
        [pscustomobject]@{ $header = $value; FirstName = 'Jane' } | Set-GrinfiLead -List 'Prospects' -InformationAction Ignore

        (Get-Body $script:upsert)[0].lead.linkedin_id | Should -Be $value
    }

    It 'reports a row without linkedin_id before any request, naming the row, and goes on' {
        $csv = New-Csv @'
FirstName,LastName,Email,LinkedIn
Ada,Lovelace,ada@ae.test,ada-lovelace
Grace,Hopper,grace@navy.test,
Alan,Turing,alan@bp.test,alan-turing
'@
        $rows = Import-Csv $csv
        $leads = $rows | Set-GrinfiLead -List 'Prospects' -PassThru -ErrorVariable bad -ErrorAction SilentlyContinue -InformationAction Ignore

        $leads.Name | Should -Be @('Ada Lovelace', 'Alan Turing')
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiLinkedInIdRequired,*'
        $bad[0].Exception.Message | Should -BeLike "Row 2 (email 'grace@navy.test'): *linkedin_id*"
        $bad[0].TargetObject | Should -Be $rows[1]
        (Get-Body $script:upsert).Count | Should -Be 2
    }

    It 'gives failed rows back as a file that re-runs as is, and nothing is lost or doubled' {
        Connect-TestSandbox $script:sb -Parameters @{ MaximumRetryCount = 0 }
        $csv = New-Csv (@('FirstName,LinkedIn') + (1..8 | ForEach-Object { "P$_,person-$_" }) -join "`n")
        Add-SandboxFault $script:sb @(
            @{ path = $script:upsert; kind = 'status'; status = 500; count = 2 }
        )

        Import-Csv $csv | Set-GrinfiLead -List 'Prospects' -ThrottleLimit 1 -ErrorVariable bad -ErrorAction SilentlyContinue -InformationAction Ignore
        $bad.TargetObject | Export-Csv "$TestDrive/retry.csv"
        Import-Csv "$TestDrive/retry.csv" | Set-GrinfiLead -List 'Prospects' -ErrorVariable stillBad -InformationAction Ignore

        $bad.Count | Should -Be 2
        $bad[0].Exception.Message | Should -BeLike "Row 1 (linkedin_id 'person-1'): *500*"
        $stillBad | Should -BeNullOrEmpty
        $made = Get-GrinfiLead -List 'Prospects' -Filter @{ first_name = 1..8 | ForEach-Object { "P$_" } }
        $made.Count | Should -Be 8
        ($made.LinkedIn | Sort-Object -Unique).Count | Should -Be 8
    }

    It 'needs a list: -List, or a list_uuid column' {
        $prospects = Get-GrinfiList 'Prospects'
        [pscustomobject]@{ LinkedIn = 'with-column'; list_uuid = $prospects.Uuid } | Set-GrinfiLead -InformationAction Ignore
        [pscustomobject]@{ LinkedIn = 'without' } | Set-GrinfiLead -ErrorVariable bad -ErrorAction SilentlyContinue -InformationAction Ignore

        (Get-Body $script:upsert).list_uuid | Should -Be $prospects.Uuid
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiListRequired,*'
    }

    It 'lets explicit parameters win over values the row carries' {
        $customers = Get-GrinfiList 'Customers'
        [pscustomobject]@{ LinkedIn = 'explicit-wins'; Company = 'From row'; list_uuid = (Get-GrinfiList 'Prospects').Uuid } |
            Set-GrinfiLead -List $customers -company_name 'From parameter' -InformationAction Ignore

        $body = (Get-Body $script:upsert)[0]
        $body.lead.company_name | Should -Be 'From parameter'
        $body.list_uuid | Should -Be $customers.Uuid
    }

    It 'never overwrites existing data with an empty cell' {
        $existing = Get-GrinfiLead -Filter @{ company_name = 'is_not_null'; position = 'is_not_null' } -First 1
        [pscustomobject]@{ LinkedIn = $existing.LinkedIn; Company = ''; Title = '  '; FirstName = 'Renamed' } |
            Set-GrinfiLead -List 'Prospects' -InformationAction Ignore

        $body = (Get-Body $script:upsert)[0]
        $body.lead.PSObject.Properties.Name | Should -Be @('linkedin_id', 'first_name')
        $after = Get-GrinfiLead -Uuid $existing.Uuid
        $after.CompanyName | Should -Be $existing.CompanyName
        $after.Position | Should -Be $existing.Position
        $after.FirstName | Should -Be 'Renamed'
    }

    It 'reports an existing contact as skipped with -SkipExisting, not as a failure' {
        $existing = Get-GrinfiLead -Filter @{ linkedin = 'is_not_null' } -First 1
        $rows = @(
            [pscustomobject]@{ LinkedIn = $existing.LinkedIn; FirstName = 'Ignored' }
            [pscustomobject]@{ LinkedIn = 'brand-new-person'; FirstName = 'New' }
        )
        $out = $rows | Set-GrinfiLead -List 'Prospects' -SkipExisting -PassThru -ErrorVariable bad -InformationVariable summary 6>$null

        $bad | Should -BeNullOrEmpty
        $out.FirstName | Should -Be 'New'
        (Get-GrinfiLead -Uuid $existing.Uuid).FirstName | Should -Be $existing.FirstName
        "$summary" | Should -Match '2 rows: 1 created, 0 updated, 0 unchanged, 1 skipped, 0 failed'
        @(Get-Body $script:upsert).Count | Should -Be 1
        (Get-Body $script:upsert)[0].update_if_exists | Should -BeFalse
    }

    It 'moves an existing contact into -List with -MoveToList' {
        $existing = Get-GrinfiLead -List 'Prospects' -Filter @{ linkedin = 'is_not_null' } -First 1
        [pscustomobject]@{ LinkedIn = $existing.LinkedIn } | Set-GrinfiLead -List 'Newsletter' -MoveToList -InformationAction Ignore

        (Get-GrinfiLead -Uuid $existing.Uuid).ListName | Should -Be 'Newsletter'
    }

    It 'sends custom fields by name, from -CustomField and -ColumnMap' {
        $csv = New-Csv @'
LinkedIn,Deal Size,Lead Source
with-custom,5000,Webinar
'@
        $lead = Import-Csv $csv | Set-GrinfiLead -List 'Prospects' -CustomField @{ industry = 'SaaS' } -ColumnMap @{ 'Deal Size' = 'deal_size'; 'Lead Source' = 'source' } -PassThru -InformationAction Ignore

        $body = (Get-Body $script:upsert)[0]
        $body.custom_fields.industry | Should -Be 'SaaS'
        $body.custom_fields.deal_size | Should -Be '5000'
        $body.custom_fields.source | Should -Be 'Webinar'
        $lead.Uuid | Should -Not -BeNullOrEmpty
    }

    It 'lets -ColumnMap send a known header elsewhere instead of to its usual field' {
        $lead = [pscustomobject]@{ LinkedIn = 'remapped-title'; Title = 'Fintech' } |
            Set-GrinfiLead -List 'Prospects' -ColumnMap @{ Title = 'industry' } -PassThru -InformationAction Ignore

        $body = (Get-Body $script:upsert)[0]
        $body.lead.PSObject.Properties.Name | Should -Not -Contain 'position'
        $body.custom_fields.industry | Should -Be 'Fintech'
        $lead.Position | Should -BeNullOrEmpty
    }

    It 'checks -ColumnMap and -CustomField names before any request' {
        Clear-SandboxRequest $script:sb
        { [pscustomobject]@{ LinkedIn = 'x' } | Set-GrinfiLead -List 'Prospects' -ColumnMap @{ 'Size' = 'deal_sise' } } |
            Should -Throw -ErrorId 'GrinfiInvalidColumnMap,*' -ExpectedMessage "*deal_size*"
        { [pscustomobject]@{ LinkedIn = 'x' } | Set-GrinfiLead -List 'Prospects' -CustomField @{ industy = 'SaaS' } } |
            Should -Throw -ErrorId 'GrinfiCustomFieldNotFound,*' -ExpectedMessage "*industry*"
        Get-SandboxRequest $script:sb -Path $script:upsert | Should -BeNullOrEmpty
    }

    It '-WhatIf shows what would be sent and sends nothing' {
        Clear-SandboxRequest $script:sb
        $shown = Get-HostOutput { [pscustomobject]@{ LinkedIn = 'what-if'; FirstName = 'Wanda' } | Set-GrinfiLead -List 'Prospects' -WhatIf }

        $shown | Should -Match "What if: Performing the operation `"Create or update with first_name, linkedin_id in list 'Prospects'`" on target `"Row 1 \(linkedin_id 'what-if'\)`""
        Get-SandboxRequest $script:sb -Path $script:upsert | Should -BeNullOrEmpty
    }
}

Describe 'Update (rows with a Uuid)' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
    }

    It 'sends only the fields given' {
        $lead = Get-GrinfiLead -First 1
        $null = $lead | Set-GrinfiLead -position 'Chief Cat Herder' -InformationAction Ignore

        $put = Get-SandboxRequest $script:sb -Method PUT | Where-Object path -like '/leads/api/leads/*-*'
        $put.Count | Should -Be 1
        $put.path | Should -Be "/leads/api/leads/$($lead.Uuid)"
        $put.body | Should -Be '{"position":"Chief Cat Herder"}'
    }

    It 'empties fields on purpose with -Clear, only those the API lets be empty' {
        $lead = Get-GrinfiLead -Filter @{ position = 'is_not_null'; headline = 'is_not_null' } -First 1
        $after = $lead | Set-GrinfiLead -Clear Position, headline -PassThru -InformationAction Ignore

        (Get-SandboxRequest $script:sb -Method PUT).body | Should -Be '{"headline":null,"position":null}'
        $after.Position | Should -BeNullOrEmpty
        Clear-SandboxRequest $script:sb
        { $lead | Set-GrinfiLead -Clear about, FirstName -InformationAction Ignore } | Should -Throw -ErrorId 'GrinfiFieldNotClearable,*' -ExpectedMessage '*about, first_name*'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'sets custom fields of existing contacts in one batched mass action per value, never silently dropping them' {
        $leads = Get-GrinfiLead -First 3
        Clear-SandboxRequest $script:sb
        $leads | Set-GrinfiLead -CustomField @{ industry = 'Fintech' } -InformationAction Ignore

        $actions = Get-Body '/leads/api/leads/mass-action'
        $actions.Count | Should -Be 1
        $actions[0].type | Should -Be 'contact_change_custom_field'
        $actions[0].payload.value | Should -Be 'Fintech'
        $actions[0].payload.custom_field_uuid | Should -Be (Get-GrinfiCustomField industry).Uuid
        ($actions[0].filter.ids | Sort-Object) | Should -Be ($leads.Uuid | Sort-Object)
    }

    It 'moves, stages and tags in batched mass actions, and -PassThru shows every change' {
        $leads = Get-GrinfiLead -First 40
        Clear-SandboxRequest $script:sb

        $after = $leads | Set-GrinfiLead -List 'Customers' -PipelineStage 'Meeting booked' -AddTag 'VIP' -RemoveTag 'Hot' -PassThru -InformationAction Ignore

        # Each change goes only to the contacts it changes.
        $vip = (Get-GrinfiTag 'VIP').Uuid
        $hot = (Get-GrinfiTag 'Hot').Uuid
        $customers = (Get-GrinfiList 'Customers').Uuid
        $booked = (Get-GrinfiPipelineStage 'Meeting booked').Uuid
        $bodies = Get-Body '/leads/api/leads/mass-action'
        $idsOf = { param($type) @($bodies | Where-Object type -EQ $type | ForEach-Object { $_.filter.ids }) | Sort-Object }
        & $idsOf 'contact_change_list' | Should -Be (@($leads | Where-Object ListUuid -NE $customers).Uuid | Sort-Object)
        & $idsOf 'contact_change_pipeline_stage' | Should -Be (@($leads | Where-Object PipelineStageUuid -NE $booked).Uuid | Sort-Object)
        & $idsOf 'contact_add_tags' | Should -Be (@($leads | Where-Object { $_.Tags -notcontains $vip }).Uuid | Sort-Object)
        & $idsOf 'contact_remove_tags' | Should -Be (@($leads | Where-Object { $_.Tags -contains $hot }).Uuid | Sort-Object)
        $after.Count | Should -Be 40
        $after.Uuid | Should -Be $leads.Uuid
        $vip = (Get-GrinfiTag 'VIP').Uuid
        $hot = (Get-GrinfiTag 'Hot').Uuid
        $after | ForEach-Object {
            $_.ListName | Should -Be 'Customers'
            $_.PipelineStageName | Should -Be 'Meeting booked'
            $_.Tags | Should -Contain $vip
            $_.Tags | Should -Not -Contain $hot
        }
        Get-SandboxRequest $script:sb -Method PUT | Where-Object path -ne '/leads/api/leads/mass-action' | Should -BeNullOrEmpty
    }

    It 'takes a -Clear of a field only for contacts that exist' {
        [pscustomobject]@{ LinkedIn = 'no-uuid' } | Set-GrinfiLead -List 'Prospects' -Clear position -ErrorVariable bad -ErrorAction SilentlyContinue -InformationAction Ignore
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiClearNeedsUuid,*'
    }
}

Describe 'Throughput and order' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
    }

    It 'keeps -ThrottleLimit requests in flight and writes results in input order' {
        Set-SandboxOption $script:sb @{ latencyMs = 150 }
        # The first row's answer comes last of all; its result must still come first.
        Add-SandboxFault $script:sb @{ path = $script:upsert; kind = 'delay'; delayMs = 1500 }
        $rows = 1..12 | ForEach-Object { [pscustomobject]@{ LinkedIn = "ordered-$_"; FirstName = "O$_" } }

        $out = $rows | Set-GrinfiLead -List 'Prospects' -ThrottleLimit 4 -PassThru -InformationAction Ignore

        $out.FirstName | Should -Be $rows.FirstName
        $log = Get-SandboxRequest $script:sb -Path $script:upsert | ForEach-Object {
            $end = ([datetimeoffset]$_.time).AddMilliseconds($_.durationMs)
            [pscustomobject]@{ Start = [datetimeoffset]$_.time; End = $end }
        }
        $overlap = ($log | ForEach-Object { $s = $_.Start; @($log | Where-Object { $_.Start -le $s -and $_.End -gt $s }).Count } | Measure-Object -Maximum).Maximum
        $overlap | Should -BeGreaterThan 1
        $overlap | Should -BeLessOrEqual 4
    }

    It 'loses nothing to 5xx and dropped connections, and creates no duplicates' {
        Set-SandboxOption $script:sb @{ faultRate = 0.15 }
        $rows = 1..40 | ForEach-Object { [pscustomobject]@{ LinkedIn = "faulty-$_"; FirstName = "F$_" } }

        $rows | Set-GrinfiLead -List 'Newsletter' -ErrorVariable bad -InformationAction Ignore
        Set-SandboxOption $script:sb @{ faultRate = 0 }

        $bad | Should -BeNullOrEmpty
        @(Get-SandboxRequest $script:sb -Path $script:upsert | Where-Object fault).Count | Should -BeGreaterThan 0
        $made = Get-GrinfiLead -Filter @{ first_name = $rows.FirstName }
        $made.Count | Should -Be 40
        ($made.LinkedIn | Sort-Object -Unique).Count | Should -Be 40
    }

    It 'reads a small team once for the look-ups of every batch, also while that read is slow' {
        # The team read answers late: the later batches of 100 rows are ready before it is.
        Add-SandboxFault $script:sb @{ path = '/leads/api/leads/search'; kind = 'delay'; delayMs = 1500 }
        $rows = 1..250 | ForEach-Object { [pscustomobject]@{ LinkedIn = "team-read-$_"; FirstName = "T$_"; Email = "t$_@team.test" } }

        $rows | Set-GrinfiLead -List 'Prospects' -ErrorVariable bad -InformationAction Ignore

        $bad | Should -BeNullOrEmpty
        @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/search').Count | Should -Be 1
        @(Get-SandboxRequest $script:sb -Path $script:upsert).Count | Should -Be 250
    }

    It 'writes the summary to the information stream, not the output' {
        $out = [pscustomobject]@{ LinkedIn = 'summary-person' } | Set-GrinfiLead -List 'Prospects' -InformationVariable info 6>$null

        $out | Should -BeNullOrEmpty
        "$info" | Should -Match '^Set-GrinfiLead: 1 row: 1 created, 0 updated, 0 unchanged, 0 skipped, 0 failed \(\d+\.\d s\)\.$'
    }
}

Describe 'Round trip through a CSV file' {
    It 'moves the contacts of one list to another and writes no junk into any field' {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
        $before = Get-GrinfiLead -List 'Webinar Q4'
        $before.Count | Should -BeGreaterThan 3
        $path = "$TestDrive/a.csv"

        Get-GrinfiLead -List 'Webinar Q4' | Export-Csv $path
        Import-Csv $path | Set-GrinfiLead -List 'Customers' -ErrorVariable bad -InformationAction Ignore

        $bad | Should -BeNullOrEmpty
        (Measure-GrinfiLead -List 'Webinar Q4').Count | Should -Be 0
        $after = Get-GrinfiLead -Uuid $before.Uuid
        foreach ($pair in 0..($before.Count - 1)) {
            $old = $before[$pair].ToJson() | ConvertFrom-Json -AsHashtable -DateKind String
            $new = $after[$pair].ToJson() | ConvertFrom-Json -AsHashtable -DateKind String
            $new.list_uuid | Should -Be (Get-GrinfiList 'Customers').Uuid
            foreach ($key in $old.Keys | Where-Object { $_ -notin 'list_uuid', 'updated_at' }) {
                ($new[$key] | ConvertTo-Json -Compress -Depth 5) | Should -Be ($old[$key] | ConvertTo-Json -Compress -Depth 5) -Because "field $key of $($before[$pair].Name)"
            }
        }
    }
}
