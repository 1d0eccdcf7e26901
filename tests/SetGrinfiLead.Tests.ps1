<#
    Set-GrinfiLead as people use it: rows of mixed kinds (new contacts, existing ones, bad rows)
    piped in, and what the cmdlet reports checked against what the sandbox received.
    Columns and the fixture exports: SetGrinfiLead.Columns.Tests.ps1. Progress, rate limits,
    Ctrl+C and large runs: SetGrinfiLead.LongRuns.Tests.ps1.
#>
BeforeDiscovery {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    # Every parameter, by reflection: a parameter added without a case below fails its test.
    $common = [Management.Automation.PSCmdlet]::CommonParameters + [Management.Automation.PSCmdlet]::OptionalCommonParameters
    $script:parameters = @((Get-Command Set-GrinfiLead).Parameters.Keys | Where-Object { $_ -notin $common } | Sort-Object | ForEach-Object { @{ Name = $_ } })
    $script:aliases = @(foreach ($p in (Get-Command Set-GrinfiLead).Parameters.Values | Where-Object { $_.Name -notin $common }) {
            foreach ($a in $p.Aliases) { @{ Name = $p.Name; Alias = $a } }
        })
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module "$PSScriptRoot/SetGrinfiLead.TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 60
    $script:upsertPath = '/leads/api/leads/upsert'
    $script:massPath = '/leads/api/leads/mass-action'

    function New-Id { [guid]::NewGuid().ToString('N').Substring(0, 10) }

    function New-KnownContact {
        <# An existing contact with known values, in 'Prospects', stage 'New', tagged Hot. #>
        param([hashtable] $Fields = @{}, [string] $ListName = 'Prospects', [string[]] $Tags = @('Hot'), [string] $Stage = 'New', [string] $CreatedAt)
        $id = New-Id
        $values = @{
            first_name = 'Ada'; last_name = "Known $id"; company_name = "Known Co $id"; position = 'Engineer'
            headline = 'Builds engines'; about = 'About Ada'; raw_address = 'London'
            linkedin = "https://www.linkedin.com/in/known-$id"; work_email = "known-$id@known.test"; ln_id = $null; sn_id = $null
        }
        foreach ($k in $Fields.Keys) { $values[$k] = $Fields[$k] }
        $stageUuid = if ($Stage) { (Get-GrinfiPipelineStage $Stage).Uuid }
        $uuid = New-TestContact $script:sb -Fields $values -ListName $ListName -Tags $Tags -PipelineStageUuid $stageUuid -CreatedAt $CreatedAt
        Get-GrinfiLead -Uuid @($uuid)[0]
    }

    function New-MixedRows {
        <#
            Four rows of the kinds a real input mixes: a new contact (a CSV-like object), an
            existing contact matched by LinkedIn (a hashtable, holding its current values), an
            existing contact piped as a GrinfiLead (it has a Uuid), and a bad row (a twitter.com
            address as the LinkedIn profile).
        #>
        param([hashtable] $NewCells = @{}, [hashtable] $MatchedCells = @{}, [hashtable] $KnownFields = @{})
        $id = New-Id
        $matched = New-KnownContact -Fields $KnownFields
        $piped = New-KnownContact -Fields $KnownFields
        $new = [ordered]@{ 'LinkedIn URL' = "https://www.linkedin.com/in/new-$id"; 'First Name' = 'Nia'; 'Last Name' = "New $id"; 'Company Name' = "New Co $id" }
        foreach ($k in $NewCells.Keys) { $new[$k] = $NewCells[$k] }
        $hash = @{ LinkedIn = $matched.LinkedIn; FirstName = $matched.FirstName }
        foreach ($k in $MatchedCells.Keys) { $hash[$k] = $MatchedCells[$k] }
        [pscustomobject]@{
            Rows    = @([pscustomobject]$new, $hash, $piped, [pscustomobject]@{ LinkedIn = "https://twitter.com/bad-$id"; FirstName = 'Bad' })
            New     = $new
            Matched = $matched
            Piped   = $piped
            Bad     = "https://twitter.com/bad-$id"
        }
    }

    function Get-UpsertFor([object] $Run, [string] $LinkedIn) {
        @($Run.Upserts | Where-Object { $_.lead.linkedin_id -eq $LinkedIn })
    }

    function Assert-BadRowFailed([object] $Run, [object] $Mixed) {
        $bad = @($Run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'GrinfiInvalidLinkedInId,*' })
        $bad.Count | Should -Be 1
        $bad[0].Exception.Message | Should -BeLike "Row 4 (*$($Mixed.Bad)*"
        [object]::ReferenceEquals($bad[0].TargetObject, $Mixed.Rows[3]) | Should -BeTrue
        @($Run.Upserts | Where-Object { $_.lead.linkedin_id -like '*twitter*' }) | Should -BeNullOrEmpty
    }

    <#
        One case per parameter. Each pipes rows of mixed kinds, checks the requests the
        parameter should cause and that the counts agree with the sandbox's log.
    #>
    $script:fieldCases = @{
        FirstName   = @{ Field = 'first_name'; Read = 'first_name'; Value = 'Zoë' }
        LastName    = @{ Field = 'last_name'; Read = 'last_name'; Value = "O'Brien-Müller" }
        CompanyName = @{ Field = 'company_name'; Read = 'company_name'; Value = 'Größe & Co, 1,5 GmbH' }
        # One email for every row makes them one person by the upsert's matching, unless the new
        # contact is made before the others get it: one write at a time, in input order.
        Email       = @{ Field = 'email'; Read = 'work_email'; Value = 'shared.person@example.test'; Extra = @{ ThrottleLimit = 1 } }
        Position    = @{ Field = 'position'; Read = 'position'; Value = 'Head of Ops' }
        Headline    = @{ Field = 'headline'; Read = 'headline'; Value = 'Ships things' }
        About       = @{ Field = 'about'; Read = 'about'; Value = "Line one`nline two" }
        Domain      = @{ Field = 'domain'; Read = $null; Value = 'example.org' }
        RawAddress  = @{ Field = 'raw_address'; Read = 'raw_address'; Value = '1 Infinite Loop, Cupertino' }
    }
    # One case serves every field parameter: $Name is the It block's parameter name.
    $fieldCase = {
        $c = $script:fieldCases[$Name]
        $m = New-MixedRows
        $parameters = @{ List = 'Prospects'; $Name = $c.Value } + ($c.Extra ?? @{})
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters $parameters

        Assert-RunAgreesWithLog $run -Rows $m.Rows
        "$($run.Summary)" | Should -BeLike '*4 rows: 1 created, 2 updated, 0 unchanged, 0 skipped, 1 failed*'
        Assert-BadRowFailed $run $m
        $newBody = Get-UpsertFor $run $m.New['LinkedIn URL']
        $newBody.lead.($c.Field) | Should -BeExactly $c.Value
        $matchedBody = Get-UpsertFor $run $m.Matched.LinkedIn
        $matchedBody.lead.PSObject.Properties.Name | Sort-Object | Should -Be (@('linkedin_id', $c.Field) | Sort-Object) -Because 'an existing contact gets only what differs'
        $matchedBody.lead.($c.Field) | Should -BeExactly $c.Value
        $run.Puts.Count | Should -Be 1
        $run.Puts[0].Uuid | Should -Be $m.Piped.Uuid
        $run.Puts[0].Text | Should -Be (@{ $c.Field = $c.Value } | ConvertTo-Json -Compress)
        if ($c.Read) {
            foreach ($uuid in @($run.Created) + $m.Matched.Uuid + $m.Piped.Uuid) {
                $run.After[$uuid].($c.Read) | Should -BeExactly $c.Value
            }
        }
    }
    $script:cases = @{}
    foreach ($name in $script:fieldCases.Keys) { $script:cases[$name] = $fieldCase }

    $script:cases.InputObject = {
        # -InputObject takes one row (any of the kinds); an array given to it is not a row.
        $m = New-MixedRows
        $run = Invoke-SetLeadRun $script:sb -Command {
            foreach ($row in $m.Rows) { Set-GrinfiLead -InputObject $row -List 'Prospects' -Headline 'Given' -ErrorAction Continue }
        }
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidLinkedInId,*'
        $run.Upserts.Count | Should -Be 2
        $run.Puts.Count | Should -Be 1
        $run.Created.Count | Should -Be 1
        $run.Information.Count | Should -Be 4

        $array = Invoke-SetLeadRun $script:sb -Command { Set-GrinfiLead -InputObject @($m.Rows[0], $m.Rows[1], $m.Rows[3]) -List 'Prospects' -ErrorAction Continue }
        $array.Errors.Count | Should -Be 1
        $array.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotARow,*'
        $array.Errors[0].ErrorDetails.RecommendedAction | Should -Match 'Pipe the rows'
        $array.Log | Where-Object method -ne 'GET' | Should -BeNullOrEmpty
    }

    $script:cases.Uuid = {
        # -Uuid names the contact every row updates; a malformed or unknown one is a row error.
        $known = New-KnownContact
        $rows = @(
            [pscustomobject]@{ Position = 'Chief Engines Officer' }
            @{ Headline = 'Ships engines' }
            [pscustomobject]@{ Email = 'not an email' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ Uuid = $known.Uuid; ThrottleLimit = 1 }
        "$($run.Summary)" | Should -BeLike '*3 rows: 0 created, 2 updated, 0 unchanged, 0 skipped, 1 failed*'
        $run.Puts.Text | Should -Be @('{"position":"Chief Engines Officer"}', '{"headline":"Ships engines"}')
        $run.Puts.Uuid | Sort-Object -Unique | Should -Be $known.Uuid
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidEmail,*'

        $missing = [guid]::NewGuid().ToString()
        $bad = Invoke-SetLeadRun $script:sb -Command {
            Set-GrinfiLead -Uuid 'not-a-uuid' -Position 'X' -ErrorAction Continue
            Set-GrinfiLead -Uuid $missing -Position 'X' -ErrorAction Continue
        }
        $bad.Errors.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('GrinfiInvalidUuid', 'GrinfiLeadNotFound')
        $bad.Puts | Should -BeNullOrEmpty
    }

    $script:cases.LinkedInId = {
        # -LinkedInId gives every row one profile: the rows are one contact, created once.
        $id = New-Id
        $rows = @(
            [pscustomobject]@{ FirstName = 'Lin'; LastName = "Kedin $id" }
            @{ FirstName = 'Lin'; LastName = "Kedin $id"; Position = 'Owner' }
            [pscustomobject]@{ FirstName = 'Bad'; Uuid = 'not-a-uuid' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ LinkedInId = "https://www.linkedin.com/in/one-profile-$id/"; List = 'Prospects'; ThrottleLimit = 1 }
        $run.Summary.Created | Should -Be 1
        $run.Summary.Updated | Should -Be 1
        $run.Summary.Failed | Should -Be 1
        $run.Created.Count | Should -Be 1
        $run.Upserts.lead.linkedin_id | Sort-Object -Unique | Should -Be "https://www.linkedin.com/in/one-profile-$id/"
        $run.After[$run.Created[0]].position | Should -Be 'Owner'
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidUuid,*'

        $notLinkedIn = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ LinkedInId = 'https://twitter.com/foo'; List = 'Prospects' }
        $notLinkedIn.Errors.Count | Should -Be 3
        $notLinkedIn.Errors[0].Exception.Message | Should -BeLike "*'https://twitter.com/foo'*"
        $notLinkedIn.Upserts | Should -BeNullOrEmpty
    }

    foreach ($idCase in @(
            @{ Name = 'LnId'; Field = 'ln_id'; Value = "ACoAAB$(New-Id)member" }
            @{ Name = 'SnId'; Field = 'sn_id'; Value = "ACwAAB$(New-Id)salesnav" }
        )) {
        $script:fieldCases[$idCase.Name] = $idCase
        $script:cases[$idCase.Name] = {
            # A member or Sales Navigator id given to every row: the new contact is made with it,
            # the contacts named by Uuid get it by PUT.
            $c = $script:fieldCases[$Name]
            $a = New-KnownContact
            $b = New-KnownContact
            $id = New-Id
            $rows = @(
                [pscustomobject]@{ LinkedIn = "with-id-$id"; FirstName = 'Ida' }
                $a
                @{ Uuid = $b.Uuid; Headline = $b.Headline }
                [pscustomobject]@{ Uuid = 'not-a-uuid' }
            )
            $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ $Name = $c.Value; List = 'Prospects'; ThrottleLimit = 1 }

            Assert-RunAgreesWithLog $run -Rows $rows
            "$($run.Summary)" | Should -BeLike '*4 rows: 1 created, 2 updated, 0 unchanged, 0 skipped, 1 failed*'
            (Get-UpsertFor $run "with-id-$id").lead.($c.Field) | Should -BeExactly $c.Value
            $run.Puts.Text | Sort-Object -Unique | Should -Be (@{ $c.Field = $c.Value } | ConvertTo-Json -Compress)
            $run.Puts.Uuid | Should -Be @($a.Uuid, $b.Uuid)
            $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidUuid,*'
            foreach ($uuid in @($run.Created) + $a.Uuid + $b.Uuid) {
                $run.After[$uuid].($c.Field) | Should -BeExactly $c.Value
            }
        }
    }

    $script:cases.List = {
        # New contacts go to -List; rows with a Uuid move there (batched); contacts matched by
        # their identifiers stay where they are.
        $m = New-MixedRows
        $customers = Get-GrinfiList 'Customers'
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Customers' }

        Assert-RunAgreesWithLog $run -Rows $m.Rows
        "$($run.Summary)" | Should -BeLike '*4 rows: 1 created, 1 updated, 1 unchanged, 0 skipped, 1 failed*'
        (Get-UpsertFor $run $m.New['LinkedIn URL']).list_uuid | Should -Be $customers.Uuid
        $run.Mass.Count | Should -Be 1
        $run.Mass[0].Type | Should -Be 'contact_change_list'
        $run.Mass[0].Ids | Should -Be $m.Piped.Uuid
        $run.After[$m.Piped.Uuid].list_uuid | Should -Be $customers.Uuid
        $run.After[$m.Matched.Uuid].list_uuid | Should -Be $m.Matched.ListUuid
        $run.After[$run.Created[0]].list_uuid | Should -Be $customers.Uuid
    }

    $script:cases.SkipExisting = {
        # Existing contacts are left alone; the new one is made with its list, stage and tag.
        $m = New-MixedRows -MatchedCells @{ FirstName = 'Changed' }
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects'; SkipExisting = $true; PipelineStage = 'Meeting booked'; AddTag = 'VIP'; Position = 'Skipped?' }

        Assert-RunAgreesWithLog $run -Rows $m.Rows
        "$($run.Summary)" | Should -BeLike '*4 rows: 1 created, 0 updated, 0 unchanged, 2 skipped, 1 failed*'
        $new = $run.Created[0]
        $run.After[$new].pipeline_stage_uuid | Should -Be (Get-GrinfiPipelineStage 'Meeting booked').Uuid
        $run.After[$new].tags | Should -Contain (Get-GrinfiTag 'VIP').Uuid
        $run.After[$new].list_uuid | Should -Be (Get-GrinfiList 'Prospects').Uuid
        $run.Touched | Should -BeNullOrEmpty -Because 'existing contacts are left as they are'
        $run.Upserts.Count | Should -Be 1
        $run.Upserts[0].update_if_exists | Should -BeFalse
    }

    $script:cases.MoveToList = {
        $m = New-MixedRows
        $already = New-KnownContact -ListName 'Customers'
        $rows = @($m.Rows[0], $m.Rows[1], [pscustomobject]@{ LinkedIn = $already.LinkedIn }, $m.Rows[3])
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Customers'; MoveToList = $true }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*4 rows: 1 created, 1 updated, 1 unchanged, 0 skipped, 1 failed*'
        $customers = (Get-GrinfiList 'Customers').Uuid
        $run.After[$m.Matched.Uuid].list_uuid | Should -Be $customers
        $run.After[$already.Uuid].list_uuid | Should -Be $customers
        $run.After[$run.Created[0]].list_uuid | Should -Be $customers
        @($run.Mass.Ids) + @($run.Puts.Uuid) | Should -Not -Contain $already.Uuid
    }

    $script:cases.CustomField = {
        # New contacts get it in the upsert, existing ones by one batched mass action; the
        # values cannot be compared (the API returns none), and -Verbose says so.
        $m = New-MixedRows
        $industry = Get-GrinfiCustomField industry
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects'; CustomField = @{ industry = 'SaaS'; deal_size = 1500.5 }; Verbose = $true }

        Assert-RunAgreesWithLog $run -Rows $m.Rows
        # The existing contacts hold every other value: only the uncomparable custom fields go.
        "$($run.Summary)" | Should -BeLike '*4 rows: 1 created, 0 updated, 2 resent (custom fields the API does not return), 0 unchanged, 0 skipped, 1 failed*'
        (Get-UpsertFor $run $m.New['LinkedIn URL']).custom_fields.industry | Should -Be 'SaaS'
        (Get-UpsertFor $run $m.New['LinkedIn URL']).custom_fields.deal_size | Should -Be '1500.5'
        $set = @($run.Mass | Where-Object { $_.Type -eq 'contact_change_custom_field' -and $_.Payload.custom_field_uuid -eq $industry.Uuid })
        $set.Count | Should -Be 1
        $set[0].Payload.value | Should -Be 'SaaS'
        # One mass action for every existing contact with the value: the piped one (PUT ignores
        # custom fields) and the one the look-up found (no upsert a row for a value they share).
        $set[0].Ids | Sort-Object | Should -Be (@($m.Piped.Uuid, $m.Matched.Uuid) | Sort-Object)
        Get-UpsertFor $run $m.Matched.LinkedIn | Should -BeNullOrEmpty
        $run.Puts | Should -BeNullOrEmpty
        ($run.Verbose -join "`n") | Should -Match "industry.*(compared|compare)"
    }

    $script:cases.ColumnMap = {
        $id = New-Id
        $known = New-KnownContact
        $rows = @(
            [pscustomobject]@{ Profil = "new-map-$id"; 'Deal Size' = '5000'; 'Badge No' = 'B-1'; Organisation = 'Mapped Co' }
            [pscustomobject]@{ Profil = $known.LinkedIn; 'Deal Size' = '7000'; 'Badge No' = 'B-2'; Organisation = $known.CompanyName }
            [pscustomobject]@{ Profil = 'mailto:someone@example.test'; 'Deal Size' = '1'; 'Badge No' = 'B-3'; Organisation = 'X' }
        )
        $map = @{ Profil = 'linkedin_id'; 'Deal Size' = 'deal_size'; 'Badge No' = $null; Organisation = 'company_name'; 'Not There' = 'about' }
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; ColumnMap = $map }

        Assert-RunAgreesWithLog $run -Rows $rows
        # The known contact holds its company: only its deal size (a custom field) is sent.
        "$($run.Summary)" | Should -BeLike '*3 rows: 1 created, 0 updated, 1 resent (custom fields the API does not return), 0 unchanged, 0 skipped, 1 failed*'
        $new = Get-UpsertFor $run "new-map-$id"
        $new.lead.company_name | Should -Be 'Mapped Co'
        $new.custom_fields.deal_size | Should -Be '5000'
        ($run.Upserts | ConvertTo-Json -Depth 5) | Should -Not -Match 'B-[123]'
        # The company is unchanged: no upsert, the deal size by mass action.
        Get-UpsertFor $run $known.LinkedIn | Should -BeNullOrEmpty
        ($run.Mass | Where-Object { $_.Ids -contains $known.Uuid }).Payload.value | Should -Be '7000'
        $run.Warnings | Where-Object { $_ -like "*'Not There'*" } | Should -HaveCount 1
        $run.Warnings | Where-Object { $_ -like "*Badge No*" } | Should -BeNullOrEmpty -Because 'a column mapped to $null is left out quietly'
        $run.Errors[0].Exception.Message | Should -BeLike "*'mailto:someone@example.test'*"
    }

    $script:cases.Clear = {
        # Only contacts with a Uuid; only what holds a value is sent; a custom field is cleared by mass action.
        $with = New-KnownContact
        $without = New-KnownContact -Fields @{ position = $null; headline = $null }
        $rows = @($with, $without, [pscustomobject]@{ LinkedIn = "no-uuid-$(New-Id)" })
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ Clear = 'Position', 'headline', 'deal_size' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Puts.Count | Should -Be 1
        $run.Puts[0].Uuid | Should -Be $with.Uuid
        $run.Puts[0].Text | Should -Be '{"headline":null,"position":null}'
        $clear = @($run.Mass | Where-Object Type -EQ 'contact_change_custom_field')
        $clear.Payload.value | Should -BeNullOrEmpty
        $clear.Ids | Sort-Object | Should -Be (@($with.Uuid, $without.Uuid) | Sort-Object)
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiClearNeedsUuid,*'
        $run.After[$with.Uuid].position | Should -BeNullOrEmpty

        $refused = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ Clear = 'Position', 'FirstName', 'about', 'email' }
        $refused.Errors.Count | Should -Be 1
        $refused.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiFieldNotClearable,*'
        $refused.Errors[0].Exception.Message | Should -BeLike '*first_name*about*email*'
        $refused.Log | Where-Object method -NE 'GET' | Should -BeNullOrEmpty -Because 'the error comes before anything is sent'
    }

    $script:cases.PipelineStage = {
        # Batched, only to contacts in another stage; a contact already there is Unchanged.
        $m = New-MixedRows
        $booked = Get-GrinfiPipelineStage 'Meeting booked'
        $there = New-KnownContact -Stage 'Meeting booked'
        $rows = @($m.Rows[0], $m.Rows[1], $m.Rows[2], [pscustomobject]@{ LinkedIn = $there.LinkedIn }, $m.Rows[3])
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; PipelineStage = 'Meeting booked' }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*5 rows: 1 created, 2 updated, 1 unchanged, 0 skipped, 1 failed*'
        $run.Mass.Count | Should -Be 1
        $run.Mass[0].Type | Should -Be 'contact_change_pipeline_stage'
        $run.Mass[0].Payload.pipeline_stage_uuid | Should -Be $booked.Uuid
        $run.Mass[0].Ids | Sort-Object | Should -Be (@($run.Created[0], $m.Matched.Uuid, $m.Piped.Uuid) | Sort-Object)
    }

    $script:cases.AddTag = {
        $m = New-MixedRows
        $vip = Get-GrinfiTag 'VIP'
        $tagged = New-KnownContact -Tags 'VIP', 'Follow-up'
        $rows = @($m.Rows[0], $m.Rows[1], $tagged, $m.Rows[2], $m.Rows[3])
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; AddTag = 'VIP', 'Follow-up' }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*5 rows: 1 created, 2 updated, 1 unchanged, 0 skipped, 1 failed*'
        $run.Mass.Type | Sort-Object -Unique | Should -Be 'contact_add_tags'
        $run.Mass.Count | Should -Be 2 -Because 'one request per tag, not per contact'
        ($run.Mass | Where-Object { $_.Payload.tag_uuid -eq $vip.Uuid }).Ids | Sort-Object | Should -Be (@($run.Created[0], $m.Matched.Uuid, $m.Piped.Uuid) | Sort-Object)
        $run.After[$run.Created[0]].tags | Should -Contain $vip.Uuid
    }

    $script:cases.RemoveTag = {
        $m = New-MixedRows
        $hot = Get-GrinfiTag 'Hot'
        $untagged = New-KnownContact -Tags @()
        $rows = @($m.Rows[0], $m.Rows[1], $untagged, $m.Rows[2], $m.Rows[3])
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; RemoveTag = 'Hot' }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*5 rows: 1 created, 2 updated, 1 unchanged, 0 skipped, 1 failed*'
        $run.Mass.Count | Should -Be 1
        $run.Mass[0].Type | Should -Be 'contact_remove_tags'
        $run.Mass[0].Payload.tag_uuid | Should -Be $hot.Uuid
        $run.Mass[0].Ids | Sort-Object | Should -Be (@($m.Matched.Uuid, $m.Piped.Uuid) | Sort-Object)
        $run.After[$m.Piped.Uuid].tags | Should -Not -Contain $hot.Uuid
    }

    $script:cases.ThrottleLimit = {
        # One write at a time, results in input order.
        Set-SandboxOption $script:sb @{ latencyMs = 50 }
        $m = New-MixedRows
        $rows = @($m.Rows) + @(1..4 | ForEach-Object { [pscustomobject]@{ LinkedIn = "throttled-$(New-Id)"; FirstName = "T$_" } })
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; ThrottleLimit = 1; Headline = 'One at a time'; PassThru = $true }
        Set-SandboxOption $script:sb @{ latencyMs = 0 }

        Assert-RunAgreesWithLog $run -Rows $rows
        $writes = @($run.Log | Where-Object { $_.path -eq $script:upsertPath -or ($_.method -eq 'PUT' -and $_.path -ne $script:massPath) } | ForEach-Object {
                [pscustomobject]@{ Start = [datetimeoffset]$_.time; End = ([datetimeoffset]$_.time).AddMilliseconds($_.durationMs) }
            })
        $writes.Count | Should -Be 7
        foreach ($w in $writes) {
            @($writes | Where-Object { $_.Start -lt $w.Start -and $_.End -gt $w.Start }).Count | Should -Be 0 -Because 'never two writes at once'
        }
        $run.Output.Count | Should -Be 7 -Because 'one per row that did not fail'
        $run.Output[2].Uuid | Should -Be $m.Piped.Uuid
        ($run.Output | Select-Object -Skip 3).FirstName | Should -Be @('T1', 'T2', 'T3', 'T4')
    }

    $script:cases.BatchSize = {
        $m = New-MixedRows
        $more = 1..3 | ForEach-Object { New-KnownContact }
        $rows = @($m.Rows) + @($more)
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; AddTag = 'Partner'; BatchSize = 2 }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*7 rows: 1 created, 5 updated, 0 unchanged, 0 skipped, 1 failed*'
        $run.Mass | ForEach-Object { $_.Ids.Count | Should -BeLessOrEqual 2 }
        $run.Mass.Count | Should -Be 3
        @($run.Mass.Ids | Sort-Object -Unique).Count | Should -Be 6
    }

    $script:cases.PassThru = {
        # Every row that did not fail or get skipped, in input order, as it is afterwards.
        $m = New-MixedRows
        $same = New-KnownContact -Stage 'Interested'
        $rows = @($m.Rows[0], $m.Rows[1], $m.Rows[3], $m.Rows[2], $same)
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; PipelineStage = 'Interested'; CustomField = @{ source = 'PassThru' }; PassThru = $true }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Output.Count | Should -Be 4
        $run.Output.Uuid | Should -Be @($run.Created[0], $m.Matched.Uuid, $m.Piped.Uuid, $same.Uuid)
        $run.Output | ForEach-Object { $_.PipelineStageName | Should -Be 'Interested' }
        $run.Output | ForEach-Object { $_ | Should -BeOfType ([GrinfiPS.Model.GrinfiLead]) }
    }

    $script:cases.Connection = {
        # The rows go to the connection's team, not the session's default one.
        $second = Connect-Grinfi -ApiKey $script:sb.SecondKey -BaseUri $script:sb.BaseUri -RequestsPerMinute 100000 -PassThru -InformationAction Ignore
        Connect-TestSandbox $script:sb
        $id = New-Id
        $team2 = Get-GrinfiLead -Connection $second -First 1
        $rows = @(
            [pscustomobject]@{ LinkedIn = "team-two-$id"; FirstName = 'Two' }
            $team2
            [pscustomobject]@{ LinkedIn = 'https://twitter.com/two' }
        )
        $list = (Get-GrinfiList -Connection $second | Select-Object -First 1).Name
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ Connection = $second; List = $list; Position = 'Second team' }

        $run.Created | Should -BeNullOrEmpty -Because 'nothing is written to the default team'
        $run.Log | ForEach-Object { $_.teamId | Should -Be 2 }
        "$($run.Summary)" | Should -BeLike '*3 rows: 1 created, 1 updated, 0 unchanged, 0 skipped, 1 failed*'
        (Get-GrinfiLead -Connection $second -Uuid $team2.Uuid).Position | Should -Be 'Second team'
    }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Every parameter, with rows of mixed kinds' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
        $script:violations = Get-UnexpectedViolationCount $script:sb
    }
    AfterEach {
        Get-UnexpectedViolationCount $script:sb | Should -Be $script:violations -Because 'no request breaks the vendor''s schema'
    }

    It '-<Name>' -ForEach $script:parameters {
        $script:cases.ContainsKey($Name) | Should -BeTrue -Because "every parameter needs a case in this file's table; -$Name has none"
        & $script:cases[$Name]
    }
}

Describe 'PowerShell names' {
    It '-<Alias> sends what -<Name> sends' -ForEach $script:aliases {
        $values = @{
            Uuid = 'UUID'; LinkedInId = 'https://www.linkedin.com/in/alias-person'; FirstName = 'Al'; LastName = 'Ias'; CompanyName = 'Alias Co'
            Email = 'alias@example.test'; Position = 'Aliaser'; Headline = 'H'; About = 'A'; Domain = 'alias.test'; RawAddress = 'Alias Street 1'
            LnId = 'ACoAABaliasmember1234'; SnId = 'ACwAABaliassales12345'; List = 'LISTUUID'; PipelineStage = 'Interested'
        }
        $requests = foreach ($parameterName in $Name, $Alias) {
            Reset-TestSandbox $script:sb -Contacts 20
            Connect-TestSandbox $script:sb
            $lead = Get-GrinfiLead -First 1
            $value = switch ($values[$Name]) { 'UUID' { $lead.Uuid } 'LISTUUID' { (Get-GrinfiList 'Customers').Uuid } default { $_ } }
            $rows = if ($Name -eq 'Uuid') { @(@{ Position = 'P' }, [pscustomobject]@{ Headline = 'Q' }, [pscustomobject]@{ Email = 'bad' }) }
            else { @([pscustomobject]@{ LinkedIn = 'alias-new-person' }, $lead, @{ LinkedIn = 'https://twitter.com/x' }) }
            $splat = @{ $parameterName = $value; ThrottleLimit = 1 }
            if ($Name -notin 'List') { $splat.List = 'Prospects' }
            Clear-SandboxRequest $script:sb
            $rows | Set-GrinfiLead @splat -ErrorAction SilentlyContinue -InformationAction Ignore
            # UUIDs of contacts made differ between runs: compare the shape, not the ids.
            (Get-SandboxRequest $script:sb | ForEach-Object { "$($_.method) $($_.path) $($_.body)" }) -join "`n" -replace '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}', '<uuid>'
        }
        $requests[0] | Should -Not -BeNullOrEmpty
        $requests[1] | Should -Be $requests[0]
    }

    It 'reads a row''s columns through the mapping, never through parameter aliases' {
        Reset-TestSandbox $script:sb -Contacts 20
        Connect-TestSandbox $script:sb
        # 'Stage' is an alias of -PipelineStage, but as a column it is another tool's stage, not written.
        $rows = @(
            [pscustomobject]@{ LinkedIn = 'mapped-1'; JobTitle = 'CTO'; Stage = 'Interested'; WorkEmail = 'one@example.test' }
            [pscustomobject]@{ LinkedIn = 'mapped-2'; JobTitle = 'CFO'; Stage = 'Interested'; WorkEmail = 'two@example.test' }
            [pscustomobject]@{ LinkedIn = 'https://twitter.com/mapped'; JobTitle = 'X'; Stage = 'X'; WorkEmail = 'x@example.test' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Upserts.lead.position | Sort-Object | Should -Be @('CFO', 'CTO')
        $run.Upserts.lead.email | Sort-Object | Should -Be @('one@example.test', 'two@example.test')
        $run.Mass | Should -BeNullOrEmpty
        ($run.Warnings -join "`n") | Should -Match "'Stage'"
    }
}

Describe 'True outcomes' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
        $script:violations = Get-UnexpectedViolationCount $script:sb
    }
    AfterEach {
        Get-UnexpectedViolationCount $script:sb | Should -Be $script:violations -Because 'no request breaks the vendor''s schema'
    }

    It 'reports a new contact Created although the vendor answers 200 for every upsert' {
        $m = New-MixedRows
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $m.Rows
        @($run.Log | Where-Object path -EQ $script:upsertPath).status | Sort-Object -Unique | Should -Be 200
        $run.Summary.Created | Should -Be 1
        $run.Summary.Unchanged | Should -Be 2
    }

    It 'counts a row with nothing to change Unchanged and sends nothing for it' {
        $m = New-MixedRows
        $known = $m.Matched
        $rows = @(
            [pscustomobject]@{ LinkedIn = $known.LinkedIn; FirstName = $known.FirstName; 'Last Name' = $known.LastName; Company = $known.CompanyName; Email = $known.WorkEmail.ToUpper(); Title = " $($known.Position) " }
            $m.Piped
            $m.Rows[3]
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; Headline = $known.Headline }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*3 rows: 0 created, 0 updated, 2 unchanged, 0 skipped, 1 failed*'
        $run.Upserts + $run.Puts + $run.Mass | Should -BeNullOrEmpty
    }

    It 'updates the contact a row finds by email, or name and company, although its LinkedIn differs, and makes no new one' {
        $byEmail = New-KnownContact
        $byName = New-KnownContact
        $id = New-Id
        $rows = @(
            [pscustomobject]@{ LinkedIn = "https://www.linkedin.com/in/moved-on-$id"; Email = $byEmail.WorkEmail; Position = 'Found by email' }
            @{ LinkedIn = "https://www.linkedin.com/in/renamed-$id"; FirstName = $byName.FirstName; LastName = $byName.LastName; Company = $byName.CompanyName; Position = 'Found by name' }
            [pscustomobject]@{ LinkedIn = "https://www.linkedin.com/in/brand-new-$id"; FirstName = 'Brand'; LastName = "New $id" }
            [pscustomobject]@{ LinkedIn = 'https://www.linkedin.com/school/nope' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*4 rows: 1 created, 2 updated, 0 unchanged, 0 skipped, 1 failed*'
        $run.After[$byEmail.Uuid].position | Should -Be 'Found by email'
        $run.After[$byName.Uuid].position | Should -Be 'Found by name'
        $run.Created | ForEach-Object { $run.After[$_].first_name | Should -Be 'Brand' }
    }

    It 'reads a small team once for the look-ups of every batch, also while that read is slow' {
        # The team read answers late: the later batches of 100 rows are ready before it is.
        $known = New-KnownContact
        Add-SandboxFault $script:sb @{ path = '/leads/api/leads/search'; kind = 'delay'; delayMs = 1500 }
        $rows = @(
            foreach ($i in 1..248) { [pscustomobject]@{ LinkedIn = "team-read-$i"; FirstName = "T$i"; Email = "t$i@team.test" } }
            [pscustomobject]@{ LinkedIn = $known.LinkedIn; Headline = 'Read once' }
            [pscustomobject]@{ LinkedIn = 'team-read-bad@example.test' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*250 rows: 248 created, 1 updated, 0 unchanged, 0 skipped, 1 failed*'
        @($run.Log | Where-Object path -Like '*/search').Count | Should -Be 1
    }

    It 'decides from a batched look-up, 100 rows a search, on the identifiers the upsert matches by' {
        # A team too large to read whole: the look-up searches.
        Reset-TestSandbox $script:sb -Contacts 1100
        Connect-TestSandbox $script:sb
        $team = Get-GrinfiLead -First 400
        $withHandle = @($team | Where-Object LinkedIn)
        $rows = @(
            foreach ($i in 0..99) { [pscustomobject]@{ LinkedIn = $withHandle[$i].LinkedIn; Headline = "Batch $i" } }
            foreach ($i in 0..59) { [pscustomobject]@{ LinkedIn = "batch-new-$i"; Email = "batch-new-$i@example.test" } }
            foreach ($i in 0..19) { [pscustomobject]@{ LinkedIn = "batch-bad-$i@example.test" } }
            foreach ($i in 100..139) { [pscustomobject]@{ LinkedIn = $withHandle[$i].LinkedIn; FirstName = $withHandle[$i].FirstName } }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*220 rows: 60 created, 100 updated, 40 unchanged, 0 skipped, 20 failed*'
        $searches = @($run.Log | Where-Object path -Like '*/search' | ForEach-Object { $_.body | ConvertFrom-Json -AsHashtable })
        $searches.Count | Should -BeGreaterThan 1
        $upsertKeys = 'uuid', 'ln_id', 'sn_id', 'linkedin', 'work_email', 'personal_email', 'name'
        foreach ($search in $searches | Select-Object -Skip 1) {
            @($search.filter.Keys) | ForEach-Object { $_ | Should -BeIn $upsertKeys }
        }
        # The first rows were looked up before any of them was written.
        $firstWrite = ($run.Log | Where-Object path -EQ $script:upsertPath | Select-Object -First 1).seq
        ($run.Log | Where-Object path -Like '*/search' | Select-Object -First 2 | Select-Object -Last 1).seq | Should -BeLessThan $firstWrite
        # 100 rows a search: each row's handle is asked for once, in a search with at most 100 rows' values.
        # A search that fills a page is asked for its next page (keyset, by uuid): count each search once.
        $byHandle = @($searches | Where-Object { $_.filter.Keys -contains 'linkedin' } | Group-Object { $_.filter.linkedin -join ',' } | ForEach-Object { $_.Group[0] })
        $handles = @($byHandle | ForEach-Object { @($_.filter.linkedin | Where-Object { $_ -notlike '*/*' }) })
        $byHandle | ForEach-Object { @($_.filter.linkedin | Where-Object { $_ -notlike '*/*' }).Count | Should -BeLessOrEqual 100 }
        $handles.Count | Should -Be 200 -Because 'the 200 rows with a handle, each once'
        @($handles | Sort-Object -Unique).Count | Should -Be 200
        $searches | Where-Object { $_.filter.Keys -contains 'work_email' } | ForEach-Object { @($_.filter.work_email | ForEach-Object ToLowerInvariant | Sort-Object -Unique).Count | Should -BeLessOrEqual 100 }
    }

    It 'never costs a new contact its list, stage or tags with -SkipExisting, and skips rows with a Uuid too' {
        $m = New-MixedRows
        Get-GrinfiLead -Uuid $m.Piped.Uuid | Export-Csv "$TestDrive/existing.csv"
        $rows = @($m.Rows[0], $m.Rows[1], @(Import-Csv "$TestDrive/existing.csv")[0], $m.Rows[3])
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Customers'; SkipExisting = $true; PipelineStage = 'Replied'; AddTag = 'Follow-up'; RemoveTag = 'Hot'; Position = 'Only new' }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*4 rows: 1 created, 0 updated, 0 unchanged, 2 skipped, 1 failed*'
        $new = $run.After[$run.Created[0]]
        $new.list_uuid | Should -Be (Get-GrinfiList 'Customers').Uuid
        $new.pipeline_stage_uuid | Should -Be (Get-GrinfiPipelineStage 'Replied').Uuid
        $new.tags | Should -Contain (Get-GrinfiTag 'Follow-up').Uuid
        $new.position | Should -Be 'Only new'
        $run.Touched | Should -BeNullOrEmpty
    }

    It 'counts rows changed only by mass action Updated, and a failed batch Failed, with the row as target' {
        $m = New-MixedRows
        Add-SandboxFault $script:sb @{ path = $script:massPath; kind = 'status'; status = 422; count = 1 }
        Connect-TestSandbox $script:sb -Parameters @{ MaximumRetryCount = 0 }
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects'; PipelineStage = 'Replied'; AddTag = 'VIP' }

        $run.Summary.Failed | Should -Be 4 -Because 'the bad row, and the three rows whose stage change failed'
        $run.Summary.Updated + $run.Summary.Created | Should -Be 0
        @($run.Errors | Where-Object { $_.Exception.Message -like 'Row 2 (*' }).Count | Should -Be 1
        ($run.Errors | Where-Object { $_.Exception.Message -like 'Row 3 (*' }).TargetObject.Uuid | Should -Be $m.Piped.Uuid
    }

    It 'sums up the run in $GrinfiLastRun and the information stream, and writes nothing else' {
        $m = New-MixedRows
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects'; Position = 'Summed' }

        Assert-RunAgreesWithLog $run -Rows $m.Rows
        $run.Output | Should -BeNullOrEmpty
        $run.Summary | Should -BeOfType ([GrinfiPS.Model.GrinfiRunSummary])
        $run.Information | Should -HaveCount 1
        $run.Information[0] | Should -Match '^Set-GrinfiLead: 4 rows: 1 created, 2 updated, 0 unchanged, 0 skipped, 1 failed \(\d+\.\d s\)\.$'
    }

    It '-WhatIf says what each row would do and sends no write' {
        $m = New-MixedRows
        $shown = Get-HostOutput { $m.Rows | Set-GrinfiLead -List 'Prospects' -PipelineStage 'Replied' -AddTag 'VIP' -WhatIf -ErrorAction SilentlyContinue }

        $shown | Should -Match "Create or update with company_name, first_name, last_name, linkedin_id in list 'Prospects'.*set pipeline stage 'Replied'; add tag 'VIP'"
        $shown | Should -Match "on target `"Row 3 \(uuid $($m.Piped.Uuid)\)`""
        Get-SandboxRequest $script:sb | Where-Object { $_.method -ne 'GET' -and $_.path -notlike '*/search' } | Should -BeNullOrEmpty
    }
}

Describe 'Only contacts' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 30
        Connect-TestSandbox $script:sb
    }

    It 'refuses a piped <Kind> before any request' -ForEach @(
        @{ Kind = 'list'; Get = { Get-GrinfiList 'Customers' } }
        @{ Kind = 'tag'; Get = { Get-GrinfiTag 'VIP' } }
        @{ Kind = 'pipeline stage'; Get = { Get-GrinfiPipelineStage 'Interested' } }
        @{ Kind = 'custom field'; Get = { Get-GrinfiCustomField 'industry' } }
        @{ Kind = 'automation'; Get = { Get-GrinfiAutomation | Select-Object -First 1 } }
    ) {
        $thing = & $Get
        $lead = Get-GrinfiLead -First 1
        $rows = @([pscustomobject]@{ LinkedIn = 'only-contacts-new' }, $thing, $lead)
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Customers' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Errors.Count | Should -Be 1
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotAContact,*'
        $run.Errors[0].Exception.Message | Should -BeLike 'Row 2 (*is not a contact*'
        [object]::ReferenceEquals($run.Errors[0].TargetObject, $thing) | Should -BeTrue
        @($run.Mass.Ids) + @($run.Puts.Uuid) | Should -Not -Contain $thing.Uuid
        ($run.Log | Where-Object path -Like '*/search' | ForEach-Object body) -join '' | Should -Not -Match $thing.Uuid
    }

    It 'reads a hashtable by its keys, like an object''s properties' {
        $lead = Get-GrinfiLead -First 1
        $rows = @(
            @{ 'First Name' = 'Hash'; 'LinkedIn Profile' = 'https://www.linkedin.com/in/hash-table'; 'E-mail' = 'hash@example.test' }
            [ordered]@{ Uuid = $lead.Uuid; 'Job Title' = 'Keyed' }
            @{ LinkedIn = 'https://www.linkedin.com/company/not-a-person' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Customers' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Upserts[0].lead.first_name | Should -Be 'Hash'
        $run.Upserts[0].lead.email | Should -Be 'hash@example.test'
        $run.Puts[0].Text | Should -Be '{"position":"Keyed"}'
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidLinkedInId,*'
    }
}

Describe 'Values as the API wants them' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 30
        Connect-TestSandbox $script:sb
        $script:violations = Get-UnexpectedViolationCount $script:sb
    }
    AfterEach {
        Get-UnexpectedViolationCount $script:sb | Should -Be $script:violations -Because 'no request breaks the vendor''s schema'
    }

    It 'writes numbers and dates the same under de-DE' {
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'de-DE'
            $m = New-MixedRows -NewCells @{ 'deal_size' = 1234.5; 'source' = [datetime]::new(2025, 3, 4, 10, 11, 12, [DateTimeKind]::Utc) }
            $m.Rows[1]['deal_size'] = 0.25
            $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects'; CustomField = @{ industry = 1e6 }; Position = 2.5 }
        }
        finally {
            [cultureinfo]::CurrentCulture = $culture
        }
        Assert-RunAgreesWithLog $run -Rows $m.Rows
        $new = Get-UpsertFor $run $m.New['LinkedIn URL']
        $new.custom_fields.deal_size | Should -BeExactly '1234.5'
        $new.custom_fields.source | Should -BeLike '2025-03-04T10:11:12*Z'
        $new.custom_fields.industry | Should -BeExactly '1000000'
        $new.lead.position | Should -BeExactly '2.5'
        (Get-UpsertFor $run $m.Matched.LinkedIn).custom_fields.deal_size | Should -BeExactly '0.25'
        $run.Puts[0].Text | Should -Be '{"position":"2.5"}'
    }

    It 'makes NaN, infinity and overflow row errors, not a broken run' {
        $m = New-MixedRows
        $rows = @(
            $m.Rows[0]
            [pscustomobject]@{ LinkedIn = "nan-$(New-Id)"; deal_size = [double]::NaN }
            [pscustomobject]@{ LinkedIn = "inf-$(New-Id)"; deal_size = [double]::PositiveInfinity }
            [pscustomobject]@{ LinkedIn = "big-$(New-Id)"; deal_size = 1e30 }
            $m.Rows[2]
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*5 rows: 1 created, 0 updated, 1 unchanged, 0 skipped, 3 failed*'
        $run.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidFieldValue,*' }
        $run.Errors | ForEach-Object { $_.Exception | Should -Not -BeOfType ([OverflowException]) }
        $run.Errors[2].Exception.Message | Should -BeLike '*1E+30*'
    }

    It 'refuses an e-mail address the API''s schema does not take before sending it, and sends every other' {
        $emails = [ordered]@{
            'Ada.Lovelace@Example.COM' = $true; "o'brien@example.ie" = $true; 'a+tag@example.io' = $true; 'joerg@müller.de' = $true
            '"quoted name"@example.io' = $true; 'a_b@sub.example.co.uk' = $true
            'n/a' = $false; 'ada@localhost' = $false; 'jörg@example.de' = $false; 'a..b@example.io' = $false; 'a@-example.io' = $false; 'Ada Lovelace' = $false
        }
        $known = New-KnownContact
        $rows = @(foreach ($e in $emails.Keys) { [pscustomobject]@{ LinkedIn = "mail-$(New-Id)"; Email = $e } }) + @([pscustomobject]@{ Uuid = $known.Uuid; 'E-mail' = 'still not one' })
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Upserts.lead.email | Sort-Object | Should -Be @($emails.Keys | Where-Object { $emails[$_] } | Sort-Object)
        $run.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidEmail,*' }
        $run.Errors.Count | Should -Be 7
        $run.Errors[0].Exception.Message | Should -BeLike "Row 7 (*'n/a'*"
        $run.Puts | Should -BeNullOrEmpty
    }

    It 'takes LinkedIn values in every profile form and names any other value in a row error' {
        $rows = @(
            [pscustomobject]@{ LinkedIn = 'https://www.linkedin.com/in/ada-lovelace-1815/' }
            [pscustomobject]@{ LinkedIn = 'http://uk.linkedin.com/in/ada-lovelace-1816?trk=x' }
            [pscustomobject]@{ LinkedIn = 'linkedin.com/in/J%C3%B6rg-M%C3%BCller' }
            [pscustomobject]@{ LinkedIn = 'https://www.linkedin.com/in/ACoAAB1234567890abcdefghijk' }
            [pscustomobject]@{ LinkedIn = 'https://www.linkedin.com/sales/lead/ACwAAB1234567890abcdefghijk,NAME_SEARCH,abcd' }
            [pscustomobject]@{ LinkedIn = 'grace-hopper' }
            [pscustomobject]@{ LinkedIn = 'https://twitter.com/foo' }
            [pscustomobject]@{ LinkedIn = 'https://www.linkedin.com/company/contoso' }
            [pscustomobject]@{ LinkedIn = 'ada@example.test' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Summary.Created | Should -Be 6
        $run.Errors.Count | Should -Be 3
        $run.Errors[0].Exception.Message | Should -BeLike "Row 7 (*'https://twitter.com/foo'*"
        $run.Errors[1].Exception.Message | Should -BeLike "Row 8 (*'https://www.linkedin.com/company/contoso'*"
        $run.Errors[2].Exception.Message | Should -BeLike "Row 9 (*'ada@example.test'*"
    }

    It 'finds the contacts of member-id and Sales Navigator rows again on the next run' {
        $id = New-Id
        $rows = @(
            [pscustomobject]@{ LinkedIn = "https://www.linkedin.com/in/ACoAAB$($id)member"; FirstName = 'Member' }
            [pscustomobject]@{ LinkedIn = "https://www.linkedin.com/sales/lead/ACwAAB$($id)salesnav,NAME_SEARCH,x"; FirstName = 'Sales' }
            [pscustomobject]@{ LinkedIn = "ACoAAB$($id)bareid"; FirstName = 'Bare' }
            [pscustomobject]@{ LinkedIn = "handle-$id"; FirstName = 'Handle' }
            [pscustomobject]@{ LinkedIn = 'https://twitter.com/nope'; FirstName = 'Bad' }
        )
        $first = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }
        $again = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $first -Rows $rows
        Assert-RunAgreesWithLog $again -Rows $rows
        "$($first.Summary)" | Should -BeLike '*5 rows: 4 created, 0 updated, 0 unchanged, 0 skipped, 1 failed*'
        "$($again.Summary)" | Should -BeLike '*5 rows: 0 created, 0 updated, 4 unchanged, 0 skipped, 1 failed*'
        $again.Upserts | Should -BeNullOrEmpty
    }

    It 'empties with -Clear only what the PUT schema lets be null, and names the rest before sending' {
        $lead = Get-GrinfiLead -Filter @{ position = 'is_not_null'; headline = 'is_not_null' } -First 1
        $run = Invoke-SetLeadRun $script:sb -Rows @($lead) -Parameters @{ Clear = 'ln_id', 'sn_id', 'linkedin', 'headline', 'position', 'raw_address' }
        $run.Errors | Should -BeNullOrEmpty
        $run.Puts.Count | Should -Be 1

        foreach ($field in 'first_name', 'last_name', 'company_name', 'email', 'about', 'domain', 'linkedin_id', 'Status', 'created_at') {
            Clear-SandboxRequest $script:sb
            { $lead | Set-GrinfiLead -Clear $field -InformationAction Ignore } | Should -Throw -ErrorId 'Grinfi*' -Because "-Clear $field"
            Get-SandboxRequest $script:sb | Where-Object method -NE 'GET' | Should -BeNullOrEmpty
        }
    }
}

Describe 'Seen before the rebuild' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
        $script:violations = Get-UnexpectedViolationCount $script:sb
    }
    AfterEach {
        Get-UnexpectedViolationCount $script:sb | Should -Be $script:violations -Because 'no request breaks the vendor''s schema'
    }

    It 'Get-GrinfiLead -List X -First 3 | Set-GrinfiLead -CustomField goes on after the first contact (<Reading> reading)' -ForEach @(
        @{ Reading = 'minimal' }, @{ Reading = 'generous' }
    ) {
        Set-SandboxOption $script:sb @{ reading = $Reading }
        $run = Invoke-SetLeadRun $script:sb -Command { Get-GrinfiLead -List 'Prospects' -First 3 | Set-GrinfiLead -CustomField @{ industry = 'SaaS' } }

        $run.Errors | Should -BeNullOrEmpty
        $run.Summary.Rows | Should -Be 3
        # Minimal: the values cannot be compared, so they are resent; generous: compared.
        $expected = if ($Reading -eq 'minimal') { 'Resent' } else { 'Updated' }
        $run.Summary.$expected | Should -Be 3
    }

    It 'the README example: -PipelineStage, -AddTag and -CustomField on piped contacts' {
        $leads = Get-GrinfiLead -List 'Prospects'
        $run = Invoke-SetLeadRun $script:sb -Command { Get-GrinfiLead -List 'Prospects' | Set-GrinfiLead -PipelineStage 'Interested' -AddTag 'Partner' -CustomField @{ source = 'trial' } }

        Assert-RunAgreesWithLog $run -Rows $leads
        $run.Summary.Updated | Should -Be $leads.Count
        ($run.Mass | Where-Object Type -EQ 'contact_change_custom_field').Ids | Sort-Object | Should -Be ($leads.Uuid | Sort-Object)
    }

    It 'a custom-field column on update is written, not dropped' {
        $m = New-MixedRows -MatchedCells @{ Industry = 'Robotics' }
        $rows = @($m.Rows[1], [pscustomobject]@{ Uuid = $m.Piped.Uuid; Industry = 'Robotics' }, $m.Rows[3])
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $set = @($run.Mass | Where-Object Type -EQ 'contact_change_custom_field')
        $set.Ids | Sort-Object | Should -Be (@($m.Piped.Uuid, $m.Matched.Uuid) | Sort-Object)
        $set.Payload.value | Should -Be 'Robotics'
        Get-UpsertFor $run $m.Matched.LinkedIn | Should -BeNullOrEmpty
    }

    It 'Get-GrinfiTag VIP | Set-GrinfiLead -List X does not take the tag''s UUID for a contact' {
        $tag = Get-GrinfiTag 'VIP'
        $run = Invoke-SetLeadRun $script:sb -Command { Get-GrinfiTag 'VIP' | Set-GrinfiLead -List 'Customers' }

        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotAContact,*'
        # Get-GrinfiTag's own reads (its contact count) name the tag; no write does.
        $writes = $run.Log | Where-Object { $_.method -ne 'GET' -and $_.path -notlike '*/search' -and $_.path -notlike '*/metrics' }
        ($writes | ForEach-Object { "$($_.path) $($_.body)" }) -join '' | Should -Not -Match $tag.Uuid
    }

    It 'a -ColumnMap key missing from the input is a warning' {
        $m = New-MixedRows
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects'; ColumnMap = @{ 'Deal Size' = 'deal_size' } }

        @($run.Warnings | Where-Object { $_ -like "*-ColumnMap names the column 'Deal Size'*" }).Count | Should -Be 1 -Because 'one warning, however many kinds of row'
    }
}

Describe 'Kept from the first suite' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
        $script:violations = Get-UnexpectedViolationCount $script:sb
    }
    AfterEach {
        Get-UnexpectedViolationCount $script:sb | Should -Be $script:violations -Because 'no request breaks the vendor''s schema'
    }

    It 'gives failed rows back as a file that re-runs as is, and nothing is lost or doubled' {
        Connect-TestSandbox $script:sb -Parameters @{ MaximumRetryCount = 0 }
        $known = New-KnownContact
        $rows = @(1..6 | ForEach-Object { [pscustomobject]@{ FirstName = "P$_"; LinkedIn = "person-$(New-Id)" } }) +
            @([pscustomobject]@{ FirstName = 'Known again'; LinkedIn = $known.LinkedIn }, [pscustomobject]@{ FirstName = 'Bad'; LinkedIn = 'https://twitter.com/p' })
        Add-SandboxFault $script:sb @(@{ path = $script:upsertPath; kind = 'status'; status = 500; count = 2 })

        $first = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; ThrottleLimit = 1 }
        $first.Errors.TargetObject | Export-Csv "$TestDrive/retry.csv"
        $retryRows = @(Import-Csv "$TestDrive/retry.csv")
        $second = Invoke-SetLeadRun $script:sb -Rows $retryRows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $first -Rows $rows -AllowFailedWrites
        $first.Errors.Count | Should -Be 3
        $first.Errors[0].Exception.Message | Should -BeLike "Row 1 (linkedin_id 'person-*'): *500*"
        Assert-RunAgreesWithLog $second -Rows $retryRows
        "$($second.Summary)" | Should -BeLike '*3 rows: 2 created, 0 updated, 0 unchanged, 0 skipped, 1 failed*'
        $made = @($second.After.Values | Where-Object { $_.first_name -like 'P?' })
        $made.Count | Should -Be 6
        @($made.linkedin | Sort-Object -Unique).Count | Should -Be 6
    }

    It 'loses nothing to 5xx and dropped connections, and creates no duplicates' {
        $m = New-MixedRows
        $rows = @($m.Rows) + @(1..30 | ForEach-Object { [pscustomobject]@{ LinkedIn = "faulty-$(New-Id)"; FirstName = "F$_" } })
        Set-SandboxOption $script:sb @{ faultRate = 0.15 }
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Newsletter'; Headline = 'Despite faults' }
        Set-SandboxOption $script:sb @{ faultRate = 0 }

        $run.Errors.Count | Should -Be 1 -Because 'only the bad row fails'
        @($run.Log | Where-Object fault).Count | Should -BeGreaterThan 0
        $run.Summary.Created | Should -Be 31
        $run.Created.Count | Should -Be 31 -Because 'a retried create made no second contact'
        @($run.After.Values | Where-Object { $_.first_name -match '^F\d+$' }).Count | Should -Be 30
        $run.After[$m.Piped.Uuid].headline | Should -Be 'Despite faults'
    }

    It 'needs a list: -List, or a ListUuid column' {
        $prospects = Get-GrinfiList 'Prospects'
        $known = New-KnownContact
        $rows = @(
            [pscustomobject]@{ LinkedIn = "with-column-$(New-Id)"; list_uuid = $prospects.Uuid }
            [pscustomobject]@{ LinkedIn = $known.LinkedIn; FirstName = 'Listless but known'; list_uuid = $prospects.Uuid }
            [pscustomobject]@{ LinkedIn = "without-$(New-Id)" }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{}

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Upserts.list_uuid | Sort-Object -Unique | Should -Be $prospects.Uuid
        $run.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiListRequired,*'
    }

    It 'lets explicit parameters win over values the rows carry' {
        $customers = Get-GrinfiList 'Customers'
        $m = New-MixedRows -NewCells @{ Company = 'From row'; list_uuid = (Get-GrinfiList 'Prospects').Uuid } -MatchedCells @{ Company = 'From row' }
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = $customers; CompanyName = 'From parameter' }

        Assert-RunAgreesWithLog $run -Rows $m.Rows
        $run.Upserts | ForEach-Object { $_.lead.company_name | Should -Be 'From parameter' }
        (Get-UpsertFor $run $m.New['LinkedIn URL']).list_uuid | Should -Be $customers.Uuid
        $run.Puts[0].Text | Should -Be '{"company_name":"From parameter"}'
    }

    It 'never overwrites existing data with an empty cell' {
        $m = New-MixedRows -MatchedCells @{ Company = ''; Title = '  '; FirstName = 'Renamed' }
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $m.Rows
        (Get-UpsertFor $run $m.Matched.LinkedIn).lead.PSObject.Properties.Name | Sort-Object | Should -Be @('first_name', 'linkedin_id')
        $run.After[$m.Matched.Uuid].company_name | Should -Be $m.Matched.CompanyName
        $run.After[$m.Matched.Uuid].position | Should -Be $m.Matched.Position
        $run.After[$m.Matched.Uuid].first_name | Should -Be 'Renamed'
    }

    It 'checks -ColumnMap and -CustomField names before any request' {
        $m = New-MixedRows
        $map = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects'; ColumnMap = @{ 'Size' = 'deal_sise' }; PipelineStage = 'Replied' }
        $field = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects'; CustomField = @{ industy = 'SaaS' } }

        $map.Errors.Count | Should -Be 1
        $map.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiInvalidColumnMap,*'
        $map.Errors[0].Exception.Message | Should -BeLike '*deal_size*'
        $field.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiCustomFieldNotFound,*'
        $field.Errors[0].Exception.Message | Should -BeLike '*industry*'
        $map.Log + $field.Log | Where-Object method -NE 'GET' | Should -BeNullOrEmpty
    }

    It 'lets -ColumnMap send a known header elsewhere instead of to its usual field' {
        $m = New-MixedRows -NewCells @{ Title = 'Fintech' } -MatchedCells @{ Title = 'Insurtech' }
        $run = Invoke-SetLeadRun $script:sb -Rows $m.Rows -Parameters @{ List = 'Prospects'; ColumnMap = @{ Title = 'industry' } }

        Assert-RunAgreesWithLog $run -Rows $m.Rows
        $run.Upserts | ForEach-Object { $_.lead.PSObject.Properties.Name | Should -Not -Contain 'position' }
        (Get-UpsertFor $run $m.New['LinkedIn URL']).custom_fields.industry | Should -Be 'Fintech'
        ($run.Mass | Where-Object Type -EQ 'contact_change_custom_field' | Where-Object { $_.Ids -contains $m.Matched.Uuid }).Payload.value | Should -Be 'Insurtech'
    }

    It 'keeps several writes in flight, up to -ThrottleLimit, and writes results in input order' {
        Set-SandboxOption $script:sb @{ latencyMs = 150 }
        # The first row's answer comes last of all; its result must still come first.
        Add-SandboxFault $script:sb @{ path = $script:upsertPath; kind = 'delay'; delayMs = 1500 }
        $m = New-MixedRows
        $rows = @(1..10 | ForEach-Object { [pscustomobject]@{ LinkedIn = "ordered-$(New-Id)"; FirstName = "O$_" } }) + @($m.Rows)
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; ThrottleLimit = 4; Position = 'Ordered'; PassThru = $true }
        Set-SandboxOption $script:sb @{ latencyMs = 0 }

        Assert-RunAgreesWithLog $run -Rows $rows
        ($run.Output | Select-Object -First 10).FirstName | Should -Be @($rows | Select-Object -First 10).FirstName
        $writes = @($run.Log | Where-Object { $_.path -eq $script:upsertPath -or ($_.method -eq 'PUT' -and $_.path -ne $script:massPath) } | ForEach-Object {
                [pscustomobject]@{ Start = [datetimeoffset]$_.time; End = ([datetimeoffset]$_.time).AddMilliseconds($_.durationMs) }
            })
        $overlap = ($writes | ForEach-Object { $s = $_.Start; @($writes | Where-Object { $_.Start -le $s -and $_.End -gt $s }).Count } | Measure-Object -Maximum).Maximum
        $overlap | Should -BeGreaterThan 1
        $overlap | Should -BeLessOrEqual 4
    }

    It 'compares custom fields where the API returns them, and sends nothing for a value the contact holds' {
        Set-SandboxOption $script:sb @{ reading = 'generous' }
        $m = New-MixedRows
        $null = $m.Piped | Set-GrinfiLead -CustomField @{ industry = 'Held' } -InformationAction Ignore
        $piped = Get-GrinfiLead -Uuid $m.Piped.Uuid
        $rows = @($m.Rows[0], $m.Rows[1], $piped, $m.Rows[3])
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; CustomField = @{ industry = 'Held' } }

        Assert-RunAgreesWithLog $run -Rows $rows
        "$($run.Summary)" | Should -BeLike '*4 rows: 1 created, 1 updated, 1 unchanged, 0 skipped, 1 failed*'
        $run.Mass.Ids | Should -Be $m.Matched.Uuid -Because 'the piped contact holds the value; the matched one does not'
    }
}

Describe 'Round trip through a CSV file' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 60
        Connect-TestSandbox $script:sb
        $script:violations = Get-UnexpectedViolationCount $script:sb
    }
    AfterEach {
        Get-UnexpectedViolationCount $script:sb | Should -Be $script:violations -Because 'no request breaks the vendor''s schema'
    }

    It 'sends nothing for rows nobody touched, and exactly the edited cells for the others' {
        $path = "$TestDrive/a.csv"
        $before = Get-GrinfiLead -List 'Webinar Q4'
        $before | Export-Csv $path
        $rows = @(Import-Csv $path) + @([pscustomobject]@{ LinkedIn = 'round-trip-new'; FirstName = 'Added' }, [pscustomobject]@{ Uuid = 'garbage' })
        $rows[0].Position = 'Edited in Excel'
        $rows[1].Headline = ''

        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Webinar Q4' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Summary.Created | Should -Be 1
        $run.Summary.Updated | Should -Be 1
        $run.Summary.Unchanged | Should -Be ($before.Count - 1)
        $run.Puts.Count | Should -Be 1
        $run.Puts[0].Text | Should -Be '{"position":"Edited in Excel"}'
        $run.Warnings | Should -BeNullOrEmpty -Because 'the read-only columns hold the exported values'
    }

    It 'moves the contacts of one list to another and writes no junk into any field' {
        $before = Get-GrinfiLead -List 'Webinar Q4'
        $path = "$TestDrive/a.csv"
        $before | Export-Csv $path
        $rows = @(Import-Csv $path)

        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Customers' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Summary.Updated | Should -Be $before.Count
        (Measure-GrinfiLead -List 'Webinar Q4').Count | Should -Be 0
        foreach ($lead in $before) {
            $old = $run.Before[$lead.Uuid]
            $new = $run.After[$lead.Uuid]
            $new.list_uuid | Should -Be (Get-GrinfiList 'Customers').Uuid
            foreach ($key in $old.PSObject.Properties.Name | Where-Object { $_ -notin 'list_uuid', 'updated_at' }) {
                ($new.$key | ConvertTo-Json -Compress -Depth 5) | Should -Be ($old.$key | ConvertTo-Json -Compress -Depth 5) -Because "field $key of $($lead.Name)"
            }
        }
    }

    It 'leaves a value a tool mangled alone, with a warning: <Case>' -ForEach @(
        @{ Case = 'é become ? (Windows PowerShell 5.1 ASCII Export-Csv)'; Edit = { param($row) $row.LastName = 'M?ller' }; Column = 'LastName'; Field = 'last_name' }
        @{ Case = 'a date Excel reformatted'; Edit = { param($row) $row.CreatedAt = ([datetime]$row.CreatedAt).ToString('g') }; Column = 'CreatedAt'; Field = 'created_at' }
        @{ Case = 'a list name with é become ?'; Edit = { param($row) $row.ListName = 'Caf? list' }; Column = 'ListName'; Field = 'list_uuid' }
    ) {
        $cafe = New-GrinfiList 'Café list'
        # Seconds that a reformatting drops: one on the minute would survive it, and rightly not be warned.
        $known = New-KnownContact -Fields @{ last_name = 'Müller' } -ListName 'Café list' -CreatedAt '2026-03-14T09:26:53.000000Z'
        $others = Get-GrinfiLead -List 'Newsletter'
        @(Get-GrinfiLead -Uuid $known.Uuid) + @($others) | Export-Csv "$TestDrive/mangled.csv"
        $rows = @(Import-Csv "$TestDrive/mangled.csv") + [pscustomobject]@{ LinkedIn = 'https://twitter.com/mangled' }
        & $Edit $rows[0]
        $rows[1].Position = 'Really edited'

        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{}

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Puts.Uuid | Should -Be $others[0].Uuid
        $run.Summary.Updated | Should -Be 1
        $warning = @($run.Warnings | Where-Object { $_ -like "*'$Column'*" -or $_ -like "*'$Field'*" })
        $warning.Count | Should -Be 1
        $warning[0] | Should -Match 'left alone|not taken for edits'
        $run.After[$known.Uuid].last_name | Should -Be 'Müller'
        $null = $cafe
    }
}
