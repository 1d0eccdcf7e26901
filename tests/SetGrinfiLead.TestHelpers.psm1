<#
    Helpers of the Set-GrinfiLead test files: run the cmdlet with every stream captured, read
    what the sandbox saw (its request log, and the team before and after), and check that what
    the cmdlet reported equals what was written.
    Import after TestHelpers.psm1: Import-Module "$PSScriptRoot/SetGrinfiLead.TestHelpers.psm1" -Force
#>

Import-Module (Join-Path $PSScriptRoot TestHelpers.psm1)

$script:upsert = '/leads/api/leads/upsert'
$script:mass = '/leads/api/leads/mass-action'

function Get-TeamSnapshot {
    <#
        Every contact of team 1, uuid -> the lead as the API answers it (updated_at tells what a
        run changed). Read through the API directly, not through the module under test.
    #>
    param([Parameter(Mandatory)] $Sandbox)
    $all = @{}
    $offset = 0
    # Bounded: a team of the sizes these tests use fits in a few pages.
    for ($page = 0; $page -lt 50; $page++) {
        $answer = Invoke-SandboxApi $Sandbox -Path /leads/api/leads/search -Method POST -Body @{ limit = 1000; offset = $offset; order_field = 'uuid'; order_type = 'asc' }
        foreach ($lead in $answer.data) { $all[$lead.uuid] = $lead }
        if (@($answer.data).Count -lt 1000) { return $all }
        $offset += 1000
    }
    throw 'The team did not end within 50 pages.'
}

function New-TestContact {
    <#
        Inserts contacts with known values straight into the sandbox (no API request) and
        returns their uuids. -Fields as POST /_sandbox/contacts takes them (first_name,
        linkedin, work_email, ...); -CreatedAt an ISO time they all get.
    #>
    param(
        [Parameter(Mandatory)] $Sandbox,
        [int] $Count = 1,
        [hashtable] $Fields = @{},
        [string] $ListName,
        [string[]] $Tags,
        [string] $PipelineStageUuid,
        [string] $CreatedAt
    )
    $body = @{ count = $Count; fields = $Fields }
    if ($CreatedAt) { $body.createdAt = $CreatedAt }
    if ($ListName) { $body.listName = $ListName }
    if ($PSBoundParameters.ContainsKey('Tags')) { $body.tags = @($Tags) }
    if ($PipelineStageUuid) { $body.pipelineStageUuid = $PipelineStageUuid }
    @((Invoke-SandboxControl $Sandbox contacts -Method POST -Body $body).uuids)
}

function Invoke-SetLeadRun {
    <#
        Runs Set-GrinfiLead (or -Command, a script block that does) with every stream captured
        and returns what the cmdlet reported beside what the sandbox saw:
        Output, Errors, Warnings (text), Information, Verbose (text), Summary ($GrinfiLastRun),
        Log (the API requests of the run), Upserts (bodies), Puts (uuid, body), Mass (type,
        ids, payload), Before and After (the team), Created (uuids made), Touched (uuids of
        contacts that existed and whose updated_at changed).
    #>
    param(
        [Parameter(Mandatory)] $Sandbox,
        [object[]] $Rows,
        [hashtable] $Parameters = @{},
        [scriptblock] $Command
    )
    $before = Get-TeamSnapshot $Sandbox
    Clear-SandboxRequest $Sandbox
    $global:GrinfiLastRun = $null
    $ErrorActionPreference = 'Continue'
    $captured = [Collections.Generic.List[object]]::new()
    try {
        if ($Command) {
            & $Command *>&1 | ForEach-Object { $captured.Add($_) }
        }
        elseif ($PSBoundParameters.ContainsKey('Rows')) {
            $Rows | Set-GrinfiLead @Parameters *>&1 | ForEach-Object { $captured.Add($_) }
        }
        else {
            Set-GrinfiLead @Parameters *>&1 | ForEach-Object { $captured.Add($_) }
        }
    }
    catch {
        # An error about the whole call (a bad parameter): it ends the command.
        $captured.Add($_)
    }
    $log = @(Get-SandboxRequest $Sandbox)
    $after = Get-TeamSnapshot $Sandbox

    $body = { param($r) if ($r.body) { $r.body | ConvertFrom-Json -DateKind String } }
    $upserts = @($log | Where-Object { $_.method -eq 'POST' -and $_.path -eq $script:upsert } | ForEach-Object { & $body $_ })
    $puts = @($log | Where-Object { $_.method -eq 'PUT' -and $_.path -like '/leads/api/leads/*' -and $_.path -ne $script:mass } |
            ForEach-Object { [pscustomobject]@{ Uuid = ($_.path -split '/')[-1]; Body = (& $body $_); Text = $_.body } })
    $mass = @($log | Where-Object { $_.method -eq 'PUT' -and $_.path -eq $script:mass } | ForEach-Object {
            $b = & $body $_
            [pscustomobject]@{ Type = $b.type; Ids = @($b.filter.ids); Payload = $b.payload }
        })
    [pscustomobject]@{
        Output      = @($captured | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] -and $_ -isnot [Management.Automation.WarningRecord] -and $_ -isnot [Management.Automation.InformationRecord] -and $_ -isnot [Management.Automation.VerboseRecord] -and $_ -isnot [Management.Automation.DebugRecord] })
        Errors      = @($captured | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        Warnings    = @($captured | Where-Object { $_ -is [Management.Automation.WarningRecord] } | ForEach-Object Message)
        Information = @($captured | Where-Object { $_ -is [Management.Automation.InformationRecord] } | ForEach-Object { "$($_.MessageData)" })
        Verbose     = @($captured | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message)
        Summary     = $global:GrinfiLastRun
        Log         = $log
        Upserts     = $upserts
        Puts        = $puts
        Mass        = $mass
        Before      = $before
        After       = $after
        Created     = @($after.Keys | Where-Object { -not $before.ContainsKey($_) })
        Touched     = @($after.Keys | Where-Object { $before.ContainsKey($_) -and $before[$_].updated_at -ne $after[$_].updated_at })
    }
}

function Assert-RunAgreesWithLog {
    <#
        What the cmdlet reported equals what the sandbox saw: every row has one outcome; the
        failed rows are the errors, each with its input row as TargetObject; Created is the
        contacts the team gained; Updated and Resent (only custom fields sent, which the API
        does not return) are the existing contacts written to (by PUT, mass action, or an
        upsert that changed them); nothing else was written; every write
        succeeded. -Rows: the input rows, in order.
    #>
    param(
        [Parameter(Mandatory)] $Run,
        [Parameter(Mandatory)] [object[]] $Rows,
        [switch] $AllowFailedWrites
    )
    $s = $Run.Summary
    $s | Should -Not -BeNullOrEmpty -Because 'the run keeps its summary in $GrinfiLastRun'
    $s.Stopped | Should -BeFalse
    $s.Rows | Should -Be $Rows.Count -Because 'every piped row is counted'
    ($s.Created + $s.Updated + $s.Resent + $s.Unchanged + $s.Skipped + $s.Failed) | Should -Be $s.Rows -Because 'every row ends with one outcome'
    $s.Unknown | Should -Be 0

    $s.Failed | Should -Be $Run.Errors.Count -Because "each failed row is one error ($(@($Run.Errors | ForEach-Object { $_.Exception.Message }) -join ' | '))"
    # Rows by reference (a hashtable row may come back as the PSObject that wrapped it).
    $index = [Collections.Generic.Dictionary[object, int]]::new([Collections.Generic.ReferenceEqualityComparer]::Instance)
    for ($i = 0; $i -lt $Rows.Count; $i++) {
        $index[$Rows[$i]] = $i
        $base = $Rows[$i].psobject.BaseObject
        if ($null -ne $base -and -not $index.ContainsKey($base)) { $index[$base] = $i }
    }
    foreach ($e in $Run.Errors) {
        $target = $e.TargetObject
        $at = -1
        if ($null -ne $target -and -not $index.TryGetValue($target, [ref] $at) -and -not $index.TryGetValue($target.psobject.BaseObject, [ref] $at)) { $at = -1 }
        $at | Should -BeGreaterOrEqual 0 -Because "the error '$($e.Exception.Message)' has its input row as TargetObject"
        $e.Exception.Message | Should -BeLike "Row $($at + 1) (*" -Because 'a row error starts with its row number'
    }

    if (-not $AllowFailedWrites) {
        $failedWrites = @($Run.Log | Where-Object { $_.method -ne 'GET' -and $_.path -notlike '*/search' -and $_.status -ge 300 })
        $failedWrites | ForEach-Object { "$($_.method) $($_.path) $($_.status) $($_.body)" } | Should -BeNullOrEmpty -Because 'no write the cmdlet sends fails at the server'
    }

    $s.Created | Should -Be $Run.Created.Count -Because 'Created is the contacts the team gained'
    $created = [Collections.Generic.HashSet[string]]::new([string[]]@($Run.Created), [StringComparer]::OrdinalIgnoreCase)
    $written = [Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
    foreach ($p in $Run.Puts) { $null = $written.Add($p.Uuid) }
    foreach ($m in $Run.Mass) { foreach ($id in $m.Ids) { $null = $written.Add($id) } }
    $existingWritten = @($written | Where-Object { -not $created.Contains($_) })
    foreach ($id in $existingWritten) {
        $Run.Before.ContainsKey($id) | Should -BeTrue -Because "a write names contact $id, which must exist"
    }
    $upsertsOnExisting = $Run.Upserts.Count - $Run.Created.Count
    $upsertsOnExisting | Should -BeGreaterOrEqual 0 -Because 'each contact made took one upsert'
    $touchedOnlyByUpsert = @($Run.Touched | Where-Object { -not $written.Contains($_) })
    $touchedOnlyByUpsert.Count | Should -BeLessOrEqual $upsertsOnExisting -Because 'a contact changed without a PUT or mass action was changed by an upsert'
    $expectedUpdated = $existingWritten.Count + $touchedOnlyByUpsert.Count
    ($s.Updated + $s.Resent) | Should -Be $expectedUpdated -Because "Updated and Resent are the existing contacts written to ($($existingWritten.Count) by PUT or mass action, $($touchedOnlyByUpsert.Count) changed by upserts; $upsertsOnExisting upserts went to existing contacts)"

    $info = @($Run.Information | Where-Object { $_ -like "$($s.Command):*" })
    $info.Count | Should -Be 1 -Because 'one summary reaches the information stream'
    # The duration is written in the culture of the run; the counts must be the summary's.
    ($info[0] -replace ' \([\d.,]+ s\)\.$') | Should -Be ("$s" -replace ' \([\d.,]+ s\)\.$')
}

function Get-UnexpectedViolationCount {
    <# How many contract violations the sandbox recorded that no test declared (Add-SandboxExpectedViolation). #>
    param([Parameter(Mandatory)] $Sandbox)
    @(Get-SandboxViolation $Sandbox | Where-Object { -not $_.expected }).Count
}

Export-ModuleMember -Function *
