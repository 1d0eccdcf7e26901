# Shared by build.ps1 (Package) and the tests that install the package.

function Invoke-IsolatedPwsh {
    <#
        Runs a script in a new pwsh whose home and per-user folders are a throwaway folder, so
        installing modules or registering repositories leaves the machine as it was. Returns
        the exit code and what the script wrote to standard output and standard error.
    #>
    param([Parameter(Mandatory)] [string] $HomePath, [Parameter(Mandatory)] [string] $Script)
    New-Item $HomePath -ItemType Directory -Force | Out-Null
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command', $Script)) { $psi.ArgumentList.Add($a) }
    $psi.Environment['HOME'] = $HomePath
    $psi.Environment['USERPROFILE'] = $HomePath
    $psi.Environment['XDG_DATA_HOME'] = Join-Path $HomePath 'data'
    $psi.Environment['XDG_CONFIG_HOME'] = Join-Path $HomePath 'config'
    $psi.Environment['XDG_CACHE_HOME'] = Join-Path $HomePath 'cache'
    $psi.Environment['LOCALAPPDATA'] = Join-Path $HomePath 'local'
    $psi.Environment['APPDATA'] = Join-Path $HomePath 'roaming'
    $psi.Environment['NUGET_PACKAGES'] = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($psi)
    $stderr = $process.StandardError.ReadToEndAsync()
    $stdout = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout; Errors = $stderr.Result }
}

Export-ModuleMember -Function Invoke-IsolatedPwsh
