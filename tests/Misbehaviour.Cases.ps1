<#
    The misbehaviours of a server on paged reads, against every cmdlet that reads pages or
    pages internally: one row per (cmdlet, misbehaviour) that can apply, and a comment where
    one cannot. tests/Misbehaviour.Tests.ps1 asserts each row; bench/Misbehaviour.bench.ps1
    measures each. Dot-source it: it defines Invoke-MisbehaviourCase and returns the rows.

    A row:
        Cmdlet, Read      what runs, and which of its reads misbehaves (for names and tables)
        Misbehaviour      the sandbox's fault kind (plus a note where it needs one)
        Faults            scripted faults, added after the setup, just before the run
        Options           sandbox options for the row (a reset restores the rest)
        Setup             { param($Sandbox) ... } -> hashtable handed to Run and Check (optional)
        Run               { param($Context) ... } the command, as a user types it
        ErrorId           the ErrorId it must end with ($null: no error, see the row's comment)
        Message           a -like pattern of the error's message (NoAdvice: the error has no RecommendedAction)
        Path              the path whose requests are counted; Requests the exact number (MaxRequests: at most)
        Check             { param($Result) ... } what must (not) have reached the output (optional)
#>

$search = '/leads/api/leads/search'
$lists = '/leads/api/lists'
$customFields = '/leads/api/custom-fields'
$flows = '/flows/api/flows'
$tags = '/leads/api/tags'
$stages = '/leads/api/pipeline-stages'
# A list of its own with contacts made now: the oldest contact (the one a one-contact search
# returns first) is never in it, so a server that ignores "-List Misbehaving" shows it at once.
$listName = 'Misbehaving'

$stalled = '*stopped: page 2 brought nothing new, yet the server says more follow*'
$filterIgnored = '*outside the filter (*nothing it returned is passed on*'
$signIn = '*answered 200 with a body that is not JSON (text/html*Please sign in to access the internet*'
$cutShort = '*answered 200 with JSON that breaks off or is malformed (*ending in: *'
function Get-RunawayMessage([int] $Pages, [int] $Total) { "*stopped after $Pages pages: the server stated $($Total.ToString('N0', [cultureinfo]::InvariantCulture)) items*still says more follow*" }

function Invoke-MisbehaviourCase {
    <#
        Runs one row against a sandbox: reset with the row's options, a fresh connection (empty
        name caches), the setup, an empty request log, the faults, then the command. Returns its
        output, its errors (non-terminating and terminating alike), the requests the sandbox
        logged during the command (all, and those to the row's path) and the seconds it took.
    #>
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [hashtable] $Case)
    # Optional keys by index: the bench runs under Set-StrictMode -Version Latest.
    Reset-TestSandbox $Sandbox -Contacts 50 -Options $(if ($Case['Options']) { $Case['Options'] } else { @{} })
    Connect-TestSandbox $Sandbox
    $context = if ($Case['Setup']) { & $Case['Setup'] $Sandbox } else { @{} }
    $context.Sandbox = $Sandbox
    Clear-SandboxRequest $Sandbox
    Add-SandboxFault $Sandbox $Case.Faults
    # As a scheduled job runs by default: a failed item is reported and the rest goes on.
    $ErrorActionPreference = 'Continue'
    $output = [Collections.Generic.List[object]]::new()
    $errors = [Collections.Generic.List[object]]::new()
    $watch = [Diagnostics.Stopwatch]::StartNew()
    try {
        & $Case.Run $context 2>&1 6>$null | ForEach-Object {
            if ($_ -is [Management.Automation.ErrorRecord]) { $errors.Add($_) } else { $output.Add($_) }
        }
    }
    catch {
        $errors.Add($_)
    }
    $seconds = $watch.Elapsed.TotalSeconds
    $log = @(Get-SandboxRequest $Sandbox)
    # What is left of the faults must not touch what a check reads afterwards.
    Invoke-SandboxControl $Sandbox faults -Method DELETE | Out-Null
    [pscustomobject]@{
        Output       = $output.ToArray()
        Errors       = $errors.ToArray()
        Requests     = $log
        PathRequests = @($log | Where-Object path -EQ $Case.Path)
        Seconds      = $seconds
        Context      = $context
    }
}

function New-ListSetup {
    <# A setup that makes the list Misbehaving with Count contacts (control endpoint: no API request). #>
    param([int] $Count = 3)
    {
        param($Sandbox)
        $made = Invoke-SandboxControl $Sandbox contacts -Method POST -Body @{ count = $Count; listName = 'Misbehaving' }
        @{ Uuids = @($made.uuids) }
    }.GetNewClosure()
}

$setRows = {
    # Four rows for Set-GrinfiLead's batched lookups: a new contact, one named by its UUID, one
    # found by its LinkedIn URL, and one whose LinkedIn id is not one (an error of its own).
    param($Sandbox)
    $byUuid = (Invoke-SandboxControl $Sandbox contacts -Method POST -Body @{ count = 1; listName = 'Prospects' }).uuids[0]
    $byLinkedIn = (Invoke-SandboxControl $Sandbox contacts -Method POST -Body @{ count = 1; listName = 'Prospects'; fields = @{ linkedin = 'https://www.linkedin.com/in/misbehaving-existing' } }).uuids[0]
    @{
        Existing = @($byUuid, $byLinkedIn)
        Rows     = @(
            [pscustomobject]@{ LinkedInId = 'misbehaving-newcomer'; FirstName = 'New' }
            [pscustomobject]@{ Uuid = $byUuid; FirstName = 'Changed' }
            [pscustomobject]@{ LinkedInId = 'https://www.linkedin.com/in/misbehaving-existing'; FirstName = 'Found' }
            [pscustomobject]@{ LinkedInId = 'https://example.com/not-linkedin'; FirstName = 'Bad' }
        )
    }
}
$setRun = { param($Context) $Context.Rows | Set-GrinfiLead -List Prospects -PassThru }
function Assert-NothingWritten {
    param($Result)
    # The lookups failed, so no row may be written: an upsert without knowing whether the
    # contact exists is what the lookups are there to prevent.
    @($Result.Requests | Where-Object { $_.path -eq '/leads/api/leads/upsert' -or ($_.method -eq 'PUT' -and $_.path -like '/leads/api/leads/*') }) | Should -BeNullOrEmpty
    $Result.Output | Should -BeNullOrEmpty
    # Each row has its error, with the row as its target; the bad row keeps its own.
    $Result.Errors.Count | Should -Be 4
    ($Result.Errors | Where-Object { "$($_.FullyQualifiedErrorId)" -like 'GrinfiInvalidLinkedInId,*' }).TargetObject.FirstName | Should -Be 'Bad'
    @($Result.Errors | Where-Object { "$($_.FullyQualifiedErrorId)" -notlike 'GrinfiInvalidLinkedInId,*' }).TargetObject.FirstName | Sort-Object | Should -Be @('Changed', 'Found', 'New')
}

function Assert-NoMassAction {
    param($Result)
    @($Result.Requests | Where-Object path -EQ '/leads/api/leads/mass-action') | Should -BeNullOrEmpty
}

function Assert-RealLeadsOnly {
    param($Result)
    # What was written before the read stopped is the server's real first page, nothing made up.
    $Result.Output.Count | Should -BeGreaterThan 0
    @($Result.Output.Uuid | Sort-Object -Unique).Count | Should -Be $Result.Output.Count
    $real = (Invoke-SandboxApi $Result.Context.Sandbox /leads/api/leads/search -Method POST -Body @{ limit = 1000 }).data.uuid
    $Result.Output.Uuid | ForEach-Object { $_ | Should -BeIn $real }
}

function Assert-NoOutput {
    param($Result)
    $Result.Output | Should -BeNullOrEmpty
}

$noOutput = { param($Result) Assert-NoOutput $Result }
$nothingWritten = { param($Result) Assert-NothingWritten $Result }
$noMassAction = { param($Result) Assert-NoMassAction $Result }

$rows = [Collections.Generic.List[hashtable]]::new()

# ---- Get-GrinfiLead: the search (the lead pager) ----
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead'; Read = 'search'; Misbehaviour = 'repeat-page'
        # The server serves 20 a page (of the 100 asked first), so a second page is asked for.
        Options = @{ maxPageSize = 20 }
        Faults = @(@{ path = $search; kind = 'repeat-page'; count = 1000 })
        Run = { Get-GrinfiLead }
        ErrorId = 'GrinfiPagingStalled'; Message = $stalled; Path = $search; Requests = 2
        Check = { param($Result) Assert-RealLeadsOnly $Result; $Result.Output.Count | Should -Be 20 }
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead'; Read = 'search'; Misbehaviour = 'phantom-page (total 5,000)'
        Faults = @(@{ path = $search; kind = 'phantom-page'; count = 1000; total = 5000 })
        Run = { Get-GrinfiLead }
        ErrorId = 'GrinfiPagingRunaway'; Message = (Get-RunawayMessage 8 5000); Path = $search; Requests = 8  # ⌈5,000/1,000⌉ + 3
        # Made-up contacts look like real ones: up to the bound they are written (100 + 6 × 1,000);
        # the bound is what keeps that finite. The 8th page is not passed on.
        Check = { param($Result) $Result.Output.Count | Should -Be 6100 }
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead'; Read = 'search'; Misbehaviour = 'ignore-filter (-List)'
        Setup = (New-ListSetup)
        Faults = @(@{ path = $search; kind = 'ignore-filter'; count = 1000 })
        Run = { Get-GrinfiLead -List Misbehaving }
        ErrorId = 'GrinfiFilterIgnored'; Message = $filterIgnored; Path = $search; Requests = 1
        Check = $noOutput
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead'; Read = 'search'; Misbehaviour = 'ignore-filter (-Tag)'
        Faults = @(@{ path = $search; kind = 'ignore-filter'; count = 1000 })
        Run = { Get-GrinfiLead -Tag VIP }
        ErrorId = 'GrinfiFilterIgnored'; Message = '*its tags*'; Path = $search; Requests = 1
        Check = $noOutput
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead'; Read = 'search'; Misbehaviour = 'ignore-filter (the cursor, page 2)'
        # Without -List, -Tag or -PipelineStage there is no filter to ignore but the cursor: the
        # first page (100 of 110) is honoured, the second comes back from the start. (With pages
        # of one size the second would be the first again: a repeated page, GrinfiPagingStalled.)
        Setup = { param($Sandbox) Invoke-SandboxControl $Sandbox contacts -Method POST -Body @{ count = 60 } | Out-Null; @{} }
        Faults = @(@{ path = $search; kind = 'delay'; delayMs = 0 }, @{ path = $search; kind = 'ignore-filter'; count = 1000 })
        Run = { Get-GrinfiLead }
        ErrorId = 'GrinfiFilterIgnored'; Message = '*where the page was to start*'; Path = $search; Requests = 2
        Check = { param($Result) Assert-RealLeadsOnly $Result; $Result.Output.Count | Should -Be 100 }
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead'; Read = 'search'; Misbehaviour = 'html-200'
        Faults = @(@{ path = $search; kind = 'html-200'; count = 1000 })
        Run = { Get-GrinfiLead }
        ErrorId = 'GrinfiResponseNotJson'; Message = $signIn; Path = $search; Requests = 1; Check = $noOutput
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead'; Read = 'search'; Misbehaviour = 'truncated'
        Faults = @(@{ path = $search; kind = 'truncated'; count = 1000 })
        Run = { Get-GrinfiLead }
        ErrorId = 'GrinfiResponseNotJson'; Message = $cutShort; Path = $search; Requests = 1; Check = $noOutput
    })

# ---- Get-GrinfiLead -Uuid: "uuid IN (...)" searches ----
$uuidSetup = New-ListSetup
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead -Uuid'; Read = 'search by uuid'; Misbehaviour = 'repeat-page'
        # Three contacts at one a page: only then does a lookup have a second page to repeat.
        Options = @{ maxPageSize = 1 }; Setup = $uuidSetup
        Faults = @(@{ path = $search; kind = 'repeat-page'; count = 1000 })
        Run = { param($Context) Get-GrinfiLead -Uuid $Context.Uuids }
        ErrorId = 'GrinfiPagingStalled'; Message = $stalled; Path = $search; Requests = 2; Check = $noOutput
    })
foreach ($kind in 'phantom-page', 'ignore-filter') {
    $rows.Add(@{
            Cmdlet = 'Get-GrinfiLead -Uuid'; Read = 'search by uuid'; Misbehaviour = $kind
            # Made-up or unfiltered contacts are not the UUIDs asked for: the first page tells.
            Setup = $uuidSetup
            Faults = @(@{ path = $search; kind = $kind; count = 1000 })
            Run = { param($Context) Get-GrinfiLead -Uuid $Context.Uuids }
            ErrorId = 'GrinfiFilterIgnored'; Message = '*Reading contacts by UUID stopped*its uuid is*'; Path = $search; Requests = 1; Check = $noOutput
        })
}

# ---- Get-GrinfiLead -Email: searches of work_email, then personal_email ----
$emailSetup = {
    param($Sandbox)
    $made = Invoke-SandboxControl $Sandbox contacts -Method POST -Body @{ count = 1; fields = @{ work_email = 'misbehaving@example.test' } }
    @{ Uuid = $made.uuids[0] }
}
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead -Email'; Read = 'search by email'; Misbehaviour = 'repeat-page'
        Options = @{ maxPageSize = 1 }; Setup = $emailSetup
        Faults = @(@{ path = $search; kind = 'repeat-page'; count = 1000 })
        Run = { Get-GrinfiLead -Email 'misbehaving@example.test' }
        ErrorId = 'GrinfiPagingStalled'; Message = $stalled; Path = $search; Requests = 2; Check = $noOutput
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead -Email'; Read = 'search by email'; Misbehaviour = 'phantom-page'
        # Read by uuid: made-up contacts come in no uuid order, so the second page is not past the
        # first (rarely, 1 in 1,000, only the third page shows it).
        Setup = $emailSetup
        Faults = @(@{ path = $search; kind = 'phantom-page'; count = 1000 })
        Run = { Get-GrinfiLead -Email 'misbehaving@example.test' }
        ErrorId = 'GrinfiFilterIgnored'; Message = '*its uuid*where the page was to start*'; Path = $search; MaxRequests = 3; Check = $noOutput
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead -Email'; Read = 'search by email'; Misbehaviour = 'ignore-filter'
        # No error, and none needed: with fewer contacts than a page nothing tells the filter was
        # ignored, and -Email compares every contact it gets with the email, so only the one
        # contact that has it is written.
        Setup = $emailSetup
        Faults = @(@{ path = $search; kind = 'ignore-filter'; count = 1000 })
        Run = { Get-GrinfiLead -Email 'misbehaving@example.test' }
        ErrorId = $null; Path = $search; Requests = 2
        Check = { param($Result) $Result.Output.Uuid | Should -Be $Result.Context.Uuid }
    })
foreach ($kind in 'html-200', 'truncated') {
    $rows.Add(@{
            Cmdlet = 'Get-GrinfiLead -Email'; Read = 'search by email'; Misbehaviour = $kind; Setup = $emailSetup
            Faults = @(@{ path = $search; kind = $kind; count = 1000 })
            Run = { Get-GrinfiLead -Email 'misbehaving@example.test' }
            ErrorId = 'GrinfiResponseNotJson'; Message = $(if ($kind -eq 'html-200') { $signIn } else { $cutShort }); Path = $search; Requests = 1; Check = $noOutput
        })
}

# ---- Measure-GrinfiLead: one search of one contact, for its total ----
# repeat-page, phantom-page: not paged (one request). A made-up total cannot be told from a real one.
$rows.Add(@{
        Cmdlet = 'Measure-GrinfiLead'; Read = 'search (count)'; Misbehaviour = 'ignore-filter'
        Setup = (New-ListSetup)
        Faults = @(@{ path = $search; kind = 'ignore-filter'; count = 1000 })
        Run = { Measure-GrinfiLead -List Misbehaving }
        ErrorId = 'GrinfiFilterIgnored'; Message = '*the count of the contacts a filter selects stopped*its list_uuid*'; Path = $search; Requests = 1; Check = $noOutput
    })
foreach ($kind in 'html-200', 'truncated') {
    $rows.Add(@{
            Cmdlet = 'Measure-GrinfiLead'; Read = 'search (count)'; Misbehaviour = $kind
            Faults = @(@{ path = $search; kind = $kind; count = 1000 })
            Run = { Measure-GrinfiLead -Filter @{ company_name = 'is_not_null' } }
            ErrorId = 'GrinfiResponseNotJson'; Message = $(if ($kind -eq 'html-200') { $signIn } else { $cutShort }); Path = $search; Requests = 1; Check = $noOutput
        })
}

# ---- Set-GrinfiLead: the lookups before any write ----
# The first lookup reads one page of the whole team at the largest size; a team that fits in it
# is matched in memory (no filter to ignore). The sandbox's page is clamped to 50 here, so the
# team does not fit, and the lookups go on by uuid, then by each identifier, under the guards.
foreach ($kind in 'repeat-page', 'phantom-page', 'ignore-filter') {
    $rows.Add(@{
            Cmdlet = 'Set-GrinfiLead'; Read = 'lookups'; Misbehaviour = $kind; Setup = $setRows
            Options = @{ maxPageSize = 50 }
            Faults = @(@{ path = $search; kind = $kind; count = 1000 })
            Run = $setRun
            # The team page (the first search) tells nothing wrong; the lookup by uuid gets
            # contacts that are not the one it asked for: 2 searches.
            ErrorId = 'GrinfiFilterIgnored'; Message = '*Reading contacts by UUID stopped*'; Path = $search; Requests = 2; Check = $nothingWritten
        })
}
foreach ($kind in 'html-200', 'truncated') {
    $rows.Add(@{
            Cmdlet = 'Set-GrinfiLead'; Read = 'lookups'; Misbehaviour = $kind; Setup = $setRows
            Faults = @(@{ path = $search; kind = $kind; count = 1000 })
            Run = $setRun
            ErrorId = 'GrinfiResponseNotJson'; Message = $(if ($kind -eq 'html-200') { $signIn } else { $cutShort }); Path = $search; Requests = 1; Check = $nothingWritten
        })
}

# ---- Get-GrinfiLead -List X | Remove-GrinfiLead -Force: what the search passes on is deleted ----
# Remove-GrinfiLead reads no pages itself (it takes contacts from the pipeline); what it may
# delete is what the read upstream lets through.
$removeRun = { param($Context) Get-GrinfiLead -List Misbehaving | ForEach-Object { $Context.Piped.Add($_); $_ } | Remove-GrinfiLead -Force }
$removeSetup = {
    param($Sandbox)
    $made = Invoke-SandboxControl $Sandbox contacts -Method POST -Body @{ count = 5; listName = 'Misbehaving' }
    @{ Uuids = @($made.uuids); Piped = [Collections.Generic.List[object]]::new() }
}
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead | Remove-GrinfiLead'; Read = 'search'; Misbehaviour = 'ignore-filter'
        Setup = $removeSetup
        Faults = @(@{ path = $search; kind = 'ignore-filter'; count = 1000 })
        Run = $removeRun
        ErrorId = 'GrinfiFilterIgnored'; Message = $filterIgnored; Path = $search; Requests = 1
        Check = {
            param($Result)
            $Result.Context.Piped | Should -BeNullOrEmpty
            Assert-NoMassAction $Result
            (Invoke-SandboxControl $Result.Context.Sandbox 'state?teamId=1').contacts | Should -Be 55
        }
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiLead | Remove-GrinfiLead'; Read = 'search'; Misbehaviour = 'repeat-page'
        Options = @{ maxPageSize = 3 }; Setup = $removeSetup
        Faults = @(@{ path = $search; kind = 'repeat-page'; count = 1000 })
        Run = $removeRun
        ErrorId = 'GrinfiPagingStalled'; Message = $stalled; Path = $search; Requests = 2
        Check = {
            param($Result)
            # The first page was real and in the list: those three, and only those, are deleted.
            $Result.Context.Piped.Count | Should -Be 3
            $Result.Context.Piped.Uuid | ForEach-Object { $_ | Should -BeIn $Result.Context.Uuids }
            $deleted = @($Result.Requests | Where-Object path -EQ '/leads/api/leads/mass-action' | ForEach-Object { ($_.body | ConvertFrom-Json).filter.ids })
            $deleted | Sort-Object | Should -Be ($Result.Context.Piped.Uuid | Sort-Object)
        }
    })
foreach ($kind in 'html-200', 'truncated') {
    $rows.Add(@{
            Cmdlet = 'Get-GrinfiLead | Remove-GrinfiLead'; Read = 'search'; Misbehaviour = $kind; Setup = $removeSetup
            Faults = @(@{ path = $search; kind = $kind; count = 1000 })
            Run = $removeRun
            ErrorId = 'GrinfiResponseNotJson'; Message = $(if ($kind -eq 'html-200') { $signIn } else { $cutShort }); Path = $search; Requests = 1
            Check = { param($Result) $Result.Context.Piped | Should -BeNullOrEmpty; Assert-NoMassAction $Result }
        })
}

# ---- Invoke-GrinfiMassAction -FromList: the list name (GET lists), then a count (search) ----
$massRun = { Invoke-GrinfiMassAction -FromList Misbehaving -Action Delete -Force }
$rows.Add(@{
        Cmdlet = 'Invoke-GrinfiMassAction -FromList'; Read = 'count search'; Misbehaviour = 'ignore-filter'
        # The prompt's count comes from a search that ignored the list: stopped before any delete.
        Setup = (New-ListSetup)
        Faults = @(@{ path = $search; kind = 'ignore-filter'; count = 1000 })
        Run = $massRun
        ErrorId = 'GrinfiFilterIgnored'; Message = '*the count of the contacts a filter selects stopped*'; Path = $search; Requests = 1; Check = $noMassAction
    })

# ---- every cmdlet that resolves a list name reads every list (GET lists, paged) ----
# ignore-filter: the list read sends no filter. phantom-page in the minimal reading: list pages
# carry a total and no has_more, so a phantom that keeps to its own total reads as that many
# lists (see the bench for the default claim of 1,000,000); the generous reading's has_more
# claims more past it, which the bound stops.
$listNameReaders = [ordered]@{
    'Get-GrinfiLead -List'              = { Get-GrinfiLead -List Misbehaving }
    'Invoke-GrinfiMassAction -FromList' = $massRun
    'Get-GrinfiList'                    = { Get-GrinfiList }
}
foreach ($entry in $listNameReaders.GetEnumerator()) {
    $rows.Add(@{
            Cmdlet = $entry.Key; Read = 'lists'; Misbehaviour = 'repeat-page'
            Options = @{ maxPageSize = 2 }; Setup = (New-ListSetup)
            Faults = @(@{ path = $lists; kind = 'repeat-page'; count = 1000 })
            Run = $entry.Value
            ErrorId = 'GrinfiPagingStalled'; Message = '*Reading lists stopped: page 2 brought nothing new*'; Path = $lists; Requests = 2
            Check = { param($Result) Assert-NoOutput $Result; Assert-NoMassAction $Result; @($Result.Requests | Where-Object path -EQ '/leads/api/leads/search') | Should -BeNullOrEmpty }
        })
    $rows.Add(@{
            Cmdlet = $entry.Key; Read = 'lists'; Misbehaviour = 'phantom-page (total 5,000, has_more)'
            Options = @{ reading = 'generous' }; Setup = (New-ListSetup)
            Faults = @(@{ path = $lists; kind = 'phantom-page'; count = 1000; total = 5000 })
            Run = $entry.Value
            ErrorId = 'GrinfiPagingRunaway'; Message = (Get-RunawayMessage 8 5000); Path = $lists; Requests = 8
            Check = { param($Result) Assert-NoOutput $Result; Assert-NoMassAction $Result }
        })
    foreach ($kind in 'html-200', 'truncated') {
        $rows.Add(@{
                Cmdlet = $entry.Key; Read = 'lists'; Misbehaviour = $kind; Setup = (New-ListSetup)
                Faults = @(@{ path = $lists; kind = $kind; count = 1000 })
                Run = $entry.Value
                ErrorId = 'GrinfiResponseNotJson'; Message = $(if ($kind -eq 'html-200') { $signIn } else { $cutShort }); Path = $lists; Requests = 1
                Check = { param($Result) Assert-NoOutput $Result; Assert-NoMassAction $Result }
            })
    }
}

# ---- Get-GrinfiCustomField (GET custom-fields, paged; the vendor allows 100 per object type) ----
# ignore-filter: the read sends no filter.
$rows.Add(@{
        Cmdlet = 'Get-GrinfiCustomField'; Read = 'custom fields'; Misbehaviour = 'repeat-page'
        # Only a page that says more follow can be repeated: the minimal reading's custom-field
        # page is {data} alone, and one field a page ends the read. The generous one has has_more.
        Options = @{ maxPageSize = 1; reading = 'generous' }
        Faults = @(@{ path = $customFields; kind = 'repeat-page'; count = 1000 })
        Run = { Get-GrinfiCustomField }
        ErrorId = 'GrinfiPagingStalled'; Message = '*Reading custom fields stopped: page 2 brought nothing new*'; Path = $customFields; Requests = 2; Check = $noOutput
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiCustomField'; Read = 'custom fields'; Misbehaviour = 'phantom-page'
        # No total, no has_more (minimal reading): 10,000 pages by the bound alone; the vendor's
        # "at most 100 per object type" ends it at the first page of 1,000.
        Faults = @(@{ path = $customFields; kind = 'phantom-page'; count = 1000 })
        Run = { Get-GrinfiCustomField }
        ErrorId = 'GrinfiPagingRunaway'; Message = '*the server sent 1,000 different ones, and the API holds no more than 200*'; Path = $customFields; Requests = 1; Check = $noOutput
    })

# ---- Get-GrinfiAutomation (GET flows, paged, with has_more) ----
$rows.Add(@{
        Cmdlet = 'Get-GrinfiAutomation'; Read = 'automations'; Misbehaviour = 'repeat-page'
        Options = @{ maxPageSize = 2 }
        Faults = @(@{ path = $flows; kind = 'repeat-page'; count = 1000 })
        Run = { Get-GrinfiAutomation }
        ErrorId = 'GrinfiPagingStalled'; Message = '*Reading automations stopped: page 2 brought nothing new*'; Path = $flows; Requests = 2; Check = $noOutput
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiAutomation'; Read = 'automations'; Misbehaviour = 'phantom-page (total 3,000)'
        Faults = @(@{ path = $flows; kind = 'phantom-page'; count = 1000; total = 3000 })
        Run = { Get-GrinfiAutomation }
        ErrorId = 'GrinfiPagingRunaway'; Message = (Get-RunawayMessage 6 3000); Path = $flows; Requests = 6; Check = $noOutput
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiAutomation -Status'; Read = 'automations'; Misbehaviour = 'ignore-filter'
        Faults = @(@{ path = $flows; kind = 'ignore-filter'; count = 1000 })
        Run = { Get-GrinfiAutomation -Status on }
        ErrorId = 'GrinfiFilterIgnored'; Message = '*automation*outside the filter (its status is *, where the filter asked for on)*'; Path = $flows; Requests = 1; Check = $noOutput
    })

# ---- not paged (one request): Get-GrinfiTag, Get-GrinfiPipelineStage, and the reads of the
# other collections; only an answer that is not JSON applies. repeat-page needs a second page;
# phantom-page makes a full page of made-up items that cannot be told from real ones.
$notJson = [ordered]@{
    'Get-GrinfiCustomField' = @($customFields, { Get-GrinfiCustomField })
    'Get-GrinfiAutomation'  = @($flows, { Get-GrinfiAutomation })
    'Get-GrinfiTag'         = @($tags, { Get-GrinfiTag })
    'Get-GrinfiPipelineStage' = @($stages, { Get-GrinfiPipelineStage })
}
foreach ($entry in $notJson.GetEnumerator()) {
    foreach ($kind in 'html-200', 'truncated') {
        $rows.Add(@{
                Cmdlet = $entry.Key; Read = ($entry.Value[0] -split '/')[-1]; Misbehaviour = $kind
                Faults = @(@{ path = $entry.Value[0]; kind = $kind; count = 1000 })
                Run = $entry.Value[1]
                ErrorId = 'GrinfiResponseNotJson'; Message = $(if ($kind -eq 'html-200') { $signIn } else { $cutShort }); Path = $entry.Value[0]; Requests = 1; Check = $noOutput
            })
    }
}
$rows.Add(@{
        Cmdlet = 'Get-GrinfiPipelineStage'; Read = 'pipeline-stages'; Misbehaviour = 'ignore-filter'
        # The vendor requires filter.object; a server that drops the filter answers 422, which
        # names the field. Nothing a person can do about it beyond the message: no advice.
        Faults = @(@{ path = $stages; kind = 'ignore-filter'; count = 1000 })
        Run = { Get-GrinfiPipelineStage }
        ErrorId = 'GrinfiValidationError'; Message = '*GET /leads/api/pipeline-stages failed with 422*filter.object*'; Path = $stages; Requests = 1; Check = $noOutput
        NoAdvice = $true
    })

# ---- Notes, activities and the do-not-contact lists: streamed GET reads (CollectionPager) ----
# Notes and activities state no total in the minimal reading, so a phantom read there is
# stopped only by the 10,000-page bound (see the bench); the rows use the generous reading,
# whose total the bound counts from. Notes and the lists have no filter to ignore.
$notesPath = '/leads/api/notes'
$activitiesPath = '/leads/api/activities'
$peoplePath = '/leads/api/leads-blacklist'
$companiesPath = '/leads/api/companies-blacklist'
$notesSetup = {
    param($Sandbox)
    $lead = (Invoke-SandboxControl $Sandbox contacts -Method POST -Body @{ count = 1 }).uuids[0]
    foreach ($text in 'One', 'Two', 'Three') { $null = Invoke-SandboxApi $Sandbox $notesPath -Method POST -Body @{ object = 'lead'; object_uuid = $lead; note = $text } }
    @{ Lead = $lead; Notes = @(Invoke-SandboxApi $Sandbox "$($notesPath)?limit=1000").data.Count }
}
$activitySetup = {
    param($Sandbox)
    $lead = (Invoke-SandboxControl $Sandbox contacts -Method POST -Body @{ count = 1 }).uuids[0]
    foreach ($type in 'email_sent', 'email_opened') { $null = Invoke-SandboxApi $Sandbox $activitiesPath -Method POST -Body @{ object_type = 'lead'; object_uuid = $lead; type = $type } }
    @{ Lead = $lead }
}
$noListWrite = { param($Result) @($Result.Requests | Where-Object { $_.method -in 'POST', 'DELETE' }) | Should -BeNullOrEmpty }
$rows.Add(@{
        Cmdlet = 'Get-GrinfiNote -All'; Read = 'notes'; Misbehaviour = 'repeat-page'; Setup = $notesSetup
        Faults = @(@{ path = $notesPath; kind = 'repeat-page'; count = 1000 })
        Run = { Get-GrinfiNote -All }
        ErrorId = 'GrinfiPagingStalled'; Message = $stalled; Path = $notesPath; Requests = 2
        # The first page is real and written; its repetition is not.
        Check = { param($Result) $Result.Output.Count | Should -Be $Result.Context.Notes }
    })
$rows.Add(@{
        Cmdlet = 'Get-GrinfiNote -Lead'; Read = 'notes'; Misbehaviour = 'phantom-page (total 50, generous)'; Setup = $notesSetup
        Options = @{ reading = 'generous' }
        Faults = @(@{ path = $notesPath; kind = 'phantom-page'; count = 1000; total = 50 })
        Run = { param($Context) Get-GrinfiNote -Lead $Context.Lead }
        ErrorId = 'GrinfiPagingRunaway'; Message = (Get-RunawayMessage 4 50); Path = $notesPath; Requests = 4  # ⌈50/1,000⌉ + 3
        Check = $noOutput
    })
foreach ($kind in 'html-200', 'truncated') {
    $rows.Add(@{
            Cmdlet = 'Get-GrinfiNote -Lead'; Read = 'notes'; Misbehaviour = $kind; Setup = $notesSetup
            Faults = @(@{ path = $notesPath; kind = $kind; count = 1000 })
            Run = { param($Context) Get-GrinfiNote -Lead $Context.Lead }
            ErrorId = 'GrinfiResponseNotJson'; Message = $(if ($kind -eq 'html-200') { $signIn } else { $cutShort }); Path = $notesPath; Requests = 1; Check = $noOutput
        })
}
$rows.Add(@{
        Cmdlet = 'Get-GrinfiActivity -Lead'; Read = 'activities'; Misbehaviour = 'repeat-page'; Setup = $activitySetup
        Faults = @(@{ path = $activitiesPath; kind = 'repeat-page'; count = 1000 })
        Run = { param($Context) Get-GrinfiActivity -Lead $Context.Lead }
        ErrorId = 'GrinfiPagingStalled'; Message = $stalled; Path = $activitiesPath; Requests = 2
        Check = { param($Result) $Result.Output.Type | Should -Be 'email_sent', 'email_opened' }
    })
foreach ($kind in 'ignore-filter', 'phantom-page') {
    $rows.Add(@{
            Cmdlet = 'Get-GrinfiActivity -Lead'; Read = 'activities'; Misbehaviour = $kind; Setup = $activitySetup
            # The team's activities, or made-up ones, are on other contacts: the first page tells.
            Faults = @(@{ path = $activitiesPath; kind = $kind; count = 1000 })
            Run = { param($Context) Get-GrinfiActivity -Lead $Context.Lead }
            ErrorId = 'GrinfiFilterIgnored'; Message = $filterIgnored; Path = $activitiesPath; Requests = 1; Check = $noOutput
        })
}
$rows.Add(@{
        Cmdlet = 'Get-GrinfiActivity -Type'; Read = 'activities'; Misbehaviour = 'phantom-page (total 50, generous)'
        # Made-up activities of the type asked for pass the filter check: up to the bound they are written.
        Options = @{ reading = 'generous' }
        Faults = @(@{ path = $activitiesPath; kind = 'phantom-page'; count = 1000; total = 50 })
        Run = { Get-GrinfiActivity -Type email_sent }
        ErrorId = 'GrinfiPagingRunaway'; Message = (Get-RunawayMessage 4 50); Path = $activitiesPath; Requests = 4
        Check = { param($Result) $Result.Output.Count | Should -Be 3000 }
    })
foreach ($kind in 'html-200', 'truncated') {
    $rows.Add(@{
            Cmdlet = 'Get-GrinfiActivity -Lead'; Read = 'activities'; Misbehaviour = $kind; Setup = $activitySetup
            Faults = @(@{ path = $activitiesPath; kind = $kind; count = 1000 })
            Run = { param($Context) Get-GrinfiActivity -Lead $Context.Lead }
            ErrorId = 'GrinfiResponseNotJson'; Message = $(if ($kind -eq 'html-200') { $signIn } else { $cutShort }); Path = $activitiesPath; Requests = 1; Check = $noOutput
        })
}
foreach ($entry in @(
        @{ Cmdlet = 'Get-GrinfiDoNotContact'; Path = $peoplePath; Run = { Get-GrinfiDoNotContact } }
        @{ Cmdlet = 'Get-GrinfiCompanyDoNotContact'; Path = $companiesPath; Run = { Get-GrinfiCompanyDoNotContact } })) {
    $rows.Add(@{
            Cmdlet = $entry.Cmdlet; Read = 'the list'; Misbehaviour = 'repeat-page'
            # Pages of one entry, so that the seeded list has a second page to repeat.
            Options = @{ maxPageSize = 1 }
            Faults = @(@{ path = $entry.Path; kind = 'repeat-page'; count = 1000 })
            Run = $entry.Run
            ErrorId = 'GrinfiPagingStalled'; Message = $stalled; Path = $entry.Path; Requests = 2
            Check = { param($Result) $Result.Output.Count | Should -Be 1 }
        })
    $rows.Add(@{
            Cmdlet = $entry.Cmdlet; Read = 'the list'; Misbehaviour = 'phantom-page (total 50)'
            Faults = @(@{ path = $entry.Path; kind = 'phantom-page'; count = 1000; total = 50 })
            Run = $entry.Run
            ErrorId = 'GrinfiPagingRunaway'; Message = (Get-RunawayMessage 4 50); Path = $entry.Path; Requests = 4
        })
}
foreach ($kind in 'repeat-page', 'phantom-page') {
    $rows.Add(@{
            Cmdlet = 'Add-GrinfiDoNotContact -Email'; Read = 'the list (values already on it)'; Misbehaviour = $kind
            Options = $(if ($kind -eq 'repeat-page') { @{ maxPageSize = 1 } } else { @{} })
            Faults = @($(if ($kind -eq 'repeat-page') { @{ path = $peoplePath; kind = $kind; count = 1000 } } else { @{ path = $peoplePath; kind = $kind; count = 1000; total = 50 } }))
            Run = { Add-GrinfiDoNotContact -Email 'new@optout.example' -PassThru }
            # Not knowing what is on the list, nothing is added.
            ErrorId = $(if ($kind -eq 'repeat-page') { 'GrinfiPagingStalled' } else { 'GrinfiPagingRunaway' })
            Message = $(if ($kind -eq 'repeat-page') { $stalled } else { Get-RunawayMessage 4 50 })
            Path = $peoplePath; Requests = $(if ($kind -eq 'repeat-page') { 2 } else { 4 })
            Check = { param($Result) Assert-NoOutput $Result; & $noListWrite $Result }
        })
}
$rows.Add(@{
        Cmdlet = 'Remove-GrinfiDoNotContact -Email'; Read = 'the list (entries to delete)'; Misbehaviour = 'phantom-page (total 50)'
        Faults = @(@{ path = $peoplePath; kind = 'phantom-page'; count = 1000; total = 50 })
        Run = { Remove-GrinfiDoNotContact -Email 'legal@bigcorp.example' -Force }
        # The entries are not known for sure, so nothing is deleted.
        ErrorId = 'GrinfiPagingRunaway'; Message = (Get-RunawayMessage 4 50); Path = $peoplePath; Requests = 4
        Check = $noListWrite
    })

# ---- Invoke-GrinfiRequest -All: limit/offset pages of any endpoint ----
# ignore-filter: a raw request; the module does not know what the endpoint's filter means.
$rows.Add(@{
        Cmdlet = 'Invoke-GrinfiRequest -All'; Read = 'GET flows'; Misbehaviour = 'repeat-page'
        Faults = @(@{ path = $flows; kind = 'repeat-page'; count = 1000 })
        Run = { Invoke-GrinfiRequest GET /flows/api/flows -All -PageSize 2 }
        ErrorId = 'GrinfiPagingStalled'; Message = $stalled; Path = $flows; Requests = 2
        Check = { param($Result) $Result.Output.Count | Should -Be 2 }
    })
$rows.Add(@{
        Cmdlet = 'Invoke-GrinfiRequest -All'; Read = 'POST search'; Misbehaviour = 'repeat-page'
        Faults = @(@{ path = $search; kind = 'repeat-page'; count = 1000 })
        Run = { Invoke-GrinfiRequest POST /leads/api/leads/search -Body @{} -All -PageSize 10 -Idempotent }
        ErrorId = 'GrinfiPagingStalled'; Message = $stalled; Path = $search; Requests = 2
        Check = { param($Result) $Result.Output.Count | Should -Be 10 }
    })
$rows.Add(@{
        Cmdlet = 'Invoke-GrinfiRequest -All'; Read = 'GET flows'; Misbehaviour = 'phantom-page (total 1,000)'
        Faults = @(@{ path = $flows; kind = 'phantom-page'; count = 1000; total = 1000 })
        Run = { Invoke-GrinfiRequest GET /flows/api/flows -All -PageSize 100 }
        ErrorId = 'GrinfiPagingRunaway'; Message = (Get-RunawayMessage 13 1000); Path = $flows; Requests = 13  # ⌈1,000/100⌉ + 3
        Check = { param($Result) $Result.Output.Count | Should -Be 1300 }
    })
foreach ($kind in 'html-200', 'truncated') {
    $rows.Add(@{
            Cmdlet = 'Invoke-GrinfiRequest -All'; Read = 'GET flows'; Misbehaviour = $kind
            Faults = @(@{ path = $flows; kind = $kind; count = 1000 })
            Run = { Invoke-GrinfiRequest GET /flows/api/flows -All }
            ErrorId = 'GrinfiResponseNotJson'; Message = $(if ($kind -eq 'html-200') { $signIn } else { $cutShort }); Path = $flows; Requests = 1; Check = $noOutput
        })
}

$rows
