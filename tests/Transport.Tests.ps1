# The HTTP core's guards as users meet them through the cmdlets: the answer cap set with
# Connect-Grinfi -MaximumResponseSizeMB. (Redirects and endless bodies need a misbehaving
# server; tests/GrinfiPS.Tests/TransportTests.cs drives those through the client.)
BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    $script:sb = Start-TestSandbox -Contacts 1200
    $script:search = '/leads/api/leads/search'
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'The answer cap' {
    BeforeEach {
        Invoke-SandboxControl $script:sb faults -Method DELETE | Out-Null
        Clear-SandboxRequest $script:sb
    }

    It 'is 256 MB unless set, and Get-GrinfiConnection shows it' {
        Connect-TestSandbox $script:sb

        (Get-GrinfiConnection).MaximumResponseSizeMB | Should -Be 256
        Get-GrinfiConnection | Format-List | Out-String | Should -Match 'MaximumResponseSizeMB\s*:\s*256'
    }

    It 'refuses a page over -MaximumResponseSizeMB with GrinfiResponseTooLarge, sent once' {
        Connect-TestSandbox $script:sb -Parameters @{ MaximumResponseSizeMB = 1 }

        $leads = Get-GrinfiLead -PageSize 1000 -ErrorVariable failed -ErrorAction SilentlyContinue

        $leads | Should -BeNullOrEmpty
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GrinfiResponseTooLarge,*'
        $failed[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $failed[0].ErrorDetails.Message | Should -Match 'POST /leads/api/leads/search answered 200 with a body of [\d,]+ bytes .*over the 1 MB'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'Connect-Grinfi -MaximumResponseSizeMB \d+'
        @(Get-SandboxRequest $script:sb -Path $script:search).Count | Should -Be 1
    }

    It 'reads the same page under the default cap' {
        Connect-TestSandbox $script:sb

        @(Get-GrinfiLead -PageSize 1000 -First 1000).Count | Should -Be 1000
    }

    It 'refuses any answer over the cap, such as a 200 a proxy made up' {
        Connect-TestSandbox $script:sb -Parameters @{ MaximumResponseSizeMB = 1 }
        $page = '{"data":[],"total":0,"pad":"' + ('x' * 1.5MB) + '"}'
        Add-SandboxFault $script:sb @{ path = '/leads/api/lists'; kind = 'status'; status = 200; body = $page }

        $err = { Get-GrinfiList -ErrorAction Stop } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'GrinfiResponseTooLarge,*'
        $err.ErrorDetails.Message | Should -Match 'GET /leads/api/lists answered 200'
        @(Get-SandboxRequest $script:sb -Path '/leads/api/lists').Count | Should -Be 1
    }

    It 'refuses a cap outside 1 to 2047 MB before any request' {
        { Connect-Grinfi -ApiKey $script:sb.Key -BaseUri $script:sb.BaseUri -MaximumResponseSizeMB 0 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        { Connect-Grinfi -ApiKey $script:sb.Key -BaseUri $script:sb.BaseUri -MaximumResponseSizeMB 2048 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        @(Get-SandboxRequest $script:sb).Count | Should -Be 0
    }
}
