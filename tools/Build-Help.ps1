<#
.SYNOPSIS
    Compiles docs/en-US into the module's help: MAML for the cmdlets, .help.txt for about_ topics.
#>
param(
    [Parameter(Mandatory)] [string] $Source,
    [Parameter(Mandatory)] [string] $ModulePath
)
# Placeholder until the help compiler lands.
