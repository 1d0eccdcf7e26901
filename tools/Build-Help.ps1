#Requires -Version 7.4
<#
.SYNOPSIS
    Compiles docs/en-US into the module's help: MAML for the cmdlets, .help.txt for about_ topics.
.DESCRIPTION
    docs/en-US holds one Markdown file per cmdlet in platyPS's layout (SYNOPSIS, SYNTAX,
    DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS) and the
    about_*.md topics. platyPS itself is not needed.

    The text comes from the Markdown. Everything the code knows (parameter sets, types,
    positions, mandatory, pipeline input, aliases, wildcards, default values) comes from the
    staged module, imported in a pwsh of its own, so help and code cannot disagree. The
    parameters SupportsShouldProcess and SupportsPaging add (-WhatIf, -Confirm, -First, -Skip,
    -IncludeTotalCount) get standard text unless a Markdown file describes them.

    The build fails (this script throws) when the docs have drifted from the code:
      - an exported cmdlet has no Markdown file, or a cmdlet Markdown file names no exported cmdlet;
      - a Markdown file documents a parameter the cmdlet does not have;
      - an example (or a powershell block in an about_ topic) does not parse, or calls a
        GrinfiPS cmdlet with a parameter that cmdlet does not have;
      - a section heading is not one this layout knows, or an about_ topic has a line over 80
        characters.
    Text that is merely missing (no synopsis or description, a parameter without a description,
    fewer than two examples, an example without remarks, an [OutputType] not under OUTPUTS) is
    a warning here and a failure in tests/Help.Tests.ps1.
.PARAMETER Source
    The folder of Markdown help (docs/en-US).
.PARAMETER ModulePath
    The staged module folder (out/GrinfiPS). Help is written to its en-US subfolder.
.EXAMPLE
    ./tools/Build-Help.ps1 -Source ./docs/en-US -ModulePath ./out/GrinfiPS
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Source,
    [Parameter(Mandatory)] [string] $ModulePath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$MamlNamespaces = [ordered]@{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

# The sections of a cmdlet page, in platyPS's order.
$CommandSections = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'

# Parameters the engine adds for SupportsShouldProcess and SupportsPaging: the same on every
# cmdlet, so their text lives here rather than in every Markdown file.
$StandardParameterText = @{
    WhatIf            = 'Shows what the command would do, and does nothing: no change is sent to Grinfi. -WhatIf wins over -Force.'
    Confirm           = 'Asks for confirmation before each change. -Confirm:$false turns off the prompts the command would otherwise show (deletes, bulk actions on a filter), as -Force does; unattended scripts need one of them.'
    First             = 'Returns only the first N objects, and asks the server for no more than it needs.'
    Skip              = 'Skips the first N objects, then returns the rest.'
    IncludeTotalCount = 'Writes the total number of matching objects first (one extra count request), then the objects.'
}

$AboutWidth = 80

#region Module metadata

function Get-CommandMetadata {
    <#
        Imports the staged module in a pwsh of its own and returns, for each exported cmdlet,
        plain objects describing its parameters and parameter sets. A separate process rather
        than a runspace: the build process never loads GrinfiPS.dll, so nothing of it stays
        loaded, and on Windows a later Build in the same build.ps1 run can still replace it.
    #>
    param([Parameter(Mandatory)] [string] $Path)

    # Runs in the other pwsh: self-contained, returns only plain objects (sent back as JSON).
    $collect = {
        param([string] $ModulePath)
        $module = Import-Module $ModulePath -PassThru -Force -ErrorAction Stop
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters

        foreach ($command in $module.ExportedCmdlets.Values) {
            # Default values are whatever the cmdlet's properties hold before binding.
            $instance = [Activator]::CreateInstance($command.ImplementingType)
            $parameters = foreach ($p in $command.Parameters.Values) {
                $type = $p.ParameterType
                if ($type.IsGenericType -and $type.GetGenericTypeDefinition() -eq [Nullable`1]) {
                    $type = $type.GetGenericArguments()[0]
                }
                $element = if ($type.IsArray) { $type.GetElementType() } else { $type }
                $validValues = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object { $_.ValidValues })
                if ($validValues.Count -eq 0 -and $element.IsEnum) {
                    $validValues = [Enum]::GetNames($element)
                }
                $default = if ($command.ImplementingType.GetProperty($p.Name)) { $instance.($p.Name) } else { $null }
                [pscustomobject]@{
                    Name          = $p.Name
                    Aliases       = @($p.Aliases)
                    IsCommon      = $common -contains $p.Name
                    TypeName      = $type.Name
                    FullTypeName  = $type.FullName
                    IsSwitch      = $p.SwitchParameter
                    IsArray       = $type.IsArray
                    Globbing      = $null -ne ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                    ValidValues   = $validValues
                    DefaultValue  = if ($p.SwitchParameter) { "$([bool]$default)" } elseif ($null -eq $default) { 'None' } else { ($default | ForEach-Object { "$_" }) -join ', ' }
                }
            }
            if ($instance -is [IDisposable]) { $instance.Dispose() }

            $sets = foreach ($set in $command.ParameterSets) {
                [pscustomobject]@{
                    Name       = $set.Name
                    IsDefault  = $set.IsDefault
                    Parameters = @(foreach ($p in $set.Parameters) {
                            [pscustomobject]@{
                                Name                            = $p.Name
                                IsMandatory                     = $p.IsMandatory
                                Position                        = $p.Position
                                ValueFromPipeline               = $p.ValueFromPipeline
                                ValueFromPipelineByPropertyName = $p.ValueFromPipelineByPropertyName
                            }
                        })
                }
            }
            [pscustomobject]@{
                Name          = $command.Name
                Verb          = $command.Verb
                Noun          = $command.Noun
                HelpFile      = $command.HelpFile
                OutputTypes   = @($command.OutputType | ForEach-Object { $_.Name })
                Parameters    = @($parameters)
                ParameterSets = @($sets | Sort-Object { -not $_.IsDefault })
            }
        }
    }

    $modulePath = (Resolve-Path $Path).Path.Replace("'", "''")
    $script = "`$ErrorActionPreference = 'Stop'; `$WarningPreference = 'SilentlyContinue'; `$ProgressPreference = 'SilentlyContinue'`n" +
        "& { $collect } '$modulePath' | ConvertTo-Json -Depth 6 -Compress -AsArray"
    $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($script))
    # The same way tools/IsolatedPwsh.psm1 starts a pwsh: this PowerShell's own, through dotnet.
    $output = & dotnet (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1
    if ($LASTEXITCODE -ne 0) {
        throw "Importing $Path to read its cmdlets failed: $($output -join [Environment]::NewLine)"
    }
    $json = ($output | Where-Object { $_ -is [string] }) -join [Environment]::NewLine
    @($json | ConvertFrom-Json) | Sort-Object Name
}

#endregion

#region Markdown

function Read-HelpMarkdown {
    <#
        Splits a Markdown file into front matter, the H1 title and its H2 sections (heading ->
        lines). Headings inside fenced code blocks are text.
    #>
    param([Parameter(Mandatory)] [string] $Path)

    $lines = @(Get-Content -LiteralPath $Path -Encoding utf8)
    $frontMatter = @{}
    $start = 0
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        $end = [Array]::IndexOf($lines, '---', 1)
        if ($end -lt 0) { throw "$(Split-Path $Path -Leaf): the front matter has no closing '---'." }
        foreach ($line in $lines[1..($end - 1)]) {
            if ($line -match '^\s*([^:]+):\s*(.*)$') { $frontMatter[$Matches[1].Trim()] = $Matches[2].Trim() }
        }
        $start = $end + 1
    }

    $title = $null
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    for ($i = $start; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^# (.+)$') {
            $title = $Matches[1].Trim()
            continue
        }
        if (-not $inFence -and $line -match '^## (.+)$') {
            $current = $Matches[1].Trim().ToUpperInvariant()
            if ($sections.Contains($current)) { throw "$(Split-Path $Path -Leaf): the section '## $current' appears twice." }
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($null -ne $current) { $sections[$current].Add($line) }
        elseif ($line.Trim()) { throw "$(Split-Path $Path -Leaf): text before the first '## ' section: '$line'." }
    }
    if ($inFence) { throw "$(Split-Path $Path -Leaf): a code block is not closed." }
    if (-not $title) { throw "$(Split-Path $Path -Leaf): no '# Title' line." }
    [pscustomobject]@{ Path = $Path; File = Split-Path $Path -Leaf; FrontMatter = $frontMatter; Title = $title; Sections = $sections }
}

function Split-Subsection {
    <#
        Splits a section's lines at '### ' headings (outside code blocks): heading -> lines.
        Text before the first heading is an error, unless -AllowText.
    #>
    param([string[]] $Lines, [Parameter(Mandatory)] [string] $Context, [switch] $AllowText)

    $subsections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^### (.+)$') {
            $current = [pscustomobject]@{ Heading = $Matches[1].Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $subsections.Add($current)
            continue
        }
        if ($null -ne $current) { $current.Lines.Add($line) }
        elseif ($line.Trim() -and -not $AllowText) { throw "${Context}: text before the first '### ' heading: '$line'." }
    }
    $subsections
}

function ConvertTo-MarkdownBlock {
    <#
        Groups lines into blocks: Paragraph (Text), List (Items), Code (Language, Lines) and
        Table (Rows of cells). Blank lines separate blocks; an indented line continues a list item.
    #>
    param([string[]] $Lines)

    $raw = [System.Collections.Generic.List[object]]::new()
    $current = $null
    foreach ($line in $Lines) {
        if ($null -ne $current -and $current.Kind -eq 'Code') {
            if ($line -match '^\s*```\s*$') { $current = $null } else { $current.Lines.Add($line) }
            continue
        }
        $kind = if ($line -match '^\s*```') { 'Code' }
        elseif (-not $line.Trim()) { 'Blank' }
        elseif ($line -match '^\s*\|') { 'Table' }
        elseif ($line -match '^\s*(?:[-*]|\d+\.)\s') { 'List' }
        elseif ($null -ne $current -and $current.Kind -eq 'List' -and $line -match '^\s+\S') { 'List' }
        else { 'Paragraph' }

        if ($kind -eq 'Blank') {
            $current = $null
            continue
        }
        if ($kind -eq 'Code' -or $null -eq $current -or $current.Kind -ne $kind) {
            $current = [pscustomobject]@{ Kind = $kind; Language = ''; Lines = [System.Collections.Generic.List[string]]::new() }
            $raw.Add($current)
            if ($kind -eq 'Code') {
                $current.Language = ($line -replace '^\s*```', '').Trim().ToLowerInvariant()
                continue
            }
        }
        $current.Lines.Add($line)
    }
    if ($null -ne $current -and $current.Kind -eq 'Code') { throw "A code block is not closed: '$($current.Lines[0])'." }

    foreach ($block in $raw) {
        switch ($block.Kind) {
            'Paragraph' { [pscustomobject]@{ Kind = 'Paragraph'; Text = ($block.Lines | ForEach-Object Trim) -join ' ' } }
            'Code' { [pscustomobject]@{ Kind = 'Code'; Language = $block.Language; Lines = $block.Lines.ToArray() } }
            'List' {
                $items = [System.Collections.Generic.List[string]]::new()
                foreach ($line in $block.Lines) {
                    if ($line -match '^\s*(?:[-*]|\d+\.)\s+(.*)$') { $items.Add($Matches[1].Trim()) }
                    else { $items[$items.Count - 1] += ' ' + $line.Trim() }
                }
                [pscustomobject]@{ Kind = 'List'; Items = $items.ToArray() }
            }
            'Table' {
                # The |---|---| line only separates the header.
                $rows = foreach ($line in $block.Lines | Where-Object { $_ -notmatch '^\s*\|[\s:|-]+\|\s*$' }) {
                    , @($line.Trim().Trim('|').Split('|') | ForEach-Object Trim)
                }
                [pscustomobject]@{ Kind = 'Table'; Rows = @($rows) }
            }
        }
    }
}

function ConvertFrom-InlineMarkdown {
    <#
        Plain text from inline Markdown: `code` and **bold** lose their marks, [text](url) keeps
        its text (and an absolute url). -NoBreak joins the words of a code span with no-break
        spaces, so that wrapping keeps `@{ a = 1 }` on one line.
    #>
    param([AllowEmptyString()] [string] $Text, [switch] $NoBreak)

    # Code spans are kept as they are; only the text between them loses bold and links.
    $parts = $Text -split '(`[^`]*`)'
    $plain = foreach ($part in $parts) {
        if ($part -match '^`(.*)`$') {
            if ($NoBreak) { $Matches[1].Replace(' ', [char]0xA0) } else { $Matches[1] }
            continue
        }
        $part = $part -replace '\*\*([^*]+)\*\*', '$1'
        $part = $part -replace '\[([^\]]+)\]\((https?://[^)]+)\)', '$1 ($2)'
        $part = $part -replace '\[([^\]]+)\]\([^)]*\)', '$1'
        $part -replace '\\([\\`*_{}\[\]()#+\-.!|<>])', '$1'
    }
    -join $plain
}

function Format-MarkdownTable {
    <# A Markdown table as aligned plain-text lines, the header underlined. #>
    param([Parameter(Mandatory)] [object[]] $Rows)

    $cells = @($Rows | ForEach-Object { , @($_ | ForEach-Object { ConvertFrom-InlineMarkdown $_ }) })
    $columns = ($cells | ForEach-Object { $_.Count } | Measure-Object -Maximum).Maximum
    $widths = foreach ($c in 0..($columns - 1)) {
        ($cells | ForEach-Object { if ($c -lt $_.Count) { $_[$c].Length } else { 0 } } | Measure-Object -Maximum).Maximum
    }
    $lines = foreach ($row in $cells) {
        $text = foreach ($c in 0..($columns - 1)) { $value = if ($c -lt $row.Count) { $row[$c] } else { '' }; $value.PadRight($widths[$c]) }
        ($text -join '  ').TrimEnd()
    }
    $rule = ($widths | ForEach-Object { '-' * $_ }) -join '  '
    @($lines[0], $rule) + @($lines | Select-Object -Skip 1)
}

#endregion

#region Cmdlet pages

function ConvertTo-CommandDoc {
    <# Reads the sections of a cmdlet page into synopsis, description, examples, parameters, inputs, outputs, notes and links. #>
    param([Parameter(Mandatory)] $Markdown)

    $file = $Markdown.File
    foreach ($heading in $Markdown.Sections.Keys) {
        if ($heading -notin $CommandSections) {
            throw "${file}: '## $heading' is not a section of a cmdlet page (those are $($CommandSections -join ', '))."
        }
    }
    $section = { param($name) if ($Markdown.Sections.Contains($name)) { [string[]]$Markdown.Sections[$name] } else { [string[]]@() } }
    foreach ($name in 'SYNOPSIS', 'DESCRIPTION', 'NOTES', 'RELATED LINKS') {
        # Text under a stray '### ' heading would otherwise end up in the wrong place.
        $stray = @(Split-Subsection (& $section $name) -Context "$file $name" -AllowText)
        if ($stray) { throw "${file}: '## $name' has no '### ' subsections, but holds '### $($stray[0].Heading)'." }
    }

    $examples = foreach ($sub in Split-Subsection (& $section 'EXAMPLES') -Context "$file EXAMPLES") {
        $blocks = @(ConvertTo-MarkdownBlock $sub.Lines)
        $code = @($blocks | Where-Object Kind -eq 'Code')
        if ($code.Count -ne 1) {
            throw "${file}: '### $($sub.Heading)' must hold exactly one code block (it holds $($code.Count))."
        }
        [pscustomobject]@{
            Title   = $sub.Heading
            Code    = ($code[0].Lines -join "`n").Trim()
            Remarks = @($blocks | Where-Object Kind -ne 'Code')
        }
    }

    $parameters = [ordered]@{}
    foreach ($sub in Split-Subsection (& $section 'PARAMETERS') -Context "$file PARAMETERS") {
        if ($sub.Heading -eq 'CommonParameters') { continue }
        if ($sub.Heading -notmatch '^-(\w+)$') {
            throw "${file}: '### $($sub.Heading)' under PARAMETERS must be '### -ParameterName'."
        }
        if ($parameters.Contains($Matches[1])) { throw "${file}: -$($Matches[1]) is documented twice." }
        # platyPS's yaml block (type, position, ...) is ignored: the code says those.
        $parameters[$Matches[1]] = @(ConvertTo-MarkdownBlock $sub.Lines | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Language -eq 'yaml') })
    }

    $types = {
        param($name)
        foreach ($sub in Split-Subsection (& $section $name) -Context "$file $name") {
            [pscustomobject]@{ Type = (ConvertFrom-InlineMarkdown $sub.Heading); Blocks = @(ConvertTo-MarkdownBlock $sub.Lines) }
        }
    }

    $links = foreach ($block in ConvertTo-MarkdownBlock (& $section 'RELATED LINKS')) {
        $items = if ($block.Kind -eq 'List') { $block.Items } else { @($block.Text) }
        foreach ($item in $items) {
            if ($item -match '^\[([^\]]+)\]\(([^)]*)\)$') {
                [pscustomobject]@{ Text = $Matches[1]; Uri = if ($Matches[2] -match '^https?://') { $Matches[2] } else { '' } }
            }
            else { [pscustomobject]@{ Text = (ConvertFrom-InlineMarkdown $item); Uri = '' } }
        }
    }

    [pscustomobject]@{
        File        = $file
        Name        = $Markdown.Title
        FrontMatter = $Markdown.FrontMatter
        Synopsis    = ((ConvertTo-MarkdownBlock (& $section 'SYNOPSIS') | ForEach-Object { ConvertTo-MamlPara $_ }) -join ' ')
        Description = @(ConvertTo-MarkdownBlock (& $section 'DESCRIPTION'))
        Examples    = @($examples)
        Parameters  = $parameters
        Inputs      = @(& $types 'INPUTS')
        Outputs     = @(& $types 'OUTPUTS')
        Notes       = @(ConvertTo-MarkdownBlock (& $section 'NOTES'))
        Links       = @($links)
    }
}

function Find-ParameterUse {
    <#
        The GrinfiPS cmdlets a piece of PowerShell calls, with each -Parameter it passes.
        Throws when the code does not parse.
    #>
    param([Parameter(Mandatory)] [string] $Code, [Parameter(Mandatory)] [string] $Context, [Parameter(Mandatory)] [hashtable] $Commands)

    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$errors)
    if ($errors.Count -gt 0) {
        throw "${Context}: the code does not parse: $(($errors | ForEach-Object { "$($_.Message) (line $($_.Extent.StartLineNumber))" }) -join '; ')"
    }
    $calls = $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
    foreach ($call in $calls) {
        $name = $call.GetCommandName()
        if (-not $name -or -not $Commands.ContainsKey($name)) { continue }
        foreach ($element in $call.CommandElements) {
            if ($element -is [System.Management.Automation.Language.CommandParameterAst]) {
                [pscustomobject]@{ Command = $Commands[$name]; Parameter = $element.ParameterName }
            }
        }
    }
}

function Assert-ExampleParameter {
    <# Throws when code calls a GrinfiPS cmdlet with a parameter (or alias) the cmdlet does not have. #>
    param([Parameter(Mandatory)] [string] $Code, [Parameter(Mandatory)] [string] $Context, [Parameter(Mandatory)] [hashtable] $Commands)

    foreach ($use in Find-ParameterUse -Code $Code -Context $Context -Commands $Commands) {
        $known = $use.Command.Parameters | Where-Object { $_.Name -eq $use.Parameter -or $_.Aliases -contains $use.Parameter }
        if (-not $known) {
            throw "${Context}: $($use.Command.Name) has no parameter -$($use.Parameter). Fix the example (spell parameters out in full)."
        }
    }
}

function Assert-CommandDoc {
    <#
        Throws where a cmdlet page and the cmdlet disagree; warns where text is missing (the
        tests fail on that).
    #>
    param([Parameter(Mandatory)] $Doc, [Parameter(Mandatory)] $Command, [Parameter(Mandatory)] [hashtable] $Commands)

    $file = $Doc.File
    if ($Doc.Name -ne $Command.Name) {
        throw "${file}: the title is '# $($Doc.Name)'; it must be '# $($Command.Name)'."
    }
    $helpFile = $Doc.FrontMatter['external help file']
    if ($helpFile -and $helpFile -ne $Command.HelpFile) {
        throw "${file}: 'external help file: $helpFile' should be '$($Command.HelpFile)'."
    }
    foreach ($name in $Doc.Parameters.Keys) {
        $parameter = $Command.Parameters | Where-Object Name -eq $name
        if (-not $parameter) {
            $byAlias = $Command.Parameters | Where-Object { $_.Aliases -contains $name }
            $hint = if ($byAlias) { " (-$name is an alias of -$($byAlias.Name); document it under that name)" } else { '' }
            throw "${file}: documents -$name, which $($Command.Name) does not have$hint."
        }
        if ($parameter.IsCommon) {
            throw "${file}: documents -$name, a common parameter; about_CommonParameters describes those."
        }
    }
    foreach ($example in $Doc.Examples) {
        Assert-ExampleParameter -Code $example.Code -Context "$file '$($example.Title)'" -Commands $Commands
    }

    if (-not $Doc.Synopsis) { Write-Warning "${file}: no SYNOPSIS." }
    if ($Doc.Description.Count -eq 0) { Write-Warning "${file}: no DESCRIPTION." }
    if ($Doc.Examples.Count -lt 2) { Write-Warning "${file}: $($Doc.Examples.Count) example(s); give at least two." }
    foreach ($type in $Command.OutputTypes) {
        $expected = if ($type -eq 'System.Void') { 'None' } else { $type }
        if (@($Doc.Outputs | ForEach-Object Type) -notcontains $expected) { Write-Warning "${file}: OUTPUTS does not name $expected, the cmdlet's [OutputType]." }
    }
    foreach ($example in $Doc.Examples | Where-Object { $_.Remarks.Count -eq 0 }) {
        Write-Warning "${file}: '$($example.Title)' does not say what it does (no text after the code)."
    }
    foreach ($parameter in $Command.Parameters | Where-Object { -not $_.IsCommon }) {
        $described = $Doc.Parameters.Contains($parameter.Name) -and $Doc.Parameters[$parameter.Name].Count -gt 0
        if (-not $described -and -not $StandardParameterText.ContainsKey($parameter.Name)) {
            Write-Warning "${file}: -$($parameter.Name) is not described."
        }
    }
}

#endregion

#region MAML

function ConvertTo-MamlPara {
    <# The text of one maml:para for a Markdown block. #>
    param([Parameter(Mandatory)] $Block)

    switch ($Block.Kind) {
        'Paragraph' { ConvertFrom-InlineMarkdown $Block.Text }
        'List' { ($Block.Items | ForEach-Object { "- $(ConvertFrom-InlineMarkdown $_)" }) -join "`n" }
        'Table' { (Format-MarkdownTable $Block.Rows) -join "`n" }
        'Code' { ($Block.Lines | ForEach-Object { "    $_" }) -join "`n" }
    }
}

function Write-MamlDescription {
    <# <maml:description> with one <maml:para> per block (an empty one when there is no text). #>
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [object[]] $Blocks, [string] $Text)

    $Writer.WriteStartElement('maml', 'description', $MamlNamespaces.maml)
    $paras = @(if ($PSBoundParameters.ContainsKey('Text')) { $Text } else { $Blocks | ForEach-Object { ConvertTo-MamlPara $_ } })
    if ($paras.Count -eq 0) { $paras = @('') }
    foreach ($para in $paras) { $Writer.WriteElementString('maml', 'para', $MamlNamespaces.maml, $para) }
    $Writer.WriteEndElement()
}

function Get-ParameterUsage {
    <#
        How a parameter is used across the parameter sets it belongs to (all of them, or one):
        required only when required in each, the position when they agree on one, and every way
        it takes pipeline input.
    #>
    param([Parameter(Mandatory)] $Command, [Parameter(Mandatory)] [string] $Name, [string] $SetName)

    $sets = if ($SetName) { @($Command.ParameterSets | Where-Object Name -eq $SetName) } else { @($Command.ParameterSets) }
    $uses = @($sets | ForEach-Object { $_.Parameters | Where-Object Name -eq $Name })
    $positions = @($uses | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Sort-Object -Unique)
    $pipeline = @(
        if ($uses | Where-Object ValueFromPipeline) { 'ByValue' }
        if ($uses | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' }
    )
    [pscustomobject]@{
        Required      = @($uses | Where-Object { -not $_.IsMandatory }).Count -eq 0
        Position      = if ($positions.Count -eq 1) { "$($positions[0])" } else { 'named' }
        PipelineInput = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
    }
}

function Write-MamlParameter {
    <# One <command:parameter>, in a syntax item (for one parameter set) or in the parameter list. #>
    param(
        [Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer,
        [Parameter(Mandatory)] $Command,
        [Parameter(Mandatory)] $Parameter,
        [object[]] $Blocks,
        [string] $SetName
    )

    $usage = Get-ParameterUsage -Command $Command -Name $Parameter.Name -SetName $SetName
    $Writer.WriteStartElement('command', 'parameter', $MamlNamespaces.command)
    $Writer.WriteAttributeString('required', $usage.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Parameter.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Parameter.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $usage.PipelineInput)
    $Writer.WriteAttributeString('position', $usage.Position)
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $MamlNamespaces.maml, $Parameter.Name)
    Write-MamlDescription $Writer -Blocks $Blocks
    if ($Parameter.ValidValues.Count -gt 0) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $MamlNamespaces.command)
        foreach ($value in $Parameter.ValidValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $MamlNamespaces.command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $MamlNamespaces.command, 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not $Parameter.IsSwitch) {
        $Writer.WriteStartElement('command', 'parameterValue', $MamlNamespaces.command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', $Parameter.IsArray.ToString().ToLowerInvariant())
        $Writer.WriteString($Parameter.TypeName)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $MamlNamespaces.dev)
    $Writer.WriteElementString('maml', 'name', $MamlNamespaces.maml, $Parameter.FullTypeName)
    $Writer.WriteElementString('maml', 'uri', $MamlNamespaces.maml, '')
    $Writer.WriteEndElement()
    # A value the property starts with means nothing for a parameter that must be given.
    $default = if ($usage.Required) { 'None' } else { $Parameter.DefaultValue }
    $Writer.WriteElementString('dev', 'defaultValue', $MamlNamespaces.dev, $default)
    $Writer.WriteEndElement()
}

function Get-ParameterBlock {
    <# A parameter's description: the Markdown's, else the standard text, else nothing. #>
    param([Parameter(Mandatory)] $Doc, [Parameter(Mandatory)] [string] $Name)

    if ($Doc.Parameters.Contains($Name)) { return , @($Doc.Parameters[$Name]) }
    if ($StandardParameterText.ContainsKey($Name)) { return , @([pscustomobject]@{ Kind = 'Paragraph'; Text = $StandardParameterText[$Name] }) }
    , @()
}

function Write-MamlSyntax {
    <# <command:syntax>: one syntax item per parameter set, positional parameters first. #>
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] $Command, [Parameter(Mandatory)] $Doc)

    $Writer.WriteStartElement('command', 'syntax', $MamlNamespaces.command)
    foreach ($set in $Command.ParameterSets) {
        $Writer.WriteStartElement('command', 'syntaxItem', $MamlNamespaces.command)
        $Writer.WriteElementString('maml', 'name', $MamlNamespaces.maml, $Command.Name)
        $inSet = @($set.Parameters | Where-Object { $p = $_; -not ($Command.Parameters | Where-Object Name -eq $p.Name).IsCommon })
        $ordered = @($inSet | Where-Object { $_.Position -ge 0 } | Sort-Object Position) + @($inSet | Where-Object { $_.Position -lt 0 })
        foreach ($use in $ordered) {
            $parameter = $Command.Parameters | Where-Object Name -eq $use.Name
            Write-MamlParameter $Writer -Command $Command -Parameter $parameter -Blocks (Get-ParameterBlock $Doc $use.Name) -SetName $set.Name
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlParameterList {
    <# <command:parameters>: every parameter but the common ones, in the Markdown's order, then the rest. #>
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] $Command, [Parameter(Mandatory)] $Doc)

    $all = @($Command.Parameters | Where-Object { -not $_.IsCommon })
    $ordered = @($Doc.Parameters.Keys | ForEach-Object { $name = $_; $all | Where-Object Name -eq $name }) +
        @($all | Where-Object { -not $Doc.Parameters.Contains($_.Name) })
    $Writer.WriteStartElement('command', 'parameters', $MamlNamespaces.command)
    foreach ($parameter in $ordered) {
        Write-MamlParameter $Writer -Command $Command -Parameter $parameter -Blocks (Get-ParameterBlock $Doc $parameter.Name)
    }
    $Writer.WriteEndElement()
}

function Write-MamlTypeList {
    <# <command:inputTypes> or <command:returnValues> from the INPUTS or OUTPUTS section. #>
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] [string] $ListName, [Parameter(Mandatory)] [string] $ItemName, [object[]] $Types)

    $Writer.WriteStartElement('command', $ListName, $MamlNamespaces.command)
    foreach ($type in $Types) {
        $Writer.WriteStartElement('command', $ItemName, $MamlNamespaces.command)
        $Writer.WriteStartElement('dev', 'type', $MamlNamespaces.dev)
        $Writer.WriteElementString('maml', 'name', $MamlNamespaces.maml, $type.Type)
        $Writer.WriteEndElement()
        Write-MamlDescription $Writer -Blocks $type.Blocks
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlExample {
    <# <command:examples>, each with a title, the code and the remarks. #>
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [object[]] $Examples)

    $Writer.WriteStartElement('command', 'examples', $MamlNamespaces.command)
    foreach ($example in $Examples) {
        # Get-Help shows the title as is; the dashes set examples apart as in PowerShell's own help.
        $dashes = '-' * [Math]::Max(3, [Math]::Floor((72 - $example.Title.Length) / 2))
        $Writer.WriteStartElement('command', 'example', $MamlNamespaces.command)
        $Writer.WriteElementString('maml', 'title', $MamlNamespaces.maml, "$dashes $($example.Title) $dashes")
        $Writer.WriteElementString('dev', 'code', $MamlNamespaces.dev, $example.Code)
        $Writer.WriteStartElement('dev', 'remarks', $MamlNamespaces.dev)
        foreach ($block in $example.Remarks) {
            $Writer.WriteElementString('maml', 'para', $MamlNamespaces.maml, (ConvertTo-MamlPara $block))
        }
        # An empty paragraph leaves a blank line before the next example's title.
        $Writer.WriteElementString('maml', 'para', $MamlNamespaces.maml, '')
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlCommand {
    <# One <command:command>: what the code says about the cmdlet, with the Markdown's text. #>
    param([Parameter(Mandatory)] [System.Xml.XmlWriter] $Writer, [Parameter(Mandatory)] $Command, [Parameter(Mandatory)] $Doc)

    $Writer.WriteStartElement('command', 'command', $MamlNamespaces.command)
    $Writer.WriteStartElement('command', 'details', $MamlNamespaces.command)
    $Writer.WriteElementString('command', 'name', $MamlNamespaces.command, $Command.Name)
    $Writer.WriteElementString('command', 'verb', $MamlNamespaces.command, $Command.Verb)
    $Writer.WriteElementString('command', 'noun', $MamlNamespaces.command, $Command.Noun)
    Write-MamlDescription $Writer -Text $Doc.Synopsis
    $Writer.WriteEndElement()
    Write-MamlDescription $Writer -Blocks $Doc.Description
    Write-MamlSyntax $Writer -Command $Command -Doc $Doc
    Write-MamlParameterList $Writer -Command $Command -Doc $Doc
    # Empty sections are left out: Get-Help shows nothing for them either way.
    if ($Doc.Inputs) { Write-MamlTypeList $Writer -ListName 'inputTypes' -ItemName 'inputType' -Types $Doc.Inputs }
    if ($Doc.Outputs) { Write-MamlTypeList $Writer -ListName 'returnValues' -ItemName 'returnValue' -Types $Doc.Outputs }
    if ($Doc.Notes) {
        $Writer.WriteStartElement('maml', 'alertSet', $MamlNamespaces.maml)
        $Writer.WriteStartElement('maml', 'alert', $MamlNamespaces.maml)
        foreach ($block in $Doc.Notes) { $Writer.WriteElementString('maml', 'para', $MamlNamespaces.maml, (ConvertTo-MamlPara $block)) }
        $Writer.WriteEndElement()
        $Writer.WriteEndElement()
    }
    if ($Doc.Examples) { Write-MamlExample $Writer -Examples $Doc.Examples }
    if ($Doc.Links) {
        $Writer.WriteStartElement('maml', 'relatedLinks', $MamlNamespaces.maml)
        foreach ($link in $Doc.Links) {
            $Writer.WriteStartElement('maml', 'navigationLink', $MamlNamespaces.maml)
            $Writer.WriteElementString('maml', 'linkText', $MamlNamespaces.maml, $link.Text)
            $Writer.WriteElementString('maml', 'uri', $MamlNamespaces.maml, $link.Uri)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlFile {
    <# The MAML help file for every cmdlet. #>
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [object[]] $Pairs)

    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($prefix in $MamlNamespaces.Keys) {
            $writer.WriteAttributeString('xmlns', $prefix, $null, $MamlNamespaces[$prefix])
        }
        foreach ($pair in $Pairs) { Write-MamlCommand $writer -Command $pair.Command -Doc $pair.Doc }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}

#endregion

#region about_ topics

function Format-Wrapped {
    <# Text wrapped to the about_ width, the first line after $First, the rest after $Rest. #>
    param([Parameter(Mandatory)] [AllowEmptyString()] [string] $Text, [string] $First = '    ', [string] $Rest = '    ')

    $lines = [System.Collections.Generic.List[string]]::new()
    $line = $First
    $empty = $true
    foreach ($word in $Text -split '[ \t]+' | Where-Object { $_ }) {
        if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $AboutWidth) {
            $lines.Add($line)
            $line = $Rest + $word
        }
        else {
            $line = if ($empty) { $line + $word } else { "$line $word" }
        }
        $empty = $false
    }
    $lines.Add($line)
    $lines | ForEach-Object { $_.Replace([char]0xA0, ' ') }
}

function ConvertTo-AboutText {
    <#
        An about_ topic as plain text in the classic layout: TOPIC, then each '## ' section as
        an upper-case heading with its text indented four spaces and wrapped at 80 columns;
        '### ' headings indented four and underlined, code indented eight and kept as written.
    #>
    param([Parameter(Mandatory)] $Markdown, [Parameter(Mandatory)] [hashtable] $Commands)

    $file = $Markdown.File
    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add("    $($Markdown.Title)")
    foreach ($heading in $Markdown.Sections.Keys) {
        $out.Add('')
        $out.Add($heading)
        $parts = [System.Collections.Generic.List[object]]::new()
        $lines = [string[]]$Markdown.Sections[$heading]
        $inFence = $false
        $chunk = [System.Collections.Generic.List[string]]::new()
        foreach ($line in $lines) {
            if ($line -match '^\s*```') { $inFence = -not $inFence }
            if (-not $inFence -and $line -match '^### (.+)$') {
                $parts.Add(@{ Lines = $chunk.ToArray() }); $chunk.Clear()
                $parts.Add(@{ Heading = $Matches[1].Trim() })
                continue
            }
            $chunk.Add($line)
        }
        $parts.Add(@{ Lines = $chunk.ToArray() })

        $first = $true
        foreach ($part in $parts) {
            if ($part.ContainsKey('Heading')) {
                $title = ConvertFrom-InlineMarkdown $part.Heading
                $out.Add('')
                $out.Add("    $title")
                $out.Add("    $('-' * $title.Length)")
                $first = $true
                continue
            }
            foreach ($block in ConvertTo-MarkdownBlock $part.Lines) {
                if (-not $first) { $out.Add('') }
                $first = $false
                switch ($block.Kind) {
                    'Paragraph' { Format-Wrapped (ConvertFrom-InlineMarkdown $block.Text -NoBreak) | ForEach-Object { $out.Add($_) } }
                    'List' {
                        foreach ($item in $block.Items) {
                            Format-Wrapped (ConvertFrom-InlineMarkdown $item -NoBreak) -First '    - ' -Rest '      ' | ForEach-Object { $out.Add($_) }
                        }
                    }
                    'Table' { Format-MarkdownTable $block.Rows | ForEach-Object { $out.Add("    $_") } }
                    'Code' {
                        if ($block.Language -eq 'powershell') {
                            Assert-ExampleParameter -Code ($block.Lines -join "`n") -Context "$file '## $heading'" -Commands $Commands
                        }
                        $block.Lines | ForEach-Object { $out.Add("        $_".TrimEnd()) }
                    }
                }
            }
        }
    }
    $long = @($out | Where-Object { $_.Length -gt $AboutWidth })
    if ($long) {
        throw "${file}: lines over $AboutWidth characters in the compiled topic (shorten them in the Markdown):`n$($long -join "`n")"
    }
    ($out -join [Environment]::NewLine) + [Environment]::NewLine
}

#endregion

#region Main

function Invoke-HelpBuild {
    <# Reads the docs and the module, checks one against the other, writes the help. #>
    $commands = Get-CommandMetadata -Path $ModulePath
    $byName = @{}
    foreach ($command in $commands) { $byName[$command.Name] = $command }

    $files = @(Get-ChildItem -LiteralPath $Source -Filter '*.md' -File | Sort-Object Name)
    $aboutFiles = @($files | Where-Object Name -like 'about_*')
    $commandFiles = @($files | Where-Object Name -notlike 'about_*')

    $missing = @($commands | Where-Object { -not (Test-Path (Join-Path $Source "$($_.Name).md")) } | ForEach-Object Name)
    if ($missing) {
        throw "Help is missing for $($missing -join ', '): add docs/en-US/<Cmdlet>.md for each (copy a page of a similar cmdlet)."
    }
    $stray = @($commandFiles | Where-Object { -not $byName.ContainsKey($_.BaseName) } | ForEach-Object Name)
    if ($stray) {
        throw "docs/en-US has pages for cmdlets the module does not export: $($stray -join ', '). Rename or remove them."
    }

    $pairs = foreach ($file in $commandFiles) {
        $command = $byName[$file.BaseName]
        $doc = ConvertTo-CommandDoc (Read-HelpMarkdown $file.FullName)
        Assert-CommandDoc -Doc $doc -Command $command -Commands $byName
        [pscustomobject]@{ Command = $command; Doc = $doc }
    }

    $target = New-Item (Join-Path $ModulePath 'en-US') -ItemType Directory -Force
    $helpFiles = @($commands | ForEach-Object HelpFile | Sort-Object -Unique)
    if ($helpFiles.Count -ne 1) { throw "The cmdlets name several help files ($($helpFiles -join ', ')); this script writes one." }
    Write-MamlFile -Path (Join-Path $target $helpFiles[0]) -Pairs $pairs

    foreach ($file in $aboutFiles) {
        $markdown = Read-HelpMarkdown $file.FullName
        if ($markdown.Title -ne $file.BaseName) {
            throw "$($file.Name): the title is '# $($markdown.Title)'; it must be '# $($file.BaseName)'."
        }
        $text = ConvertTo-AboutText -Markdown $markdown -Commands $byName
        [System.IO.File]::WriteAllText((Join-Path $target "$($file.BaseName).help.txt"), $text, [System.Text.UTF8Encoding]::new($false))
    }
    Write-Host "Help: $($pairs.Count) cmdlets and $($aboutFiles.Count) about_ topics compiled to $target"
}

Invoke-HelpBuild

#endregion
