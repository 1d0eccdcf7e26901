<#
    Companies for tests of the cmdlets that take GrinfiCompany objects from the pipeline
    (notes, activities, the company do-not-contact list), made without Get-GrinfiCompany: the
    company a sandbox contact belongs to (its company_uuid and company_name), as a GrinfiCompany
    built from the company schema's JSON through the type's internal constructor.
#>

function New-TestCompany {
    <# A GrinfiCompany: New-TestCompany -Uuid $lead.CompanyUuid -Name $lead.CompanyName -Domain acme.com #>
    param(
        [string] $Uuid = [guid]::NewGuid().ToString(),
        [string] $Name = 'Acme Inc',
        [string] $Domain,
        [string] $Website,
        [long] $TeamId = 1
    )
    $json = [ordered]@{ uuid = $Uuid; team_id = $TeamId; name = $Name }
    if ($Domain) { $json.domain = $Domain }
    if ($Website) { $json.website = $Website }
    $text = $json | ConvertTo-Json -Compress
    $ctor = [GrinfiPS.Model.GrinfiCompany].GetConstructors([Reflection.BindingFlags]'NonPublic,Instance')[0]
    # The JsonObject type of the System.Text.Json the module loaded, which need not be PowerShell's own.
    $objectType = $ctor.GetParameters()[0].ParameterType
    $parse = $objectType.BaseType.GetMethods() | Where-Object { $_.Name -eq 'Parse' -and $_.GetParameters()[0].ParameterType -eq [string] } | Select-Object -First 1
    $parameters = $parse.GetParameters()
    $arguments = [object[]]::new($parameters.Count)
    $arguments[0] = [string] $text
    for ($i = 1; $i -lt $parameters.Count; $i++) {
        if ($parameters[$i].ParameterType.IsValueType) { $arguments[$i] = [Activator]::CreateInstance($parameters[$i].ParameterType) }
    }
    $node = $parse.Invoke($null, $arguments)
    # A JsonObject is enumerable: pass it in an array of its own, or PowerShell unrolls it.
    $ctorArguments = [object[]]::new(1)
    $ctorArguments[0] = $node
    $ctor.Invoke($ctorArguments)
}

Export-ModuleMember -Function New-TestCompany
