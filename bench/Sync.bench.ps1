#Requires -Version 7.4
<#
.SYNOPSIS
    Sync benchmark: a nightly CRM export synced into a list, sending only what differs.
.DESCRIPTION
    At the API's documented 300 requests a minute (sandbox --requests-per-minute 300, client
    Connect-Grinfi -RequestsPerMinute 300), each part on its own sandbox:

    A. Sync-GrinfiLead of a 10,000-row CSV (an export with First Name, Last Name, Company, Title,
       Email, LinkedIn URL and a Tier custom-field column) against a list holding 9,900 of those
       contacts, with 100 title changes, 60 tier changes, 20 stage and 20 tag changes
       (-PipelineStage, -AddTag) and 100 new rows. The list is made in bulk (POST
       /_sandbox/contacts) and read back with a second key of the team, so the key measured
       starts with an empty window.
       First run, targets: contact reads (searches: the list's pages and the lookups of keys
       absent from it) at most ceil(10,000/1,000) + 5; writes at most 100 updates + 100 creates
       + the stage and tag mass actions + the custom-field mass actions (one per distinct value
       per 500 contacts: the minimal reading returns no custom-field values, so they are sent
       each run); at most 90 s. The reads of names (lists, stages, tags, custom fields; once per
       connection) are printed beside them.
       Second run with the same input: no write but the custom-field mass actions, at most one
       per distinct value per 500 contacts; the same read target.
    G. As A, with the sandbox's generous reading, where leads carry their custom-field values:
       the first run sends only the 60 changed tiers (one mass action per new value), the second
       run sends nothing.
    S. The same input through Set-GrinfiLead, estimated from a scaled run: a 1/10 scenario (990
       existing, 10 new, 10 + 6 + 2 + 2 changes) with the limit lifted, its requests counted by
       kind and multiplied by 10, and the minutes they take at 300 a minute.
    B. -CustomField @{ tier = 'Gold' } on 5,000 existing contacts: Get-GrinfiLead -List | Set-GrinfiLead
       at most 12 requests (those of Set-GrinfiLead); the same through Sync-GrinfiLead from a CSV
       printed beside it (its reads of the list included).

    Exits 1 when a target is missed.
.EXAMPLE
    dotnet pwsh -NoProfile -NonInteractive -File bench/Sync.bench.ps1 -ModulePath out/GrinfiPS -SandboxPath out/sandbox/GrinfiPS.Sandbox.dll
.EXAMPLE
    # Only the sync at the documented rate.
    dotnet pwsh -NoProfile -NonInteractive -File bench/Sync.bench.ps1 -ModulePath out/GrinfiPS -SandboxPath out/sandbox/GrinfiPS.Sandbox.dll -Part A
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    [string[]] $Part = @('A', 'G', 'S', 'B'),
    [int] $Limit = 300,
    [int] $Existing = 9900,
    [int] $New = 100,
    [int] $FieldChanges = 100,
    [int] $CustomChanges = 60,
    [int] $StageChanges = 20,
    [int] $TagChanges = 20,
    [int] $MaxSeconds = 90,
    [int] $Scale = 10,
    [int] $CustomFieldContacts = 5000,
    [int] $MaxCustomFieldRequests = 12
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'BenchHelpers.psm1') -Force
Initialize-Bench -ModulePath $ModulePath -SandboxPath $SandboxPath
$Part = @($Part -split ',' | ForEach-Object { $_.Trim().ToUpperInvariant() })
if ($Part | Where-Object { $_ -notin 'A', 'G', 'S', 'B' }) { throw "-Part takes A, G, S and B, not '$($Part -join ',')'." }

$SeedContacts = 200
$ListName = 'Sync Customers'
$Tiers = 'Bronze', 'Silver', 'Gold', 'Platinum'
$ContactReads = '/leads/api/leads/search', '/leads/api/leads/count', '/leads/api/leads/lookup-one'
$temp = Join-Path ([IO.Path]::GetTempPath()) "grinfips-bench-sync-$PID"
New-Item $temp -ItemType Directory -Force | Out-Null

function New-SetupKey($Sandbox) {
    # A second key of team 1: its requests do not count against the measured key's window.
    (Invoke-SandboxControl $Sandbox keys -Method POST -Body @{ teamId = 1; expiresInDays = 1 }).apiKey
}

function Invoke-Setup($Sandbox, [string] $Key, [string] $Path, [string] $Method = 'GET', $Body) {
    $params = @{ Uri = [uri]::new($Sandbox.BaseUri, $Path); Method = $Method; Headers = @{ Authorization = "Bearer $Key" } }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = ConvertTo-Json -InputObject $Body -Depth 10 -Compress
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Invoke-SetupMassAction($Sandbox, [string] $Key, [string] $Type, [string[]] $Ids, [hashtable] $Payload) {
    for ($i = 0; $i -lt $Ids.Count; $i += 1000) {
        $chunk = @($Ids[$i..([Math]::Min($i + 999, $Ids.Count - 1))])
        $body = @{ type = $Type; filter = @{ ids = $chunk } }
        if ($Payload) { $body.payload = $Payload }
        Invoke-Setup $Sandbox $Key '/leads/api/leads/mass-action' -Method PUT -Body $body | Out-Null
    }
}

function New-SyncScenario {
    <#
        A list of $Existing contacts (bulk-inserted, read back with the setup key) with a tier
        each, and a CSV of them as the CRM exports it: $FieldChanges titles and $CustomChanges
        tiers changed, $StageChanges contacts out of the stage and $TagChanges without the tag
        the sync asks for, and $New new rows spread through the file.
    #>
    param($Sandbox, [string] $Key, [int] $Existing, [int] $New, [int] $FieldChanges, [int] $CustomChanges, [int] $StageChanges, [int] $TagChanges, [string] $Name)
    Invoke-Setup $Sandbox $Key '/leads/api/custom-fields' -Method POST -Body @{ name = 'tier'; object = 'lead' } | Out-Null
    $tierField = @((Invoke-Setup $Sandbox $Key '/leads/api/custom-fields?limit=100').data | Where-Object name -EQ 'tier')[0].uuid
    $insert = [int][Math]::Ceiling($Existing * 1.1) + 20
    $uuids = (Invoke-SandboxControl $Sandbox contacts -Method POST -Body @{ count = $insert; listName = $ListName; tags = @('VIP'); pipelineStageUuid = 'Interested' }).uuids
    $list = (Invoke-Setup $Sandbox $Key "/leads/api/lists?filter[name]=$([uri]::EscapeDataString($ListName))").data[0]
    $contacts = [Collections.Generic.List[object]]::new()
    for ($offset = 0; $offset -lt $insert; $offset += 1000) {
        $page = Invoke-Setup $Sandbox $Key '/leads/api/leads/search' -Method POST -Body @{ filter = @{ list_uuid = $list.uuid }; limit = 1000; offset = $offset; order_field = 'uuid'; order_type = 'asc' }
        $contacts.AddRange(@($page.data))
    }
    if ($contacts.Count -ne $uuids.Count) { throw "Read $($contacts.Count) contacts back, not $($uuids.Count)." }
    # The list holds exactly the contacts with a LinkedIn profile URL the file names; the rest go elsewhere.
    $kept = @($contacts | Where-Object { $_.linkedin } | Select-Object -First $Existing)
    if ($kept.Count -lt $Existing) { throw "Only $($kept.Count) generated contacts have a LinkedIn URL." }
    $keptIds = [Collections.Generic.HashSet[string]]::new([string[]]$kept.uuid)
    Invoke-SetupMassAction $Sandbox $Key 'contact_change_list' @($contacts | Where-Object { -not $keptIds.Contains($_.uuid) } | ForEach-Object uuid) @{ list_uuid = (Get-BenchList $Sandbox 'Newsletter').uuid }
    # Tiers as the CRM has them, set in Grinfi too (a weighted spread, like real tiers).
    $tierOf = @{}
    for ($i = 0; $i -lt $kept.Count; $i++) { $tierOf[$kept[$i].uuid] = $Tiers[@(0, 0, 0, 1, 1, 2, 2, 3)[$i % 8]] }
    foreach ($tier in $Tiers) {
        Invoke-SetupMassAction $Sandbox $Key 'contact_change_custom_field' @($kept | Where-Object { $tierOf[$_.uuid] -eq $tier } | ForEach-Object uuid) @{ custom_field_uuid = $tierField; value = $tier }
    }
    # Spread the changes through the list: every k-th contact.
    $pick = { param([int] $Count, [int] $Shift) @(for ($j = 0; $j -lt $Count; $j++) { $kept[($j * [Math]::Floor($kept.Count / $Count) + $Shift) % $kept.Count] }) }
    $offStage = & $pick $StageChanges 3
    $untagged = & $pick $TagChanges 5
    if ($offStage) { Invoke-SetupMassAction $Sandbox $Key 'contact_change_pipeline_stage' $offStage.uuid @{ pipeline_stage_uuid = (@((Invoke-Setup $Sandbox $Key '/leads/api/pipeline-stages?filter=%7B%22object%22%3A%22lead%22%7D').data | Where-Object name -EQ 'New')[0].uuid) } }
    if ($untagged) { Invoke-SetupMassAction $Sandbox $Key 'contact_remove_tags' $untagged.uuid @{ tag_uuid = (@((Invoke-Setup $Sandbox $Key '/leads/api/tags').data | Where-Object name -EQ 'VIP')[0].uuid) } }
    $retitled = [Collections.Generic.HashSet[string]]::new([string[]]@((& $pick $FieldChanges 1).uuid))
    $retiered = [Collections.Generic.HashSet[string]]::new([string[]]@((& $pick $CustomChanges 2).uuid))

    $rows = [Collections.Generic.List[object]]::new()
    foreach ($c in $kept) {
        $tier = $tierOf[$c.uuid]
        if ($retiered.Contains($c.uuid)) { $tier = $Tiers[([array]::IndexOf($Tiers, $tier) + 1) % $Tiers.Count] }
        $rows.Add([pscustomobject][ordered]@{
                'First Name'   = $c.first_name
                'Last Name'    = $c.last_name
                'Company'      = $c.company_name
                'Title'        = if ($retitled.Contains($c.uuid)) { "Senior $($c.position)" } else { $c.position }
                'Email'        = $c.work_email
                'LinkedIn URL' = $c.linkedin
                'Tier'         = $tier
            })
    }
    $fresh = @(New-BenchRow -Count $New -Prefix $Name)
    $every = [Math]::Max(1, [Math]::Floor($rows.Count / [Math]::Max(1, $New)))
    for ($j = $fresh.Count - 1; $j -ge 0; $j--) {
        $r = $fresh[$j]
        $rows.Insert([Math]::Min($rows.Count, $j * $every), [pscustomobject][ordered]@{
                'First Name' = $r.FirstName; 'Last Name' = $r.LastName; 'Company' = $r.Company; 'Title' = $r.Title
                'Email' = $r.Email; 'LinkedIn URL' = $r.LinkedInUrl; 'Tier' = $Tiers[$j % $Tiers.Count]
            })
    }
    $csv = Join-Path $temp "$Name.csv"
    $rows | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
    # What the custom-field mass actions may cost: one per distinct value per 500 existing contacts
    # (new rows carry their value in the create); and, where values are compared, one per changed value.
    $finalTier = @($kept | ForEach-Object { if ($retiered.Contains($_.uuid)) { $Tiers[([array]::IndexOf($Tiers, $tierOf[$_.uuid]) + 1) % $Tiers.Count] } else { $tierOf[$_.uuid] } })
    [pscustomobject]@{
        Csv               = $csv
        ListUuid          = $list.uuid
        Rows              = $rows.Count
        CustomBound       = ($finalTier | Group-Object | ForEach-Object { [Math]::Ceiling($_.Count / 500) } | Measure-Object -Sum).Sum
        # Run again, the new rows are existing contacts too.
        CustomBoundAll    = ($rows | Group-Object Tier | ForEach-Object { [Math]::Ceiling($_.Count / 500) } | Measure-Object -Sum).Sum
        ChangedTierValues = @($kept | Where-Object { $retiered.Contains($_.uuid) } | ForEach-Object { $Tiers[([array]::IndexOf($Tiers, $tierOf[$_.uuid]) + 1) % $Tiers.Count] } | Sort-Object -Unique).Count
    }
}

function Measure-Requests($Sandbox, [long] $Since) {
    <# The requests of the measured key since a sequence number, by kind. #>
    $all = @(Get-BenchRequestLog $Sandbox -Since $Since)
    # What the server carried out: a 429 (retried by the client) is counted apart.
    $log = @($all | Where-Object status -NE 429)
    $actions = @($log | Where-Object { $_.method -eq 'PUT' -and $_.path -eq '/leads/api/leads/mass-action' -and $_.status -eq 200 } | ForEach-Object { ($_.body | ConvertFrom-Json).type })
    [pscustomobject]@{
        All          = $all.Count
        ContactReads = @($log | Where-Object { $_.path -in $ContactReads }).Count
        NameReads    = @($log | Where-Object method -EQ 'GET').Count
        Upserts      = @($log | Where-Object path -EQ '/leads/api/leads/upsert').Count
        Updates      = @($log | Where-Object { $_.method -eq 'PUT' -and $_.path -ne '/leads/api/leads/mass-action' }).Count
        MassActions  = $actions.Count
        CustomField  = @($actions | Where-Object { $_ -eq 'contact_change_custom_field' }).Count
        StageTag     = @($actions | Where-Object { $_ -in 'contact_change_pipeline_stage', 'contact_add_tags' }).Count
        OtherActions = @($actions | Where-Object { $_ -notin 'contact_change_custom_field', 'contact_change_pipeline_stage', 'contact_add_tags' }).Count
        Refused      = @($all | Where-Object status -EQ 429).Count
        Failed       = @($log | Where-Object { $_.status -ge 400 -and $_.status -ne 429 }).Count
        Writes       = @($log | Where-Object { $_.method -ne 'GET' -and $_.path -notin $ContactReads }).Count
        Violations   = @($all | ForEach-Object { @($_.violations) } | Where-Object { $_ }).Count
    }
}

function Get-LastSeq($Sandbox) {
    $last = @(Get-BenchRequestLog $Sandbox) | Select-Object -Last 1
    if ($last) { [long]$last.seq } else { 0 }
}

function Write-RunLine([string] $Label, $m, [double] $Seconds, $Summary) {
    Write-BenchLine ("{0}: {1:N1} s; contact reads {2} (+ {3} name reads); writes {4}: {5} updates, {6} upserts, {7} mass actions ({8} custom-field, {9} stage/tag, {10} other); 429: {11}; errors: {12}" -f
        $Label, $Seconds, $m.ContactReads, $m.NameReads, $m.Writes, $m.Updates, $m.Upserts, $m.MassActions, $m.CustomField, $m.StageTag, $m.OtherActions, $m.Refused, $m.Failed)
    Write-BenchLine "  summary: $Summary"
}

function Invoke-SyncParts([string] $Label, [string] $Reading) {
    $arguments = @(if ($Reading) { '--reading', $Reading })
    $sandbox = Start-TestSandbox -Contacts $SeedContacts -RequestsPerMinute $Limit -ArgumentList $arguments
    try {
        $setupKey = New-SetupKey $sandbox
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $scenario = New-SyncScenario $sandbox $setupKey -Existing $Existing -New $New -FieldChanges $FieldChanges -CustomChanges $CustomChanges -StageChanges $StageChanges -TagChanges $TagChanges -Name "sync$Label".ToLowerInvariant()
        Write-BenchLine ("setup: {0:N0} rows in the CSV, {1:N0} contacts in '{2}', built in {3:N1} s with a second key of the team" -f $scenario.Rows, $Existing, $ListName, $watch.Elapsed.TotalSeconds)
        Connect-TestSandbox $sandbox -Parameters @{ RequestsPerMinute = $Limit }
        $readTarget = [Math]::Ceiling($scenario.Rows / 1000) + 5
        $customBound = if ($Reading -eq 'generous') { $scenario.ChangedTierValues } else { $scenario.CustomBound }
        $customBoundAgain = if ($Reading -eq 'generous') { 0 } else { $scenario.CustomBoundAll }
        $stageTagBound = [Math]::Ceiling($StageChanges / 500) + [Math]::Ceiling($TagChanges / 500)

        $results = foreach ($run in 1, 2) {
            $since = (Get-LastSeq $sandbox) + 1
            $errors = @()
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Import-Csv $scenario.Csv | Sync-GrinfiLead -List $ListName -PipelineStage 'Interested' -AddTag 'VIP' -ErrorVariable errors -ErrorAction SilentlyContinue -InformationAction Ignore
            $seconds = $watch.Elapsed.TotalSeconds
            $m = Measure-Requests $sandbox $since
            Write-RunLine "run $run" $m $seconds "$GrinfiLastRun"
            if ($errors.Count) { Write-BenchLine "  first of $($errors.Count) row errors: $($errors[0])" }
            [pscustomobject]@{ Run = $run; M = $m; Seconds = $seconds; Errors = $errors.Count; Summary = $GrinfiLastRun }
        }
        $first, $second = $results
        $customText = if ($Reading -eq 'generous') { 'none: the values are compared' } else { "one per distinct value per 500 contacts ($customBoundAgain)" }
        Write-BenchResult -Name "$Label. first run: contact reads" -Pass ($first.M.ContactReads -le $readTarget) `
            -Measured "$($first.M.ContactReads) (+ $($first.M.NameReads) reads of names, once per connection)" -Target "at most ceil($($scenario.Rows)/1000) + 5 = $readTarget"
        $writeTarget = $FieldChanges + $New + $stageTagBound + $customBound
        Write-BenchResult -Name "$Label. first run: writes" -Pass ($first.M.Writes -le $writeTarget -and $first.M.Updates -le $FieldChanges -and $first.M.Upserts -le $New -and $first.M.CustomField -le $customBound -and $first.Errors -eq 0) `
            -Measured "$($first.M.Writes): $($first.M.Updates) updates, $($first.M.Upserts) creates (upserts), $($first.M.StageTag) stage/tag and $($first.M.CustomField) custom-field mass actions; $($first.Errors) row errors" `
            -Target "at most $FieldChanges + $New + $stageTagBound stage/tag + $customBound custom-field mass actions = $writeTarget, no row errors"
        Write-BenchResult -Name "$Label. first run: time" -Pass ($first.Seconds -le $MaxSeconds) `
            -Measured ("{0:N1} s ({1} answered 429 and retried)" -f $first.Seconds, $first.M.Refused) -Target "at most $MaxSeconds s at $Limit/min"
        Write-BenchResult -Name "$Label. second run: writes" -Pass ($second.M.Writes -eq $second.M.CustomField -and $second.M.CustomField -le $customBoundAgain -and $second.Errors -eq 0) `
            -Measured "$($second.M.Writes) ($($second.M.CustomField) custom-field mass actions, $($second.M.Updates) updates, $($second.M.Upserts) creates, $($second.M.StageTag + $second.M.OtherActions) other mass actions)" `
            -Target "only custom-field mass actions, $customText"
        Write-BenchResult -Name "$Label. second run: contact reads" -Pass ($second.M.ContactReads -le $readTarget) `
            -Measured ("{0} in {1:N1} s" -f $second.M.ContactReads, $second.Seconds) -Target "at most $readTarget"
        Write-BenchResult -Name "$Label. contract" -Pass (($first.M.Violations + $second.M.Violations) -eq 0) -Measured "$($first.M.Violations + $second.M.Violations) violations" -Target '0'
        $results
    }
    finally {
        Disconnect-Grinfi -ErrorAction Ignore
        Stop-TestSandbox $sandbox
    }
}

try {
    $syncRuns = $null
    if ('A' -in $Part) {
        Write-BenchSection ("A. Sync-GrinfiLead, {0:N0} rows against {1:N0} contacts, at {2} requests a minute (minimal reading: no custom-field values come back)" -f ($Existing + $New), $Existing, $Limit)
        $syncRuns = Invoke-SyncParts 'A' $null
    }

    if ('G' -in $Part) {
        Write-BenchSection ("G. As A, with the generous reading: leads carry their custom-field values, so tiers are compared")
        $null = Invoke-SyncParts 'G' 'generous'
    }

    if ('S' -in $Part) {
        Write-BenchSection ("S. The same input through Set-GrinfiLead, estimated from a 1/{0} run (limit lifted, requests counted and multiplied by {0})" -f $Scale)
        $sandbox = Start-TestSandbox -Contacts $SeedContacts
        try {
            $setupKey = New-SetupKey $sandbox
            $scenario = New-SyncScenario $sandbox $setupKey -Existing ([int]($Existing / $Scale)) -New ([int]($New / $Scale)) -FieldChanges ([int]($FieldChanges / $Scale)) `
                -CustomChanges ([int]($CustomChanges / $Scale)) -StageChanges ([int]($StageChanges / $Scale)) -TagChanges ([int]($TagChanges / $Scale)) -Name 'setscaled'
            Connect-TestSandbox $sandbox   # limit lifted: this counts requests
            $since = (Get-LastSeq $sandbox) + 1
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Import-Csv $scenario.Csv | Set-GrinfiLead -List $ListName -PipelineStage 'Interested' -AddTag 'VIP' -ErrorVariable setErrors -ErrorAction SilentlyContinue -InformationAction Ignore
            $seconds = $watch.Elapsed.TotalSeconds
            $m = Measure-Requests $sandbox $since
            Write-RunLine ("Set-GrinfiLead, {0:N0} rows (limit lifted)" -f $scenario.Rows) $m $seconds "$GrinfiLastRun"
            $estimated = $m.All * $Scale
            $minutes = $estimated / $Limit
            Write-BenchLine ("estimated for {0:N0} rows: {1:N0} requests ({2:N0} reads, {3:N0} upserts, {4:N0} updates, {5:N0} mass actions), {6:N0} minutes of the key's {7}/min budget" -f
                ($scenario.Rows * $Scale), $estimated, (($m.ContactReads + $m.NameReads) * $Scale), ($m.Upserts * $Scale), ($m.Updates * $Scale), ($m.MassActions * $Scale), $minutes, $Limit)
            if ($syncRuns) {
                $syncRequests = $syncRuns[0].M.All
                Write-BenchLine ("Sync-GrinfiLead, measured: {0:N0} requests in {1:N1} s (first run), {2:N0} in {3:N1} s (second run): {4:N0}x fewer requests than Set-GrinfiLead's estimate" -f
                    $syncRequests, $syncRuns[0].Seconds, $syncRuns[1].M.All, $syncRuns[1].Seconds, ($estimated / [Math]::Max(1, $syncRequests)))
            }
        }
        finally {
            Disconnect-Grinfi -ErrorAction Ignore
            Stop-TestSandbox $sandbox
        }
    }

    if ('B' -in $Part) {
        Write-BenchSection ("B. -CustomField @{{ tier = 'Gold' }} on {0:N0} existing contacts, at {1} requests a minute" -f $CustomFieldContacts, $Limit)
        $sandbox = Start-TestSandbox -Contacts $SeedContacts -RequestsPerMinute $Limit
        try {
            $setupKey = New-SetupKey $sandbox
            Invoke-Setup $sandbox $setupKey '/leads/api/custom-fields' -Method POST -Body @{ name = 'tier'; object = 'lead' } | Out-Null
            $null = Invoke-SandboxControl $sandbox contacts -Method POST -Body @{ count = $CustomFieldContacts; listName = 'Gold customers' }
            Connect-TestSandbox $sandbox -Parameters @{ RequestsPerMinute = $Limit }

            $leads = @(Get-GrinfiLead -List 'Gold customers')
            $since = (Get-LastSeq $sandbox) + 1
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $leads | Set-GrinfiLead -CustomField @{ tier = 'Gold' } -ErrorVariable setErrors -ErrorAction SilentlyContinue -InformationAction Ignore
            $seconds = $watch.Elapsed.TotalSeconds
            $m = Measure-Requests $sandbox $since
            Write-RunLine ("Get-GrinfiLead -List | Set-GrinfiLead -CustomField, {0:N0} contacts" -f $leads.Count) $m $seconds "$GrinfiLastRun"
            Write-BenchResult -Name 'B. Set-GrinfiLead -CustomField on 5,000 contacts: requests' -Pass ($m.All -le $MaxCustomFieldRequests -and $setErrors.Count -eq 0) `
                -Measured "$($m.All) ($($m.CustomField) mass actions, $($m.ContactReads + $m.NameReads) reads), $($setErrors.Count) errors" -Target "at most $MaxCustomFieldRequests"

            $csv = Join-Path $temp 'gold.csv'
            $leads | Where-Object LinkedIn | Select-Object FirstName, LastName, LinkedIn | Export-Csv $csv -NoTypeInformation
            $rows = @(Import-Csv $csv).Count
            $since = (Get-LastSeq $sandbox) + 1
            $watch = [Diagnostics.Stopwatch]::StartNew()
            Import-Csv $csv | Sync-GrinfiLead -List 'Gold customers' -CustomField @{ tier = 'Gold' } -ErrorVariable syncErrors -ErrorAction SilentlyContinue -InformationAction Ignore
            $seconds = $watch.Elapsed.TotalSeconds
            $m = Measure-Requests $sandbox $since
            Write-RunLine ("Import-Csv | Sync-GrinfiLead -CustomField, {0:N0} rows" -f $rows) $m $seconds "$GrinfiLastRun"
            Write-BenchResult -Name 'B. Sync-GrinfiLead -CustomField: mass actions' -Pass ($m.Writes -eq $m.CustomField -and $m.CustomField -le [Math]::Ceiling($rows / 500) -and $syncErrors.Count -eq 0) `
                -Measured "$($m.CustomField) mass actions, $($m.Writes) writes ($($m.ContactReads) contact reads of the list, $($m.NameReads) name reads)" -Target "only custom-field mass actions, one per 500 contacts ($([Math]::Ceiling($rows / 500)))"
        }
        finally {
            Disconnect-Grinfi -ErrorAction Ignore
            Stop-TestSandbox $sandbox
        }
    }
}
finally {
    Remove-Item $temp -Recurse -Force -ErrorAction Ignore
}

exit (Complete-Bench)
