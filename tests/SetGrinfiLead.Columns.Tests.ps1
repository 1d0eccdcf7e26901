<#
    Set-GrinfiLead's columns end to end: the exports people have (tests/fixtures/exports, one per
    tool, with the mapping each must give in expected-mapping.csv) piped from Import-Csv, every
    header written or named in a warning; the headers seen dropped before the rebuild; read-only
    columns; delimiters, byte order marks and blanks; and Import-GrinfiLead reading the same mapping.
#>
BeforeDiscovery {
    $folder = Join-Path $PSScriptRoot 'fixtures/exports'
    $script:tools = @(Import-Csv (Join-Path $folder 'expected-mapping.csv') | Select-Object -ExpandProperty tool -Unique | ForEach-Object { @{ Tool = $_ } })
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module "$PSScriptRoot/SetGrinfiLead.TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 40
    $script:folder = Join-Path $PSScriptRoot 'fixtures/exports'
    $script:expected = Import-Csv (Join-Path $script:folder 'expected-mapping.csv')
    $script:customFields = 'industry', 'deal_size', 'source'

    function Get-Normalised([string] $Name) { ($Name -replace '[\s_\-.\uFEFF]', '').ToLowerInvariant() }

    function Get-JsonString($Value) {
        <# Every string value in a parsed JSON body. #>
        if ($null -eq $Value) { return }
        if ($Value -is [string]) { return $Value }
        if ($Value -is [Collections.IEnumerable]) { foreach ($v in $Value) { Get-JsonString $v }; return }
        foreach ($p in $Value.PSObject.Properties) { Get-JsonString $p.Value }
    }

    function Get-ProfileKey([string] $Value) {
        <# What a fixture's LinkedIn cell names, as an existing contact would hold it. #>
        if ($Value -match '/sales/(?:lead|people)/(AC[ow]AA[^,/?#]+)') { return @{ sn_id = $Matches[1] } }
        if ($Value -match '/in/([^/?#]+)') { return @{ linkedin = 'https://www.linkedin.com/in/' + [uri]::UnescapeDataString($Matches[1]).ToLowerInvariant() } }
        throw "No profile in '$Value'."
    }

    function Get-FixtureRun([string] $Tool) {
        <#
            The fixture's rows made into the three kinds: the second row names a contact that
            exists, a last row is bad (no LinkedIn profile, or another site's), the rest are new.
            A tool whose export has no LinkedIn column gets one added to all rows but the last.
        #>
        $path = Join-Path $script:folder "$Tool.csv"
        $delimiter = if ((Get-Content $path -First 1) -match '";"') { ';' } else { ',' }
        $rows = @(Import-Csv $path -Delimiter $delimiter)
        $mapping = @($script:expected | Where-Object tool -EQ $Tool)
        $linkedIn = ($mapping | Where-Object { $_.meaning -eq 'field' -and $_.target -eq 'linkedin_id' } | Select-Object -First 1).header
        if (-not $linkedIn) {
            $linkedIn = 'LinkedIn Profile'
            $i = 0
            $rows = @($rows | ForEach-Object {
                    $i++
                    $value = if ($i -lt $rows.Count) { "https://www.linkedin.com/in/$Tool-person-$i" } else { '' }
                    $_ | Add-Member -NotePropertyName $linkedIn -NotePropertyValue $value -PassThru
                })
        }
        else {
            $bad = $rows[-1] | Select-Object *
            $bad.$linkedIn = "https://twitter.com/$Tool"
            $rows += $bad
        }
        $known = Get-ProfileKey $rows[1].$linkedIn
        $known.first_name = 'Before'
        $existing = New-TestContact $script:sb -Fields $known -ListName 'Newsletter'
        [pscustomobject]@{ Rows = $rows; LinkedIn = $linkedIn; Mapping = $mapping; Existing = @($existing)[0]; Delimiter = $delimiter; Path = $path }
    }

    function Get-NotWrittenColumn([string] $Warning) {
        <# The columns the not-written warning lists (the names before each line's note). #>
        foreach ($line in $Warning -split "`r?`n") {
            $names = if ($line -match "^Column ('(?:[^']|'')*') is not written:") { $Matches[1] }
            elseif ($line -match "^\s+((?:'(?:[^']|'')*'(?:, )?)+): ") { $Matches[1] }
            foreach ($m in [regex]::Matches("$names", "'((?:[^']|'')*)'")) { $m.Groups[1].Value -replace "''", "'" }
        }
    }

    function Get-Meaning([object] $Entry) {
        <# The expected meaning, where a team custom field of the same name takes an unmapped column. #>
        if ($Entry.meaning -eq 'unmapped' -and (Get-Normalised $Entry.header) -in $script:customFields) { return 'custom' }
        $Entry.meaning
    }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'The exports people have' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
        $script:violations = Get-UnexpectedViolationCount $script:sb
    }
    AfterEach {
        Get-UnexpectedViolationCount $script:sb | Should -Be $script:violations -Because 'no request breaks the vendor''s schema'
    }

    It '<Tool>: every header is written as expected-mapping.csv says, or named in a warning' -ForEach $script:tools {
        $f = Get-FixtureRun $Tool
        $run = Invoke-SetLeadRun $script:sb -Rows $f.Rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $f.Rows
        $run.Summary.Failed | Should -Be 1 -Because 'the bad row fails'
        $run.Errors[0].Exception.Message | Should -BeLike "Row $($f.Rows.Count) (*"
        $run.Summary.Created | Should -Be ($f.Rows.Count - 2)
        $run.Summary.Updated | Should -Be 1 -Because 'the second row names a contact that exists'
        $run.Touched | Should -Be $f.Existing

        # One warning names every column that is not written.
        $notWritten = @($run.Warnings | Where-Object { $_ -match 'columns are not written|is not written:' })
        $notWritten.Count | Should -Be 1
        $listed = @(Get-NotWrittenColumn $notWritten[0])
        $headers = @($f.Rows[0].PSObject.Properties.Name)
        foreach ($header in $headers) {
            $entry = $f.Mapping | Where-Object header -EQ $header
            if ($header -eq $f.LinkedIn -and -not $entry) { continue }
            $entry | Should -Not -BeNullOrEmpty -Because "expected-mapping.csv has every header of $Tool ($header)"
            $quoted = "'" + ($header -replace "'", "''") + "'"
            switch (Get-Meaning $entry) {
                { $_ -in 'unwritable', 'unmapped' } { $listed | Should -Contain $header -Because "'$header' is not written and must be named" }
                'duplicate' { ($run.Warnings | Where-Object { $_.Contains("$quoted") -and $_.Contains("mean $($entry.target)") }) | Should -Not -BeNullOrEmpty -Because "'$header' means $($entry.target) again" }
                { $_ -in 'field', 'custom', 'readonly', 'identity' } { $listed | Should -Not -Contain $header }
            }
        }

        # What is written arrives in the upserts of the new rows, cell for cell.
        $newRows = @($f.Rows[0]) + @($f.Rows | Select-Object -Skip 2 | Select-Object -SkipLast 1)
        foreach ($row in $newRows) {
            $body = @($run.Upserts | Where-Object { $_.lead.linkedin_id -eq $row.($f.LinkedIn).Trim() })
            $body.Count | Should -Be 1 -Because "the row of $($row.($f.LinkedIn)) is upserted once"
            foreach ($entry in $f.Mapping | Where-Object { (Get-Meaning $_) -in 'field', 'custom' }) {
                $cell = "$($row.($entry.header))".Trim()
                if (-not $cell) {
                    if ($entry.meaning -eq 'field' -and $entry.target -ne 'linkedin_id') { $body[0].lead.PSObject.Properties.Name | Should -Not -Contain $entry.target -Because 'an empty cell is not sent' }
                    continue
                }
                if ((Get-Meaning $entry) -eq 'custom') {
                    $body[0].custom_fields.(Get-Normalised $entry.header) | Should -BeExactly $cell
                }
                elseif ($entry.value -eq 'websitehost') {
                    $cell.ToLowerInvariant() | Should -BeLike "*$($body[0].lead.domain)*" -Because "domain is the host of '$cell'"
                    $body[0].lead.domain | Should -Not -Match '[/:]|^www\.'
                }
                else {
                    $body[0].lead.($entry.target) | Should -BeExactly $cell -Because "'$($entry.header)' writes $($entry.target)"
                }
            }
        }

        # A cell that is not written is never sent, under any field (unless a written cell of
        # the row holds it: the Sales Navigator id in a profile URL is sent as sn_id).
        foreach ($row in $f.Rows) {
            $sent = @($run.Upserts | Where-Object { $_.lead.linkedin_id -eq "$($row.($f.LinkedIn))".Trim() } | ForEach-Object { Get-JsonString $_ })
            $written = @($f.Mapping | Where-Object { (Get-Meaning $_) -in 'field', 'custom' } | ForEach-Object { "$($row.($_.header))".Trim() })
            foreach ($entry in $f.Mapping | Where-Object { (Get-Meaning $_) -in 'unwritable', 'unmapped', 'duplicate' }) {
                $cell = "$($row.($entry.header))".Trim()
                if ($cell -and -not ($written | Where-Object { $_.Contains($cell) })) { $sent | Should -Not -Contain $cell -Because "'$($entry.header)' is not written" }
            }
        }
    }

    It '<Tool>: Import-GrinfiLead maps the file as Set-GrinfiLead reads it' -ForEach $script:tools {
        $f = Get-FixtureRun $Tool
        $csv = Join-Path $TestDrive "$Tool.csv"
        $added = @()
        if ($f.Mapping | Where-Object { $_.meaning -eq 'field' -and $_.target -eq 'linkedin_id' }) {
            Copy-Item $f.Path $csv
        }
        else {
            # The API needs a LinkedIn column: the rows with the one Get-FixtureRun added.
            $f.Rows | Export-Csv $csv -Delimiter $f.Delimiter -Encoding utf8
            $added = @('{0} -> linkedin_id' -f $f.LinkedIn)
        }

        Import-GrinfiLead $csv -List 'Prospects' -WarningAction SilentlyContinue -ErrorAction SilentlyContinue -InformationAction Ignore | Out-Null

        $start = Get-SandboxRequest $script:sb -Path '/leads/api/file-imports/*/import-leads' -Method POST | Select-Object -Last 1
        $start | Should -Not -BeNullOrEmpty
        $columns = @(($start.body | ConvertFrom-Json).columns)
        $expected = @($f.Mapping | Where-Object { (Get-Meaning $_) -in 'field', 'custom' } | ForEach-Object {
                $target = if ((Get-Meaning $_) -eq 'custom') { 'custom_fields.' + (Get-Normalised $_.header) } else { $_.target }
                '{0} -> {1}' -f $_.header, $target
            }) + $added
        @($columns | ForEach-Object { '{0} -> {1}' -f ($_.source -replace '^\uFEFF'), $_.target }) | Should -Be $expected
    }

    It 'refuses the semicolon export read without -Delimiter, saying so, and sends nothing' {
        $rows = @(Import-Csv (Join-Path $script:folder 'outlook-contacts.csv'))
        $rows.Count | Should -BeGreaterOrEqual 3
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        $run.Errors.Count | Should -Be $rows.Count
        $run.Errors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'GrinfiWrongDelimiter,*' }
        $run.Errors[0].ErrorDetails.RecommendedAction | Should -BeLike '*-Delimiter ";"*'
        $run.Log | Where-Object method -NE 'GET' | Should -BeNullOrEmpty
    }
}

Describe 'Headers dropped before the rebuild' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
        $script:violations = Get-UnexpectedViolationCount $script:sb
    }
    AfterEach {
        Get-UnexpectedViolationCount $script:sb | Should -Be $script:violations -Because 'no request breaks the vendor''s schema'
    }

    It '<Header> writes <Field>' -ForEach @(
        @{ Header = 'E-mail'; Field = 'email'; Value = 'e.mail@example.test' }
        @{ Header = 'Email Address'; Field = 'email'; Value = 'email.address@example.test' }
        @{ Header = 'E-mail Address'; Field = 'email'; Value = 'e-mail.address@example.test' }
        @{ Header = 'Company Name'; Field = 'company_name'; Value = 'Société Générale' }
        @{ Header = 'Job Title'; Field = 'position'; Value = 'Directrice' }
        @{ Header = 'LinkedIn Profile'; Field = 'linkedin_id'; Value = 'https://www.linkedin.com/in/profile-header' }
        @{ Header = 'Person Linkedin Url'; Field = 'linkedin_id'; Value = 'http://www.linkedin.com/in/person-url' }
        @{ Header = 'Website'; Field = 'domain'; Value = 'https://www.Example-Site.com/about'; Sent = 'example-site.com' }
    ) {
        $existing = Get-GrinfiLead -Filter @{ linkedin = 'is_not_null' } -First 1
        $profile = if ($Field -eq 'linkedin_id') { $null } else { "https://www.linkedin.com/in/header-$($Header -replace '\W')" }
        $rows = @(
            [pscustomobject]@{ Profile = $profile; $Header = $Value; 'Phone Number' = '+44 20 7946 0000' }
            # An email is an identifier: the existing contact gets another, or the rows would be one person.
            [pscustomobject]@{ Profile = $existing.LinkedIn; $Header = $(switch ($Field) { 'linkedin_id' { $existing.LinkedIn } 'email' { "existing.$Value" } default { $Value } }); 'Phone Number' = '' }
            [pscustomobject]@{ Profile = 'https://twitter.com/header'; $Header = $(if ($Field -eq 'linkedin_id') { 'https://twitter.com/header' } else { $Value }); 'Phone Number' = '' }
        )
        $map = if ($Field -eq 'linkedin_id') { @{ Profile = $null } } else { @{ Profile = 'linkedin_id' } }
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects'; ColumnMap = $map }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Summary.Created | Should -Be 1
        $run.Summary.Failed | Should -Be 1
        $new = $run.Upserts | Where-Object { $_.lead.linkedin_id -ne $existing.LinkedIn }
        $new.lead.$Field | Should -BeExactly ($Sent ?? $Value)
        ($run.Warnings -join "`n") | Should -BeLike "*'Phone Number'*a phone number*"
        ($run.Upserts | ConvertTo-Json -Depth 5) | Should -Not -Match '7946'
    }

    It 'warns when two columns mean one field, and writes the first' {
        $existing = Get-GrinfiLead -Filter @{ linkedin = 'is_not_null' } -First 1
        $rows = @(
            [pscustomobject]@{ LinkedIn = 'two-columns-new'; 'E-mail' = 'first@example.test'; 'Email Address' = 'second@example.test' }
            [pscustomobject]@{ LinkedIn = $existing.LinkedIn; 'E-mail' = 'first.existing@example.test'; 'Email Address' = 'second.existing@example.test' }
            [pscustomobject]@{ LinkedIn = 'not a profile'; 'E-mail' = 'x@example.test'; 'Email Address' = 'y@example.test' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Upserts.lead.email | Sort-Object | Should -Be @('first.existing@example.test', 'first@example.test')
        $collision = @($run.Warnings | Where-Object { $_ -like "*'E-mail'*'Email Address'*" })
        $collision.Count | Should -Be 1
        $collision[0] | Should -BeLike "*the first, 'E-mail', is written*"
    }

    It 'lets a custom field of the team take a column the API has no field for' {
        New-GrinfiCustomField -Name 'Phone' | Out-Null
        $existing = Get-GrinfiLead -Filter @{ linkedin = 'is_not_null' } -First 1
        $rows = @(
            [pscustomobject]@{ LinkedIn = 'phone-new'; Phone = '+49 30 1234567'; Mobile = '+49 170 1234567' }
            [pscustomobject]@{ LinkedIn = $existing.LinkedIn; Phone = '+49 30 7654321'; Mobile = '' }
            [pscustomobject]@{ LinkedIn = 'https://www.linkedin.com/jobs/view/1'; Phone = '1'; Mobile = '2' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        ($run.Upserts | Where-Object { $_.lead.linkedin_id -eq 'phone-new' }).custom_fields.Phone | Should -Be '+49 30 1234567'
        ($run.Warnings -join "`n") | Should -BeLike "*'Mobile'*phone number*"
        ($run.Warnings -join "`n") | Should -Not -BeLike "*'Phone'*"
    }

    It 'reads a header with a byte order mark left on it as the header' {
        $existing = Get-GrinfiLead -Filter @{ linkedin = 'is_not_null' } -First 1
        $bom = [char]0xFEFF
        $rows = @(
            [pscustomobject]@{ "${bom}First Name" = 'Bommy'; LinkedIn = 'bom-new' }
            [pscustomobject]@{ "${bom}First Name" = 'Bommier'; LinkedIn = $existing.LinkedIn }
            [pscustomobject]@{ "${bom}First Name" = 'Bad'; LinkedIn = '' }
        )
        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Prospects' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Upserts.lead.first_name | Sort-Object | Should -Be @('Bommier', 'Bommy')
        $run.Warnings | Should -BeNullOrEmpty
    }
}

Describe 'Read-only columns' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
    }

    It 'are quiet while unchanged, and warned with the row count and the parameter to use when edited' {
        $leads = Get-GrinfiLead -List 'Webinar Q4'
        $leads.Count | Should -BeGreaterOrEqual 3
        $leads | Export-Csv "$TestDrive/ro.csv"
        $rows = @(Import-Csv "$TestDrive/ro.csv") + [pscustomobject]@{ LinkedIn = 'read-only-new'; ListName = 'Anything'; Status = 'whatever' }
        $rows[0].ListName = 'Customers'
        $rows[1].ListName = 'Newsletter'
        $rows[1].TagNames = 'Follow-up; Do not contact; VIP'
        $rows[2].Status = 'not-a-status'
        $rows[2].Position = 'Really changed'

        $run = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters @{ List = 'Webinar Q4' }

        Assert-RunAgreesWithLog $run -Rows $rows
        $run.Summary.Updated | Should -Be 1 -Because 'only the position is an edit the API takes'
        $run.Summary.Created | Should -Be 1
        $run.Mass | Should -BeNullOrEmpty -Because 'a read-only column never becomes a list move or a tag'
        ($run.Warnings | Where-Object { $_ -like "*'ListName'*" }) | Should -BeLike '*2 rows*-List*'
        ($run.Warnings | Where-Object { $_ -like "*'TagNames'*" }) | Should -BeLike '*1 row*-AddTag and -RemoveTag*'
        ($run.Warnings | Where-Object { $_ -like "*'Status'*" }) | Should -BeLike '*1 row*'
        $run.Warnings.Count | Should -Be 3
    }
}
