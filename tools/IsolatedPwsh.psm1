# Shared by build.ps1 (Package) and the tests that install the package.

function Invoke-IsolatedPwsh {
    <#
        Runs a script in a new pwsh whose home and per-user folders are a throwaway folder, so
        installing modules or registering repositories leaves the machine as it was. Returns
        the exit code and what the script wrote to standard output and standard error.
    #>
    param([Parameter(Mandatory)] [string] $HomePath, [Parameter(Mandatory)] [string] $Script)
    # The usual layout under the new home, so PowerShell and PSResourceGet agree on where user
    # modules live. .NET reports a per-user folder that does not exist as '' (tools then write
    # relative to the working directory), so every one is made, and the child starts in the home.
    $folders = @{
        XDG_DATA_HOME = '.local/share'; XDG_CONFIG_HOME = '.config'; XDG_CACHE_HOME = '.cache'
        LOCALAPPDATA = 'AppData/Local'; APPDATA = 'AppData/Roaming'
    }
    foreach ($folder in @('', 'Documents') + @($folders.Values)) { New-Item (Join-Path $HomePath $folder) -ItemType Directory -Force | Out-Null }
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $psi.WorkingDirectory = $HomePath
    foreach ($a in @((Join-Path $PSHOME 'pwsh.dll'), '-NoProfile', '-NonInteractive', '-Command', $Script)) { $psi.ArgumentList.Add($a) }
    $psi.Environment['HOME'] = $HomePath
    $psi.Environment['USERPROFILE'] = $HomePath
    foreach ($name in $folders.Keys) { $psi.Environment[$name] = Join-Path $HomePath $folders[$name] }
    # Inherited, it would still name this user's module folders; the child works out its own.
    $null = $psi.Environment.Remove('PSModulePath')
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
