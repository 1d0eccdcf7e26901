<#
    Set-GrinfiLead on long runs: thousands of rows the same as one, the progress bar (rows done,
    rate, waiting for the rate limit), -Verbose telling queue wait from server time, and Ctrl+C
    (the summary on the host and in $GrinfiLastRun, and a resume that ends with every row once).
    No timing is asserted beyond generous safety bounds.
#>
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-Module "$PSScriptRoot/SetGrinfiLead.TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 40

    if (-not ('GrinfiTests.RecordingHost' -as [type])) {
        # A host that keeps what is written to it: a stopped pipeline can only reach the user there.
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace GrinfiTests
{
    public sealed class RecordingHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        private readonly RecordingUI _ui = new RecordingUI();
        public override string Name { get { return "GrinfiTestHost"; } }
        public override Version Version { get { return new Version(1, 0); } }
        public override Guid InstanceId { get { return _id; } }
        public override PSHostUserInterface UI { get { return _ui; } }
        public override CultureInfo CurrentCulture { get { return CultureInfo.CurrentCulture; } }
        public override CultureInfo CurrentUICulture { get { return CultureInfo.CurrentUICulture; } }
        public string Text { get { return _ui.Text; } }
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() { throw new NotSupportedException(); }
        public override void ExitNestedPrompt() { throw new NotSupportedException(); }
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class RecordingUI : PSHostUserInterface
    {
        private readonly StringBuilder _text = new StringBuilder();
        public string Text { get { lock (_text) { return _text.ToString(); } } }
        private void Add(string s) { lock (_text) { _text.Append(s); } }
        public override PSHostRawUserInterface RawUI { get { return null; } }
        public override string ReadLine() { throw new NotSupportedException(); }
        public override SecureString ReadLineAsSecureString() { throw new NotSupportedException(); }
        public override void Write(string value) { Add(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { Add(value); }
        public override void WriteLine(string value) { Add(value + "\n"); }
        public override void WriteErrorLine(string value) { Add("ERROR: " + value + "\n"); }
        public override void WriteDebugLine(string message) { Add("DEBUG: " + message + "\n"); }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { Add("VERBOSE: " + message + "\n"); }
        public override void WriteWarningLine(string message) { Add("WARNING: " + message + "\n"); }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) { throw new NotSupportedException(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) { throw new NotSupportedException(); }
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) { throw new NotSupportedException(); }
    }
}
'@
    }

    function Start-RunInRunspace {
        <#
            Set-GrinfiLead in a runspace of its own (with a recording host), as a user's
            console runs it: returns the PowerShell instance, the host and the async handle.
        #>
        param([object[]] $Rows, [hashtable] $Parameters, [securestring] $Key = $script:sb.Key, [int] $RequestsPerMinute = 100000)
        $recording = [GrinfiTests.RecordingHost]::new()
        $runspace = [runspacefactory]::CreateRunspace($recording)
        $runspace.Open()
        $ps = [powershell]::Create($runspace)
        $null = $ps.AddScript({
                param($module, $baseUri, $key, $rpm, $rows, $parameters)
                Import-Module $module
                Connect-Grinfi -ApiKey $key -BaseUri $baseUri -RequestsPerMinute $rpm -InformationAction Ignore
                $rows | Set-GrinfiLead @parameters
            }).AddArgument((Get-GrinfiTestModulePath)).AddArgument($script:sb.BaseUri).AddArgument($Key).AddArgument($RequestsPerMinute).AddArgument($Rows).AddArgument($Parameters)
        [pscustomobject]@{ PowerShell = $ps; Host = $recording; Async = $ps.BeginInvoke() }
    }

    function Get-Streamed([object] $Collection) {
        # A copy of a stream the other runspace may still be writing to.
        @(for ($i = 0; $i -lt $Collection.Count; $i++) { $Collection[$i] })
    }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds, [string] $Because) {
        # Bounded: a run that never gets there fails the test instead of hanging it.
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $Seconds s waiting until $Because." }
            Start-Sleep -Milliseconds 100
        }
    }

    function Get-LastRunIn([object] $Run) {
        $Run.PowerShell.Commands.Clear()
        @($Run.PowerShell.AddScript('$GrinfiLastRun').Invoke())[0]
    }

    function New-KindRows {
        <#
            Rows of the three kinds, in turn: new (a CSV-like row), existing (matched by its
            LinkedIn handle, a hashtable), bad (one of several kinds of bad value).
        #>
        param([int] $Count, [object[]] $Existing, [string] $Prefix)
        $bad = { param($i) switch ($i % 4) { 0 { @{ LinkedIn = "https://twitter.com/$Prefix-$i" } } 1 { @{ LinkedIn = "$Prefix-bad-$i"; Email = 'n/a' } } 2 { @{ Uuid = "not-a-uuid-$i" } } 3 { @{ LinkedIn = "$Prefix-nan-$i"; deal_size = [double]::NaN } } } }
        for ($i = 0; $i -lt $Count; $i++) {
            switch ($i % 3) {
                0 { [pscustomobject]@{ 'LinkedIn URL' = "https://www.linkedin.com/in/$Prefix-new-$i"; 'First Name' = 'New'; 'Last Name' = "$Prefix $i"; Company = 'Bulk Co' } }
                1 { $lead = $Existing[[math]::Floor($i / 3)]; @{ LinkedIn = $lead.LinkedIn; FirstName = $lead.FirstName } }
                2 { [pscustomobject](& $bad ([math]::Floor($i / 3))) }
            }
        }
    }
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Any number of rows' {
    It 'treats each row of 10,000 exactly as it treats it alone' {
        Reset-TestSandbox $script:sb -Contacts 3700
        Connect-TestSandbox $script:sb
        $violations = Get-UnexpectedViolationCount $script:sb
        $existing = @(Get-GrinfiLead -Filter @{ linkedin = 'is_not_null' } -First 3340)
        $existing.Count | Should -Be 3340
        $parameters = @{ List = 'Prospects'; PipelineStage = 'Interested'; AddTag = 'Follow-up'; CustomField = @{ source = 'bulk' }; Position = 'Bulk buyer' }

        # One row of each kind, alone: a new contact, an existing one, a bad row.
        $singles = foreach ($one in New-KindRows -Count 3 -Existing $existing -Prefix 'small') {
            $run = Invoke-SetLeadRun $script:sb -Rows @($one) -Parameters $parameters
            Assert-RunAgreesWithLog $run -Rows @($one)
            $run
        }
        $small = [pscustomobject]@{ Upserts = @($singles.Upserts); Mass = @($singles.Mass) }
        $rows = @(New-KindRows -Count 10000 -Existing ($existing | Select-Object -Skip 1) -Prefix 'large')
        $large = Invoke-SetLeadRun $script:sb -Rows $rows -Parameters $parameters

        Assert-RunAgreesWithLog $large -Rows $rows
        ($singles.Summary | ForEach-Object { "$_" -replace ' \(.*$' }) | Should -Be @(
            'Set-GrinfiLead: 1 row: 1 created, 0 updated, 0 unchanged, 0 skipped, 0 failed'
            'Set-GrinfiLead: 1 row: 0 created, 1 updated, 0 unchanged, 0 skipped, 0 failed'
            'Set-GrinfiLead: 1 row: 0 created, 0 updated, 0 unchanged, 0 skipped, 1 failed')
        "$($large.Summary)" | Should -BeLike '*10,000 rows: 3,334 created, 3,333 updated, 0 unchanged, 0 skipped, 3,333 failed*'
        # The same request shapes for the same kind of row.
        $shape = { param($u) ($u.lead.PSObject.Properties.Name | Sort-Object) -join ',' | ForEach-Object { "$_ | $($u.list_uuid) | $($u.custom_fields | ConvertTo-Json -Compress) | $($u.update_if_exists) $($u.move_to_list) | $($u.lead.position)" } }
        $smallNew = & $shape ($small.Upserts | Where-Object { $_.lead.linkedin_id -like '*-new-*' })
        $smallOld = & $shape ($small.Upserts | Where-Object { $_.lead.linkedin_id -notlike '*-new-*' })
        $large.Upserts | Where-Object { $_.lead.linkedin_id -like '*-new-*' } | ForEach-Object { & $shape $_ } | Sort-Object -Unique | Should -Be $smallNew
        $large.Upserts | Where-Object { $_.lead.linkedin_id -notlike '*-new-*' } | ForEach-Object { & $shape $_ } | Sort-Object -Unique | Should -Be $smallOld
        ($large.Mass | ForEach-Object { "$($_.Type) $($_.Payload | ConvertTo-Json -Compress)" } | Sort-Object -Unique) |
            Should -Be ($small.Mass | ForEach-Object { "$($_.Type) $($_.Payload | ConvertTo-Json -Compress)" } | Sort-Object -Unique)
        $large.Mass | ForEach-Object { $_.Ids.Count | Should -BeLessOrEqual 500 }
        # The tag goes to every new contact and to the existing ones without it, each once.
        $followUp = (Get-GrinfiTag 'Follow-up').Uuid
        $lacking = @($existing | Select-Object -Skip 1 -First 3333 | Where-Object { $large.Before[$_.Uuid].tags -notcontains $followUp }).Count
        @($large.Mass | Where-Object Type -EQ 'contact_add_tags' | ForEach-Object Ids).Count | Should -Be ($large.Created.Count + $lacking)
        # Every kind of bad row fails with its own error, before any request.
        ($large.Errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] } | Group-Object -NoElement | ForEach-Object { "$($_.Name)=$($_.Count)" }) -join ' ' |
            Should -Be 'GrinfiInvalidEmail=833 GrinfiInvalidFieldValue=833 GrinfiInvalidLinkedInId=834 GrinfiInvalidUuid=833'
        Get-UnexpectedViolationCount $script:sb | Should -Be $violations
    }
}

Describe 'Long runs' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
    }

    It 'shows progress: rows done and the rate, and a completed bar at the end' {
        Set-SandboxOption $script:sb @{ latencyMs = 40 }
        $existing = @(Get-GrinfiLead -Filter @{ linkedin = 'is_not_null' } -First 30)
        $rows = @(New-KindRows -Count 90 -Existing $existing -Prefix 'progress')
        $run = Start-RunInRunspace -Rows $rows -Parameters @{ List = 'Prospects'; ThrottleLimit = 2; Headline = 'Progressing' }
        try {
            $null = $run.PowerShell.EndInvoke($run.Async)
            $progress = Get-Streamed $run.PowerShell.Streams.Progress
            $summary = Get-LastRunIn $run
        }
        finally { $run.PowerShell.Dispose() }
        Set-SandboxOption $script:sb @{ latencyMs = 0 }

        "$summary" | Should -BeLike '*90 rows: 30 created, 30 updated, 0 unchanged, 0 skipped, 30 failed*'
        $processing = @($progress | Where-Object RecordType -EQ 'Processing')
        $processing.Count | Should -BeGreaterThan 0 -Because '60 writes, two at a time, 40 ms each, take well over the half second between updates'
        $processing | ForEach-Object { $_.StatusDescription | Should -Match '^[\d,]+ of [\d,]+ rows read are done \([\d.,]+ rows/s\)' }
        $processing.Activity | Sort-Object -Unique | Should -Be 'Set-GrinfiLead'
        $progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'says in the progress bar while the rate limit holds rows, and -Verbose tells queue wait from server time' {
        $key = ConvertTo-SecureString (Invoke-SandboxControl $script:sb keys -Method POST -Body @{ teamId = 1 }).apiKey -AsPlainText -Force
        # Read through the test's own key before the limit applies: that key has spent its six long ago.
        $existing = Get-GrinfiLead -Filter @{ linkedin = 'is_not_null' } -First 1
        Set-SandboxOption $script:sb @{ requestsPerMinute = 6 }
        Clear-SandboxRequest $script:sb
        $rows = @(
            [pscustomobject]@{ LinkedIn = 'rate-limited-new'; FirstName = 'Slow' }
            @{ LinkedIn = $existing.LinkedIn; Headline = 'Waited for it' }
            [pscustomobject]@{ LinkedIn = 'https://twitter.com/rate' }
        )
        # The key check and four reads of names (custom fields twice: a page that states no total
        # is asked once more) fill the key's six a minute: the look-up and the writes wait.
        $run = Start-RunInRunspace -Rows $rows -Parameters @{ List = 'Prospects'; ThrottleLimit = 1; Verbose = $true } -Key $key -RequestsPerMinute 6
        try {
            Wait-Until { Get-Streamed $run.PowerShell.Streams.Progress | Where-Object StatusDescription -Match 'waiting for the rate limit' } -Seconds 50 -Because 'the progress bar says rows wait for the rate limit'
            # The held row goes once a slot frees: about a minute after the first requests.
            Wait-Until { $run.Async.IsCompleted } -Seconds 150 -Because 'the run ends once the limit lets the last write go'
            $null = $run.PowerShell.EndInvoke($run.Async)
            $verbose = Get-Streamed $run.PowerShell.Streams.Verbose | ForEach-Object Message
            $summary = Get-LastRunIn $run
        }
        finally {
            $run.PowerShell.Dispose()
            Set-SandboxOption $script:sb @{ requestsPerMinute = 0 }
        }

        "$summary" | Should -BeLike '*3 rows: 1 created, 1 updated, 0 unchanged, 0 skipped, 1 failed*'
        @(Get-SandboxRequest $script:sb | Where-Object status -EQ 429) | Should -BeNullOrEmpty -Because 'the client paces itself under the key''s limit'
        $waited = @($verbose | Where-Object { $_ -match '^POST /leads/api/leads/(search|upsert) 200 \([\d,]+ ms: ([\d,]+) queued for the rate limit, ([\d,]+) at the server\)' })
        $waited.Count | Should -BeGreaterOrEqual 1
        $null = $waited[0] -match 'ms: ([\d,]+) queued for the rate limit, ([\d,]+) at the server'
        [int]($Matches[1] -replace ',') | Should -BeGreaterThan 1000 -Because 'the request waited for a slot'
    }

    It 'on Ctrl+C writes the summary to the host and keeps it in $GrinfiLastRun, and a resume from it ends with every row once' {
        # 60 writes, two at a time, 100 ms each: at least 3 s, so the stop comes mid-run.
        Set-SandboxOption $script:sb @{ latencyMs = 100 }
        $existing = @(Get-GrinfiLead -Filter @{ linkedin = 'is_not_null' } -First 30)
        $rows = @(New-KindRows -Count 90 -Existing $existing -Prefix 'stop')
        $parameters = @{ List = 'Prospects'; AddTag = 'VIP'; Headline = 'Stopped and resumed'; BatchSize = 5; ThrottleLimit = 2 }
        $run = Start-RunInRunspace -Rows $rows -Parameters $parameters
        try {
            # A second batch of tags is sent only once the first came back: rows are then done.
            Wait-Until { @(Get-SandboxRequest $script:sb -Path '/leads/api/leads/mass-action').Count -ge 2 } -Seconds 60 -Because 'some rows are done, their tags sent'
            $run.PowerShell.Stop()
            $lastRun = Get-LastRunIn $run
            $shown = $run.Host.Text
        }
        finally { $run.PowerShell.Dispose() }
        Set-SandboxOption $script:sb @{ latencyMs = 0 }

        $lastRun | Should -Not -BeNullOrEmpty
        $lastRun.Stopped | Should -BeTrue
        $shown | Should -BeLike "*$($lastRun.Command): $($lastRun.Rows) rows:*stopped with $($lastRun.Unknown) in flight (unknown). Rows 1 to $($lastRun.ResumeAfterRow) are done*"
        ($lastRun.Created + $lastRun.Updated + $lastRun.Unchanged + $lastRun.Skipped + $lastRun.Failed + $lastRun.Unknown) | Should -Be $lastRun.Rows
        $lastRun.ResumeAfterRow | Should -BeGreaterThan 0
        $lastRun.ResumeAfterRow | Should -BeLessThan $rows.Count
        # Rows 1..N are done, their batched tag sent with them.
        $vip = (Get-GrinfiTag 'VIP').Uuid
        $isGood = { ($_.LinkedIn ?? $_.'LinkedIn URL') -and $_.LinkedIn -notlike '*twitter*' -and -not $_.Uuid -and $_.Email -ne 'n/a' -and -not $_.deal_size }
        $profileOf = { param($row) if ($row -is [hashtable]) { $row.LinkedIn } else { $row.'LinkedIn URL' } }
        $team = (Get-TeamSnapshot $script:sb).Values | Group-Object { "$($_.linkedin)".ToLowerInvariant() } -AsHashTable -AsString
        foreach ($row in $rows | Select-Object -First $lastRun.ResumeAfterRow | Where-Object $isGood) {
            $profile = (& $profileOf $row).ToLowerInvariant()
            $team[$profile].Count | Should -Be 1 -Because "row of $profile is done"
            $team[$profile][0].tags | Should -Contain $vip -Because "row of $profile is done, batched changes included ($lastRun; host: $shown)"
        }

        $resume = Invoke-SetLeadRun $script:sb -Command { $rows | Select-Object -Skip $lastRun.ResumeAfterRow | Set-GrinfiLead @parameters -ErrorAction Continue }

        $resume.Summary.Rows | Should -Be ($rows.Count - $lastRun.ResumeAfterRow)
        $good = @($rows | Where-Object $isGood)
        $good.Count | Should -Be 60
        $team = $resume.After.Values | Group-Object { "$($_.linkedin)".ToLowerInvariant() } -AsHashTable -AsString
        foreach ($row in $good) {
            $profile = (& $profileOf $row).ToLowerInvariant()
            $team[$profile].Count | Should -Be 1 -Because "$profile is in the team once"
            $team[$profile][0].tags | Should -Contain $vip
            $team[$profile][0].headline | Should -Be 'Stopped and resumed'
        }
    }
}
