<#
.SYNOPSIS
    A day in the life of a Grinfi admin, as a script: import webinar attendees from a CSV,
    find them, organize them by seniority, hand the rest to the sales team, keep a list in step
    with the CRM every night, and note what the account team needs to know.
.DESCRIPTION
    Runs against whatever $env:GRINFI_API_KEY and $env:GRINFI_BASE_URI point at; build.ps1 Demo
    points them at a sandbox seeded with realistic data. Nothing here is sandbox-specific.
#>
$ErrorActionPreference = 'Stop'
$here = $PSScriptRoot
$work = Join-Path ([IO.Path]::GetTempPath()) "grinfips-demo-$PID"
New-Item $work -ItemType Directory -Force | Out-Null

function Step([string] $Title) { Write-Host "`n=== $Title" -ForegroundColor Cyan }

Step 'Connect (the key comes from $env:GRINFI_API_KEY; nothing prompts)'
Connect-Grinfi
Get-GrinfiList | Format-Table Name, LeadCount | Out-Host

Step 'Import the webinar attendees: Import-Csv | Set-GrinfiLead'
$rows = Import-Csv (Join-Path $here 'webinar-attendees.csv')
$imported = $rows |
    Set-GrinfiLead -List 'Webinar Q4' -AddTag 'Hot' -ColumnMap @{ 'Deal Size' = 'deal_size' } -PassThru -ErrorVariable bad -ErrorAction SilentlyContinue
$imported | Format-Table | Out-Host
"  $GrinfiLastRun" | Out-Host

Step "Rows that did not make it ($($bad.Count)), written to a retry file"
$bad | ForEach-Object { Write-Host "  $($_.Exception.Message)" -ForegroundColor Yellow }
$retry = Join-Path $work 'retry.csv'
$bad.TargetObject | Export-Csv $retry -NoTypeInformation
Write-Host "  Fix them in $retry (kept after the demo) and run: Import-Csv '$retry' | Set-GrinfiLead -List 'Webinar Q4'"

Step 'Find them again: this hour''s additions to the list'
Get-GrinfiLead -List 'Webinar Q4' -Filter @{ created_at = @{ '>=' = (Get-Date).AddHours(-1) } } -SortBy last_name |
    Format-Table Name, CompanyName, Position, @{ n = 'Tags'; e = { $_.TagNames } } | Out-Host

Step 'Organize: senior people to "Interested" and VIP, in two requests for all of them'
$senior = Get-GrinfiLead -List 'Webinar Q4' -Tag 'Hot' | Where-Object Position -Match '^(VP|CTO|Head|Chief)'
$senior | Invoke-GrinfiMassAction -Action ChangePipelineStage -PipelineStage 'Interested' | Format-Table | Out-Host
$senior | Invoke-GrinfiMassAction -Action AddTag -Tag 'VIP' | Format-Table | Out-Host
Get-GrinfiLead -Uuid $senior.Uuid | Format-Table | Out-Host

Step 'Count without reading: Measure-GrinfiLead'
Measure-GrinfiLead -List 'Webinar Q4' -Tag 'VIP' | Out-Host

Step 'A bulk clean-up, dry run first: -WhatIf says how many it would touch'
Invoke-GrinfiMassAction -Action Delete -FromList 'Cold outreach' -Filter @{ email_status = 'is_null' } -WhatIf

Step 'Hand the list to sales: a server-side export'
# The vendor's answer to queuing an export names no file to download: Export-GrinfiLead says
# so, and returns the export record. Once the file's name is known (from the web app), it
# downloads it: Export-GrinfiLead -FileName <name> -Path <file>.
$export = Export-GrinfiLead -Path (Join-Path $work 'webinar-q4.csv') -List 'Webinar Q4' -WarningAction Continue
Write-Host "  The export of list 'Webinar Q4' is $($export.Status)."

Step 'A large file goes in whole: Import-GrinfiLead (two requests, however many rows)'
$big = Join-Path $work 'conference-scans.csv'
1..300 | ForEach-Object {
    [pscustomobject]@{ FirstName = "Visitor$_"; LastName = 'Scan'; LinkedIn = "conference-visitor-$_"; Company = 'Expo Corp' }
} | Export-Csv $big
Import-GrinfiLead -Path $big -List 'Conference 2026' -Tag 'Follow-up' -Wait |
    Format-Table FileName, Status, RowsSent, RowsRejected, ContactsAdded, WaitResult | Out-Host

Step 'The nightly job: make a list match the CRM export, sending only what differs'
# The CRM's export of customers: today one title changed and one customer is new.
$crm = Join-Path $work 'crm-customers.csv'
Get-GrinfiLead -List 'Customers' -Filter @{ linkedin = 'is_not_null' } -First 5 |
    Select-Object @{ n = 'First Name'; e = { $_.FirstName } }, @{ n = 'Last Name'; e = { $_.LastName } }, @{ n = 'Company Name'; e = { $_.CompanyName } },
        @{ n = 'Job Title'; e = { $_.Position } }, @{ n = 'LinkedIn URL'; e = { $_.LinkedIn } } |
    Export-Csv $crm -NoTypeInformation
$customers = @(Import-Csv $crm)
$customers[0].'Job Title' = 'Chief Revenue Officer'
$customers += [pscustomobject]@{ 'First Name' = 'Grace'; 'Last Name' = 'Hopper'; 'Company Name' = 'Navy Labs'; 'Job Title' = 'Rear Admiral'; 'LinkedIn URL' = 'https://www.linkedin.com/in/grace-hopper-demo' }
$customers | Export-Csv $crm -NoTypeInformation
Import-Csv $crm | Sync-GrinfiLead -List 'Customers' -Key LinkedIn -WhatIf
Import-Csv $crm | Sync-GrinfiLead -List 'Customers' -Key LinkedIn -InformationAction Continue
Write-Host '  Run again, nothing differs:'
Import-Csv $crm | Sync-GrinfiLead -List 'Customers' -Key LinkedIn -InformationAction Continue

Step 'The companies behind the contacts, and a note for the account team'
$company = Get-GrinfiCompany -First 1
$company | Format-Table | Out-Host
$company | Get-GrinfiCompanyLead | Select-Object -First 3 | Format-Table Name, Position | Out-Host
$company | New-GrinfiNote 'Renewal due in March: call before the 15th.' -InformationAction Ignore | Format-Table | Out-Host

Step 'Anything else the API offers: Invoke-GrinfiRequest'
Invoke-GrinfiRequest GET /flows/api/flows -All | Format-Table name, status | Out-Host

Disconnect-Grinfi
Write-Host "`nDone. The retry file and the big import file are in $work." -ForegroundColor Green
