# The HTTP core as users meet it through the cmdlets: retries, error records, streams, Ctrl+C.
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 40
    $script:search = '/leads/api/leads/search'
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Retries through the cmdlets' {
    BeforeEach {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
    }

    It 'waits out a 429 with Retry-After and succeeds' {
        Add-SandboxFault $script:sb @{ path = $script:search; kind = 'status'; status = 429; retryAfter = '1' }

        $verbose = Get-GrinfiLead -First 2 -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }
        $leads = Get-GrinfiLead -First 2

        $leads.Count | Should -Be 2
        ($verbose.Message -join "`n") | Should -Match '429.*Retry-After 1 s.*retry 1 of 6'
        (Get-SandboxRequest $script:sb -Path $script:search).status | Select-Object -First 2 | Should -Be @(429, 200)
    }

    It 'retries a 503 and a dropped connection on reads' {
        Add-SandboxFault $script:sb @(
            @{ path = $script:search; kind = 'status'; status = 503; body = 'Service Unavailable'; contentType = 'text/plain' }
            @{ path = $script:search; kind = 'drop' }
        )

        (Get-GrinfiLead -First 3).Count | Should -Be 3
        (Get-SandboxRequest $script:sb -Path $script:search).status | Should -Be @(503, 0, 200)
    }

    It 'gives up after -MaximumRetryCount with the status and the start of a proxy page' {
        Connect-TestSandbox $script:sb -Parameters @{ MaximumRetryCount = 1 }
        Add-SandboxFault $script:sb @{ path = $script:search; kind = 'status'; status = 502; count = 5; contentType = 'text/html'; body = '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>' }

        Get-GrinfiLead -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiServerError,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failed[0].ErrorDetails.Message | Should -Match '502 Bad Gateway nginx'
        $failed[0].ErrorDetails.Message | Should -Match 'gave up after 2 tries'
    }
}

Describe 'Error records' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
    }

    It 'a validation error names the fields, with category InvalidData' {
        $envelope = @{ error = @{ reason = 'validation_error'; message = 'The name may not be greater than 255 characters.'; data = @{ name = @('The name may not be greater than 255 characters.') } }; message = 'The given data was invalid.'; code = 422 }
        Add-SandboxFault $script:sb @{ path = '/leads/api/lists'; method = 'POST'; kind = 'status'; status = 422; body = ($envelope | ConvertTo-Json -Depth 5) }

        New-GrinfiList -Name 'Too long, says the server' -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiValidationError,*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failed[0].ErrorDetails.Message | Should -BeLike '*The given data was invalid. name: The name may not be greater than 255 characters.*'
        $failed[0].TargetObject | Should -Be 'Too long, says the server'
        $failed[0].Exception | Should -BeOfType GrinfiPS.Client.GrinfiApiException
        $failed[0].Exception.FieldErrors['name'] | Should -Not -BeNullOrEmpty
    }

    It 'maps <status> to <category> and ends the command' -ForEach @(
        @{ status = 401; category = 'AuthenticationError'; id = 'GrinfiAuthenticationFailed' }
        @{ status = 402; category = 'QuotaExceeded'; id = 'GrinfiPaymentRequired' }
        @{ status = 403; category = 'PermissionDenied'; id = 'GrinfiAccessDenied' }
    ) {
        Clear-SandboxRequest $script:sb
        Invoke-SandboxControl $script:sb faults -Method DELETE | Out-Null
        Add-SandboxFault $script:sb @{ path = $script:search; kind = 'status'; status = $status; count = 20 }
        $ids = 1..5 | ForEach-Object { [guid]::NewGuid().ToString() }

        # Five inputs, one request, one error: the rest would fail the same way.
        $err = { $ids | Get-GrinfiLead -PageSize 1 -ErrorAction Continue } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike "$id,*"
        $err.CategoryInfo.Category | Should -Be $category
        @(Get-SandboxRequest $script:sb -Path $script:search).Count | Should -Be 1
    }

    It 'a contact that is not found is ObjectNotFound, and -ErrorAction SilentlyContinue quiets it' {
        Invoke-SandboxControl $script:sb faults -Method DELETE | Out-Null
        $result = Get-GrinfiLead -Email 'nobody@nowhere.test' -ErrorAction SilentlyContinue -ErrorVariable failed

        $result | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiLeadNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'nobody@nowhere.test'
    }
}

Describe 'Verbose and debug output' {
    BeforeAll {
        Reset-TestSandbox $script:sb -Contacts 40
        Connect-TestSandbox $script:sb
    }

    It '-Verbose writes one line per request: method, path, status, milliseconds' {
        $lines = @(Get-GrinfiLead -PageSize 15 -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $requests = $lines | Where-Object { $_ -like 'POST /leads/api/leads/search *' }
        $requests.Count | Should -Be @(Get-SandboxRequest $script:sb -Path $script:search).Count
        # Milliseconds are grouped (1,234); time spent waiting for the rate limit, which a loaded
        # machine can cause, is shown apart from the server's.
        $requests | ForEach-Object { $_ | Should -Match '^POST /leads/api/leads/search 200 \([\d,]+ ms(: [\d,]+ queued for the rate limit, [\d,]+ at the server)?\)$' }
    }

    It '-Debug writes request and response bodies, and never the key' {
        $all = Get-GrinfiLead -First 2 -Debug *>&1 | Out-String

        $all | Should -Match '"order_field":"created_at"'
        $all | Should -Match '"work_email"'
        $all | Should -Not -BeLike "*$($script:sb.ApiKey)*"
    }

    It 'no stream, error or display ever shows the key' {
        Add-SandboxFault $script:sb @{ path = $script:search; kind = 'status'; status = 500; count = 10; contentType = 'text/plain'; body = "echo Authorization: Bearer $($script:sb.ApiKey)" }
        Connect-TestSandbox $script:sb -Parameters @{ MaximumRetryCount = 0 }

        $everything = Get-GrinfiLead -Verbose -Debug -ErrorAction SilentlyContinue -ErrorVariable failed *>&1 | Out-String
        $everything += Get-GrinfiConnection | Format-List * | Out-String
        $everything += $failed | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }

        $failed.Count | Should -Be 1
        $everything | Should -Match '500'
        $everything | Should -Not -BeLike "*$($script:sb.ApiKey)*"
    }
}

Describe 'Ctrl+C' {
    It 'stops a request in flight within a second or so' {
        Reset-TestSandbox $script:sb -Contacts 40
        $connection = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true }
        Add-SandboxFault $script:sb @{ path = $script:search; kind = 'delay'; delayMs = 60000 }
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($module, $connection) Import-Module $module; Get-GrinfiLead -Connection $connection }).
            AddArgument((Get-GrinfiTestModulePath)).AddArgument($connection)
        $async = $ps.BeginInvoke()
        # Let the request reach the server, where the fault holds it.
        Start-Sleep -Seconds 2

        $watch = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $watch.Stop()

        $async.IsCompleted | Should -BeTrue
        # The server would hold the request for 60 s; generous for a loaded machine.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $ps.Dispose()
    }
}
