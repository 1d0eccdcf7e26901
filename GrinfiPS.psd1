@{
    RootModule           = 'GrinfiPS.dll'
    ModuleVersion        = '0.2.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '3c0f5a8e-6a43-4a5e-9a0e-6f7d1b2c9e41'
    Author               = 'GrinfiPS contributors'
    CompanyName          = 'GrinfiPS'
    Copyright            = '(c) GrinfiPS contributors. MIT License.'
    Description          = 'Manage the contacts (leads) of a Grinfi.io CRM from PowerShell: search, create, update, and organize them across lists, pipeline stages and tags.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('GrinfiPS.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-Grinfi'
        'Disconnect-Grinfi'
        'Get-GrinfiConnection'
        'Get-GrinfiLead'
        'Measure-GrinfiLead'
        'Set-GrinfiLead'
        'Remove-GrinfiLead'
        'Invoke-GrinfiMassAction'
        'Import-GrinfiLead'
        'Export-GrinfiLead'
        'Invoke-GrinfiRequest'
        'Get-GrinfiList'
        'New-GrinfiList'
        'Set-GrinfiList'
        'Remove-GrinfiList'
        'Get-GrinfiPipelineStage'
        'New-GrinfiPipelineStage'
        'Set-GrinfiPipelineStage'
        'Remove-GrinfiPipelineStage'
        'Get-GrinfiTag'
        'New-GrinfiTag'
        'Set-GrinfiTag'
        'Remove-GrinfiTag'
        'Get-GrinfiCustomField'
        'New-GrinfiCustomField'
        'Set-GrinfiCustomField'
        'Remove-GrinfiCustomField'
        'Get-GrinfiAutomation'
        'Get-GrinfiNote'
        'New-GrinfiNote'
        'Set-GrinfiNote'
        'Remove-GrinfiNote'
        'Get-GrinfiActivity'
        'New-GrinfiActivity'
        'Get-GrinfiDoNotContact'
        'Add-GrinfiDoNotContact'
        'Remove-GrinfiDoNotContact'
        'Get-GrinfiCompanyDoNotContact'
        'Add-GrinfiCompanyDoNotContact'
        'Remove-GrinfiCompanyDoNotContact'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Grinfi', 'CRM', 'Leads', 'Contacts', 'Sales', 'REST', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/grinfips/GrinfiPS'
            LicenseUri   = 'https://github.com/grinfips/GrinfiPS/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md: PascalCase parameter names for Set-GrinfiLead (the old names stay as aliases), true row outcomes, column warnings, and a summary in $GrinfiLastRun.'
        }
    }
}
