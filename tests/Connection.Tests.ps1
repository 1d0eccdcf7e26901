BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 30
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'Connect-Grinfi' {
    BeforeEach {
        Disconnect-Grinfi
        Remove-Item Env:GRINFI_API_KEY, Env:GRINFI_BASE_URI, Env:GRINFI_REQUESTS_PER_MINUTE -ErrorAction Ignore
        Clear-SandboxRequest $script:sb
    }

    It 'checks the key with users/current and reports who and which team' {
        Connect-Grinfi -ApiKey $script:sb.Key -BaseUri $script:sb.BaseUri -InformationVariable info 6>$null

        "$info" | Should -Match 'Connected to Grinfi as Alex Morgan <alex\.morgan@sandbox\.grinfi\.test> \(team 1\)'
        (Get-SandboxRequest $script:sb).path | Should -Be '/id/api/users/current'
    }

    It 'makes the connection the default for every cmdlet' {
        Connect-TestSandbox $script:sb
        (Get-GrinfiLead | Measure-Object).Count | Should -Be 30
    }

    It 'returns a connection with -PassThru whose display never shows the key' {
        $connection = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true }

        $connection | Should -BeOfType GrinfiPS.Model.GrinfiConnection
        $connection.TeamId | Should -Be 1
        $connection.User.Email | Should -Be 'alex.morgan@sandbox.grinfi.test'
        $shown = @(
            $connection | Format-List * | Out-String
            $connection | Format-Table * | Out-String
            $connection | Out-String
            "$connection"
            $connection | ConvertTo-Json -Depth 3 -WarningAction Ignore
            $connection | Select-Object * | Export-Csv -Path TestDrive:/c.csv; Get-Content TestDrive:/c.csv
        ) -join "`n"
        $shown | Should -Not -BeLike "*$($script:sb.ApiKey)*"
        $shown | Should -Match 'KeyFingerprint'
    }

    It 'takes its settings' {
        $connection = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true; RequestsPerMinute = 123; TimeoutSec = 7; MaximumRetryCount = 2 }

        $connection.RequestsPerMinute | Should -Be 123
        $connection.TimeoutSec | Should -Be 7
        $connection.MaximumRetryCount | Should -Be 2
    }

    It 'refuses http:// to anything but loopback, before any request' {
        { Connect-Grinfi -ApiKey $script:sb.Key -BaseUri 'http://api.example.com' } |
            Should -Throw -ErrorId 'GrinfiInsecureBaseUri,GrinfiPS.Commands.Connection.ConnectGrinfiCommand'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'never prompts in a non-interactive session' {
        # Pester runs under -NonInteractive: with no key anywhere this must fail, not wait for input.
        { Connect-Grinfi -BaseUri $script:sb.BaseUri } | Should -Throw -ErrorId 'GrinfiApiKeyMissing,*'
    }

    It 'warns when the key expires within 30 days' {
        $soon = (Invoke-SandboxControl $script:sb keys -Method POST -Body @{ teamId = 1; expiresInDays = 10 }).apiKey
        Connect-Grinfi -ApiKey (ConvertTo-SecureString $soon -AsPlainText -Force) -BaseUri $script:sb.BaseUri -WarningVariable warned -WarningAction SilentlyContinue 6>$null

        "$warned" | Should -Match 'expires on \d{4}-\d\d-\d\d \((9|10) days'
        "$warned" | Should -Not -BeLike "*$soon*"
    }

    It 'does not warn about a key valid for years' {
        Connect-TestSandbox $script:sb -Parameters @{ WarningVariable = 'warned'; WarningAction = 'SilentlyContinue' }
        $warned | Should -BeNullOrEmpty
    }

    It 'refuses a plain-text -ApiKey with the three ways to pass a key, before any request' {
        $err = { Connect-Grinfi -ApiKey 'plain-text-key-1234' -BaseUri $script:sb.BaseUri } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        $message = $err.Exception.Message
        $message | Should -Match 'SecureString, not plain text'
        $message | Should -Match ([regex]::Escape('Read-Host -AsSecureString'))
        $message | Should -Match ([regex]::Escape('ConvertTo-SecureString'))
        $message | Should -Match ([regex]::Escape('$env:GRINFI_API_KEY'))
        $message | Should -Not -Match 'plain-text-key-1234'
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'refuses a key that expired more than five minutes ago before sending it, with its expiry date' {
        $expired = (Invoke-SandboxControl $script:sb keys -Method POST -Body @{ teamId = 1; expiresInDays = -10 / 1440 }).apiKey
        $payload = $expired.Split('.')[1].Replace('-', '+').Replace('_', '/')
        $payload += '=' * ((4 - $payload.Length % 4) % 4)
        $exp = [DateTimeOffset]::FromUnixTimeSeconds(([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload)) | ConvertFrom-Json).exp)

        $err = { Connect-Grinfi -ApiKey (ConvertTo-SecureString $expired -AsPlainText -Force) -BaseUri $script:sb.BaseUri } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'GrinfiApiKeyExpired,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Be "The API key expired on $($exp.UtcDateTime.ToString('yyyy-MM-dd HH:mm')) UTC, so the API would refuse it."
        $err.ErrorDetails.RecommendedAction | Should -Match 'new key'
        "$err $($err.ErrorDetails.RecommendedAction)" | Should -Not -Match ([regex]::Escape($expired))
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty

        # The same key from the environment, for a scheduled script: refused before any request too.
        $env:GRINFI_API_KEY = $expired
        $env:GRINFI_BASE_URI = "$($script:sb.BaseUri)"
        try { { Get-GrinfiLead -First 1 } | Should -Throw -ErrorId 'GrinfiApiKeyExpired,*' }
        finally { Remove-Item Env:GRINFI_API_KEY, Env:GRINFI_BASE_URI }
        Get-SandboxRequest $script:sb | Should -BeNullOrEmpty
    }

    It 'sends a key that expired a minute or two ago (clocks drift), and lets the API judge it' {
        $lately = (Invoke-SandboxControl $script:sb keys -Method POST -Body @{ teamId = 1; expiresInDays = -2 / 1440 }).apiKey

        $err = { Connect-Grinfi -ApiKey (ConvertTo-SecureString $lately -AsPlainText -Force) -BaseUri $script:sb.BaseUri } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'GrinfiAuthenticationFailed,*'
        (Get-SandboxRequest $script:sb).path | Should -Be '/id/api/users/current'
    }

    It 'says on a 401 what to check: a revoked or mistyped key, or another address' {
        $bad = ConvertTo-SecureString 'not-a-real-key' -AsPlainText -Force
        $err = { Connect-Grinfi -ApiKey $bad -BaseUri $script:sb.BaseUri } | Should -Throw -PassThru

        $fix = $err.ErrorDetails.RecommendedAction
        $fix | Should -Match 'revoked'
        $fix | Should -Match 'mistyped'
        $fix | Should -Match 'base URI'
        $fix | Should -Match 'Settings'
    }

    It 'rejects a bad key with a terminating authentication error' {
        $bad = ConvertTo-SecureString 'not-a-real-key' -AsPlainText -Force
        $err = { Connect-Grinfi -ApiKey $bad -BaseUri $script:sb.BaseUri } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'GrinfiAuthenticationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.ErrorDetails.RecommendedAction | Should -Match 'Settings'
        $err.ToString() | Should -Not -Match 'not-a-real-key'
    }
}

Describe 'Connections without Connect-Grinfi' {
    BeforeEach {
        Disconnect-Grinfi
        Remove-Item Env:GRINFI_API_KEY, Env:GRINFI_BASE_URI, Env:GRINFI_REQUESTS_PER_MINUTE -ErrorAction Ignore
    }
    AfterEach {
        Remove-Item Env:GRINFI_API_KEY, Env:GRINFI_BASE_URI, Env:GRINFI_REQUESTS_PER_MINUTE -ErrorAction Ignore
    }

    It 'uses $env:GRINFI_API_KEY and $env:GRINFI_BASE_URI, so a scheduled script needs no set-up' {
        $env:GRINFI_API_KEY = $script:sb.ApiKey
        $env:GRINFI_BASE_URI = "$($script:sb.BaseUri)"
        $env:GRINFI_REQUESTS_PER_MINUTE = '77'

        (Get-GrinfiLead | Measure-Object).Count | Should -Be 30
        $connection = Get-GrinfiConnection
        $connection.Source | Should -Be 'Environment'
        $connection.RequestsPerMinute | Should -Be 77
    }

    It 'says how to connect when there is neither' {
        $err = { Get-GrinfiLead } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'GrinfiNotConnected,*'
        $err.Exception.Message | Should -Match 'Connect-Grinfi'
        $err.Exception.Message | Should -Match 'GRINFI_API_KEY'
    }

    It 'names a bad $env:GRINFI_REQUESTS_PER_MINUTE' {
        $env:GRINFI_API_KEY = $script:sb.ApiKey
        $env:GRINFI_BASE_URI = "$($script:sb.BaseUri)"
        $env:GRINFI_REQUESTS_PER_MINUTE = 'lots'

        { Get-GrinfiLead } | Should -Throw -ErrorId 'GrinfiInvalidRequestsPerMinute,*' -ExpectedMessage '*GRINFI_REQUESTS_PER_MINUTE*lots*'
    }

    It 'Get-GrinfiConnection with no connection is a non-terminating error that -ErrorAction governs' {
        $none = Get-GrinfiConnection -ErrorAction SilentlyContinue -ErrorVariable err
        $reached = $true

        $none | Should -BeNullOrEmpty
        $reached | Should -BeTrue
        $err | Should -HaveCount 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiNotConnected,*'
        $err[0].Exception.Message | Should -Match 'Connect-Grinfi'

        $answer = if (Get-GrinfiConnection -ErrorAction Ignore) { 'connected' } else { 'not connected' }
        $answer | Should -Be 'not connected'
        { Get-GrinfiConnection -ErrorAction Stop } | Should -Throw -ErrorId 'GrinfiNotConnected,*'

        Connect-TestSandbox $script:sb
        $answer = if (Get-GrinfiConnection -ErrorAction Ignore) { 'connected' } else { 'not connected' }
        $answer | Should -Be 'connected'
    }

    It 'refuses an http:// address for a remote host from the environment too' {
        $env:GRINFI_API_KEY = $script:sb.ApiKey
        $env:GRINFI_BASE_URI = 'http://leadgen.grinfi.io'

        { Get-GrinfiLead } | Should -Throw -ErrorId 'GrinfiInsecureBaseUri,*' -ExpectedMessage '*GRINFI_BASE_URI*'
    }
}

Describe '-Connection' {
    It 'lets one script work with two teams' {
        $first = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true }
        $second = Connect-TestSandbox $script:sb -Second -Parameters @{ PassThru = $true }

        (Get-GrinfiLead -Connection $first | Measure-Object).Count | Should -Be 30
        (Get-GrinfiLead -Connection $second | Measure-Object).Count | Should -Be 20
        $second.TeamId | Should -Be 2
        $first.IsOpen | Should -BeTrue
    }

    It 'shares one rate limit among every connection with the same key' {
        $a = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true; RequestsPerMinute = 250 }
        $b = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true; RequestsPerMinute = 260 }

        $a.RequestsPerMinute | Should -Be 260
        $b.RequestsPerMinute | Should -Be 260
    }
}

Describe 'Disconnect-Grinfi and Remove-Module' {
    It 'closes the connection' {
        $connection = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true }
        Disconnect-Grinfi

        $connection.IsOpen | Should -BeFalse
        { Get-GrinfiLead -Connection $connection } | Should -Throw -ErrorId 'GrinfiConnectionClosed,*'
    }

    It 'closes this session''s connections when the module is removed' {
        $connection = Connect-TestSandbox $script:sb -Parameters @{ PassThru = $true }
        Remove-Module GrinfiPS

        $connection.IsOpen | Should -BeFalse
        Import-GrinfiTestModule
    }
}
