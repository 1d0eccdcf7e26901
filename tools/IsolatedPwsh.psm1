# Shared by build.ps1 (Package) and the tests that install the package.

function Invoke-IsolatedPwsh {
    <#
        Runs a script in a new pwsh whose home and per-user folders are a throwaway folder, so
        installing modules or registering repositories leaves the machine as it was. Returns
        the exit code and what the script wrote to standard output and standard error.
    #>
    param([Parameter(Mandatory)] [string] $HomePath, [Parameter(Mandatory)] [string] $Script)
    # .NET reports a per-user folder that does not exist as '' and tools then write relative to
    # the working directory: make them all, and start in the throwaway home.
    $folders = @{ XDG_DATA_HOME = 'data'; XDG_CONFIG_HOME = 'config'; XDG_CACHE_HOME = 'cache'; LOCALAPPDATA = 'local'; APPDATA = 'roaming' }
    foreach ($folder in @('') + @($folders.Values)) { New-Item (Join-Path $HomePath $folder) -ItemType Directory -Force | Out-Null }
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $psi.WorkingDirectory = $HomePath
    foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command', $Script)) { $psi.ArgumentList.Add($a) }
    $psi.Environment['HOME'] = $HomePath
    $psi.Environment['USERPROFILE'] = $HomePath
    foreach ($name in $folders.Keys) { $psi.Environment[$name] = Join-Path $HomePath $folders[$name] }
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
