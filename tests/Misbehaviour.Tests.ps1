<#
    Never hung by a server: every cmdlet that reads pages, against each misbehaviour of the
    sandbox that can apply to it. The matrix is tests/Misbehaviour.Cases.ps1 (one row per
    cmdlet and misbehaviour, a comment where one cannot apply); bench/Misbehaviour.bench.ps1
    measures the same rows. Each row must end with its ErrorId and a message a person can act
    on, in the fewest requests that can tell (the second page for a repeated one), within 60
    requests and 30 seconds (a safety net: the speed is measured in the bench), with nothing
    bad in the output and no .NET exception showing through.
#>
BeforeDiscovery {
    $cases = . "$PSScriptRoot/Misbehaviour.Cases.ps1"
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestHelpers.psm1" -Force
    Import-GrinfiTestModule
    # The runner and the assertions the rows use.
    $null = . "$PSScriptRoot/Misbehaviour.Cases.ps1"
    $script:sb = Start-TestSandbox -Contacts 50
}

AfterAll {
    Disconnect-Grinfi
    Stop-TestSandbox $script:sb
}

Describe 'A paged read against a misbehaving server' {
    It '<Cmdlet> (<Read>) under <Misbehaviour> ends with <ErrorId>' -ForEach $cases {
        $case = $_
        $result = Invoke-MisbehaviourCase -Sandbox $script:sb -Case $case

        if ($case.ErrorId) {
            # Set-GrinfiLead's bad row has its own error; every other error is the misbehaviour's.
            $errors = @($result.Errors | Where-Object { "$($_.FullyQualifiedErrorId)" -notlike 'GrinfiInvalidLinkedInId,*' })
            $errors | Should -Not -BeNullOrEmpty -Because 'the misbehaviour must end the read with an error'
            foreach ($e in $errors) {
                "$($e.FullyQualifiedErrorId)" | Should -BeLike "$($case.ErrorId),*"
                $e.Exception | Should -BeOfType GrinfiPS.Client.GrinfiException
                $e.ErrorDetails.Message | Should -BeLike $case.Message
                if (-not $case.NoAdvice) {
                    $e.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
                }
            }
        }
        else {
            $result.Errors | Should -BeNullOrEmpty
        }
        foreach ($e in $result.Errors) {
            # What a person sees: the message, the record as text, the exception's own message.
            "$($e.ErrorDetails.Message)`n$e`n$($e.Exception.Message)" |
                Should -Not -Match 'System\.[\w.]*Exception|JsonException|HttpRequestException|NullReference|InvalidOperation|\bat System\.'
        }
        if ($case.ContainsKey('Requests')) {
            $result.PathRequests.Count | Should -Be $case.Requests -Because "the read of $($case.Path) stops as soon as the misbehaviour can be told"
        }
        else {
            $result.PathRequests.Count | Should -BeLessOrEqual $case.MaxRequests
        }
        $result.Requests.Count | Should -BeLessOrEqual 60
        # Generous on purpose (a loaded 2-core machine): the bench measures the time.
        $result.Seconds | Should -BeLessOrEqual 30
        if ($case.Check) {
            & $case.Check $result
        }
    }
}
