using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using GrinfiPS.Client;

namespace GrinfiPS.Leads;

/// <summary>
/// Decides, once per run, what each input column means for Set-GrinfiLead and Import-GrinfiLead,
/// so that no column is dropped without a word: every column is written, read-only (checked
/// row by row by the caller), left out on purpose, or named in a warning.
/// </summary>
/// <remarks>
/// A column's meaning, first match wins:
/// <list type="number">
/// <item>-ColumnMap's entry for it (a key matches a column name in any case): a lead field, a
/// custom field, the Uuid, or $null/'' to leave the column out quietly;</item>
/// <item>a name of the module's own: a lead field's API or property name (first_name, FirstName,
/// CreatedAt), Uuid, LeadUuid, LinkedIn, ListName, PipelineStageName, TagNames;</item>
/// <item>a custom field of the team with the same name (so an "Industry" column fills the
/// custom field "industry" by itself);</item>
/// <item>a header of the exports in <see cref="KnownColumns"/>;</item>
/// <item>Google's numbered labels and further values ("Phone 1 - Label", "E-mail 2 - Value");</item>
/// <item>otherwise unmapped.</item>
/// </list>
/// Names are compared after <see cref="HeaderName.Normalise"/>. Two columns landing on one field
/// (or custom field, or the Uuid) give a warning, and the first is written.
/// </remarks>
internal static class ColumnResolver
{
    private static readonly Regex s_googleNumbered = new(@"^(?<base>.+?)\s*(?<n>\d+)\s*-\s*(?<part>[^-]+?)\s*$", RegexOptions.CultureInvariant);

    /// <summary>The plan for one run.</summary>
    /// <param name="headers">The input's column names: the first row's property names or hashtable keys, or a file's header line.</param>
    /// <param name="columnMap">-ColumnMap: column → a writable lead field (API or property name), a custom field name, or $null to leave the column out.</param>
    /// <param name="customFieldNames">The names of the team's lead custom fields.</param>
    /// <exception cref="GrinfiException">
    /// GrinfiWrongDelimiter when the input is a semicolon (or tab) file read with commas;
    /// GrinfiInvalidColumnMap when a -ColumnMap target is neither a writable field nor a custom field.
    /// </exception>
    public static ColumnPlan Resolve(IReadOnlyList<string> headers, IDictionary? columnMap = null, IEnumerable<string>? customFieldNames = null)
    {
        CheckDelimiter(headers);
        var customByKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in customFieldNames ?? Enumerable.Empty<string>())
        {
            var key = HeaderName.Normalise(name);
            if (key.Length > 0 && !customByKey.ContainsKey(key))
            {
                customByKey[key] = name;
            }
        }

        // Every target is checked, used or not: a misspelt one is an error before anything is sent.
        var map = new List<(string Column, PlannedColumn? Meaning)>();
        foreach (DictionaryEntry entry in columnMap ?? new Hashtable())
        {
            var column = entry.Key?.ToString() ?? "";
            if (map.Any(m => string.Equals(m.Column, column, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            var target = CellValues.Text(entry.Value);
            map.Add((column, target is null ? null : MapTarget(column, target, customByKey, columnMap!)));
        }

        var keys = new HashSet<string>(headers.Select(HeaderName.Normalise), StringComparer.Ordinal);
        var planned = new List<PlannedColumn>();
        foreach (var header in headers)
        {
            var mapped = map.FindIndex(m => string.Equals(m.Column, header, StringComparison.OrdinalIgnoreCase));
            if (mapped >= 0)
            {
                var meaning = map[mapped].Meaning;
                planned.Add(meaning is null
                    ? new PlannedColumn(header, ColumnKind.Ignored, fromColumnMap: true)
                    : new PlannedColumn(header, meaning.Kind, meaning.Target, meaning.Value, fromColumnMap: true));
                continue;
            }
            planned.Add(Meaning(header, keys, customByKey));
        }

        var warnings = new List<ColumnWarning>();
        MarkCollisions(planned, warnings);
        foreach (var (column, _) in map.Where(m => !headers.Any(h => string.Equals(h, m.Column, StringComparison.OrdinalIgnoreCase))))
        {
            warnings.Add(UnusedKey(column, headers));
        }
        var notWritten = planned.Where(c => c.Kind is ColumnKind.Unwritable or ColumnKind.Unmapped).ToList();
        if (notWritten.Count > 0)
        {
            warnings.Insert(0, NotWritten(notWritten));
        }
        return new ColumnPlan(planned, warnings);
    }

    /// <summary>A semicolon or tab file read with commas arrives as one column whose name holds the whole header line.</summary>
    private static void CheckDelimiter(IReadOnlyList<string> headers)
    {
        if (headers.Count != 1)
        {
            return;
        }
        var only = headers[0];
        var delimiter = only.IndexOf(';') >= 0 ? ";" : only.IndexOf('\t') >= 0 ? "`t" : null;
        if (delimiter is null)
        {
            return;
        }
        throw GrinfiException.InvalidInput("GrinfiWrongDelimiter",
            $"The input has a single column, named '{Shorten(only)}': its fields are separated by '{(delimiter == ";" ? ";" : "tab")}', and it was read as if by commas, so no column can be mapped.",
            only,
            $"Read the file with Import-Csv -Delimiter \"{delimiter}\" (or pass Import-GrinfiLead -Delimiter \"{delimiter}\").");
    }

    private static PlannedColumn Meaning(string header, ISet<string> keys, IReadOnlyDictionary<string, string> customByKey)
    {
        var known = KnownColumns.Find(header);
        if (known is not null && known.Own)
        {
            return FromKnown(header, known);
        }
        if (customByKey.TryGetValue(HeaderName.Normalise(header), out var custom)
            || (header.StartsWith(Runtime.Output.CustomFieldPrefix, StringComparison.OrdinalIgnoreCase)
                && customByKey.TryGetValue(HeaderName.Normalise(header.Substring(Runtime.Output.CustomFieldPrefix.Length)), out custom)))
        {
            // A column named like a custom field fills it; so does the prefixed column this module
            // writes for a custom field whose name a contact property already has.
            return new PlannedColumn(header, ColumnKind.CustomField, custom);
        }
        if (known is not null)
        {
            // Outlook's Title is Mr. or Dr.; where a file has a Job Title too, that one is the position.
            if (known.Key == "title" && keys.Contains("jobtitle"))
            {
                return new PlannedColumn(header, ColumnKind.Unwritable, note: KnownColumns.CourtesyTitle);
            }
            return FromKnown(header, known);
        }
        return GoogleNumbered(header) ?? new PlannedColumn(header, ColumnKind.Unmapped, note: "no lead field or custom field has this name");
    }

    private static PlannedColumn FromKnown(string header, KnownColumn known) =>
        new(header, known.Kind, known.Target, known.Value, known.Note, known.ReadOnly);

    /// <summary>
    /// Google contacts number repeated values: "E-mail 1 - Label" (Work, Home) and
    /// "E-mail 2 - Value". Labels have no field; a further value is warned, since the API keeps
    /// one value where it has a field at all.
    /// </summary>
    private static PlannedColumn? GoogleNumbered(string header)
    {
        var match = s_googleNumbered.Match(header);
        if (!match.Success)
        {
            return null;
        }
        var name = match.Groups["base"].Value.Trim();
        var part = match.Groups["part"].Value.Trim();
        if (part.Equals("Label", StringComparison.OrdinalIgnoreCase) || part.Equals("Type", StringComparison.OrdinalIgnoreCase))
        {
            return new PlannedColumn(header, ColumnKind.Unwritable,
                note: $"the label Google gives a contact's {name.ToLowerInvariant()}, such as Work or Home; the API takes no labels");
        }
        if (!int.TryParse(match.Groups["n"].Value, out var n) || n < 2)
        {
            return null;
        }
        var first = KnownColumns.Find($"{name} 1 - {part}");
        return first?.Kind switch
        {
            ColumnKind.Field => new PlannedColumn(header, ColumnKind.Unwritable,
                note: $"a further {name.ToLowerInvariant()} of a Google contact; the API keeps one {first.Target}, from '{name} 1 - {part}'"),
            ColumnKind.Unwritable => new PlannedColumn(header, ColumnKind.Unwritable, note: first.Note),
            _ => null,
        };
    }

    /// <summary>Resolves a -ColumnMap target as a column of that name would be, but refuses what cannot be written.</summary>
    private static PlannedColumn MapTarget(string column, string target, IReadOnlyDictionary<string, string> customByKey, IDictionary columnMap)
    {
        var known = KnownColumns.Find(target);
        if (known is not null && known.Own && known.Kind is ColumnKind.Field or ColumnKind.Identity)
        {
            return new PlannedColumn(column, known.Kind, known.Target, known.Value);
        }
        if (customByKey.TryGetValue(HeaderName.Normalise(target), out var custom))
        {
            return new PlannedColumn(column, ColumnKind.CustomField, custom);
        }
        if (known is not null && known.Kind is ColumnKind.Field or ColumnKind.Identity)
        {
            return new PlannedColumn(column, known.Kind, known.Target, known.Value);
        }

        var leaveOut = $"-ColumnMap @{{ {Quote(column)} = $null }} leaves the column out";
        if (known?.ReadOnly is { } readOnly)
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidColumnMap",
                $"-ColumnMap maps '{column}' to '{target}', which is read-only: no write takes {readOnly.Field.Name}.", columnMap,
                (readOnly.Instead is null ? "Grinfi sets it itself. " : $"Use {readOnly.Instead} instead. ") +
                $"Map the column to a writable lead field or a custom field, or {leaveOut}.");
        }
        if (known?.Kind == ColumnKind.Unwritable)
        {
            throw GrinfiException.InvalidInput("GrinfiInvalidColumnMap",
                $"-ColumnMap maps '{column}' to '{target}', which is {known.Note}.", columnMap,
                $"Create a custom field for it (New-GrinfiCustomField) and map the column to that, or {leaveOut}.");
        }
        var writable = LeadFields.Writable.Select(f => f.Name).ToList();
        var close = LeadFields.Suggest(target, writable)
            .Concat(Fuzzy.Suggest(customByKey.Values, target))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(3)
            .ToList();
        throw GrinfiException.InvalidInput("GrinfiInvalidColumnMap",
            $"-ColumnMap maps '{column}' to '{target}', which is neither a writable lead field nor a custom field." +
            (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : ""),
            columnMap,
            $"Map to one of {string.Join(", ", writable)}, or to a custom field (New-GrinfiCustomField creates one); {leaveOut}.");
    }

    /// <summary>Later columns landing on a field an earlier one fills become duplicates; one warning per field.</summary>
    private static void MarkCollisions(List<PlannedColumn> planned, List<ColumnWarning> warnings)
    {
        var groups = planned
            .Select((column, index) => (Column: column, Index: index, Slot: Slot(column)))
            .Where(x => x.Slot is not null)
            .GroupBy(x => x.Slot!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1);
        foreach (var group in groups)
        {
            var first = group.First().Column;
            var others = group.Skip(1).ToList();
            var means = Means(first);
            foreach (var other in others)
            {
                planned[other.Index] = new PlannedColumn(other.Column.Column, ColumnKind.Duplicate, other.Column.Target, other.Column.Value,
                    note: $"{means} again: '{first.Column}' comes first and is written", fromColumnMap: other.Column.FromColumnMap);
            }
            var names = group.Select(x => x.Column.Column).ToList();
            var losers = others.Select(x => x.Column.Column).ToList();
            warnings.Add(new ColumnWarning(ColumnWarning.Collision,
                $"Columns {List(names)} {(names.Count == 2 ? "both" : "all")} mean {means}; the first, '{first.Column}', is written and {(losers.Count == 1 ? "the other is" : "the others are")} not. " +
                $"Leave out the ones you do not want: -ColumnMap @{{ {string.Join("; ", losers.Select(l => $"{Quote(l)} = $null"))} }}, " +
                $"or map one elsewhere.",
                names));
        }
    }

    private static string? Slot(PlannedColumn column) => column.Kind switch
    {
        ColumnKind.Field => "field:" + column.Target,
        ColumnKind.CustomField => "custom:" + HeaderName.Normalise(column.Target),
        ColumnKind.Identity => "identity",
        _ => null,
    };

    private static string Means(PlannedColumn column) => column.Kind switch
    {
        ColumnKind.CustomField => $"the custom field '{column.Target}'",
        ColumnKind.Identity => "the contact's Uuid",
        _ => column.Target!,
    };

    private static ColumnWarning UnusedKey(string column, IReadOnlyList<string> headers)
    {
        var close = Fuzzy.Suggest(headers, column);
        return new ColumnWarning(ColumnWarning.MapKeyUnused,
            $"-ColumnMap names the column '{column}', which the input does not have, so that entry does nothing." +
            (close.Count > 0 ? $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?" : "") +
            " Keys are matched to column names in any case.",
            new[] { column });
    }

    /// <summary>
    /// The one warning naming every column that is not written, what each is (columns that are
    /// the same kind of thing on one line), and the two ways to settle it.
    /// </summary>
    private static ColumnWarning NotWritten(IReadOnlyList<PlannedColumn> columns)
    {
        var names = columns.Select(c => c.Column).ToList();
        var one = columns.Count == 1;
        var what = one
            ? $"Column {Quote(columns[0].Column)} is not written: {columns[0].Note}."
            : $"{columns.Count} columns are not written:" + string.Concat(columns
                .GroupBy(c => c.Note)
                .Select(g => $"{Environment.NewLine}  {string.Join(", ", g.Select(c => Quote(c.Column)))}: {g.Key}."));
        var example = columns.FirstOrDefault(c => c.Kind == ColumnKind.Unmapped) ?? columns[0];
        var fix = $"{Environment.NewLine}To write {(one ? "it" : "one")}, map it to a lead field or a custom field: -ColumnMap @{{ {Quote(example.Column)} = '<field>' }};" +
            " a custom field named like the column (New-GrinfiCustomField) is filled without a map." +
            $"{Environment.NewLine}To leave {(one ? "it" : "them")} out on purpose, and end this warning:" +
            $" -ColumnMap @{{ {string.Join("; ", names.Select(n => $"{Quote(n)} = $null"))} }}," +
            $" or Select-Object * -ExcludeProperty {string.Join(", ", names.Select(Quote))} before Set-GrinfiLead.";
        return new ColumnWarning(ColumnWarning.Unmapped, what + fix, names);
    }

    private static string List(IReadOnlyList<string> names) =>
        names.Count == 2
            ? $"'{names[0]}' and '{names[1]}'"
            : string.Join(", ", names.Take(names.Count - 1).Select(n => $"'{n}'")) + $" and '{names[names.Count - 1]}'";

    /// <summary>A PowerShell single-quoted string.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";
}
