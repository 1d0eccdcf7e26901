using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;
using GrinfiPS.PipeBinds;

namespace GrinfiPS.Leads;

/// <summary>
/// One bulk lead write, set up from its parameters: names resolved and checked before the first
/// row, the row reader, the writer, and how a row is described to -WhatIf and -Confirm.
/// </summary>
internal sealed class LeadWriteRun
{
    private readonly LeadRowReader _reader;
    private readonly GrinfiConnectedCmdlet _cmdlet;
    private readonly WriteOptions _options;

    private LeadWriteRun(GrinfiConnectedCmdlet cmdlet, LeadRowReader reader, LeadWriter writer, WriteOptions options)
    {
        _cmdlet = cmdlet;
        _reader = reader;
        Writer = writer;
        _options = options;
    }

    public LeadWriter Writer { get; }

    /// <summary>What every row is asked for besides its own fields (list, stage, tags).</summary>
    public WriteOptions Options => _options;

    /// <summary>Resolves every name the parameters give and checks -Clear, before any row is read.</summary>
    public static async Task<LeadWriteRun> PrepareAsync(GrinfiConnectedCmdlet cmdlet, LeadWriteParameters p, CallContext ctx)
    {
        var cache = cmdlet.ActiveConnection.Cache;
        var list = p.List is null ? null : await p.List.ResolveAsync(cache.Lists, "List", ctx).ConfigureAwait(false);
        var stage = p.PipelineStage is null ? null : await p.PipelineStage.ResolveAsync(cache.LeadStages, "PipelineStage", ctx).ConfigureAwait(false);
        var add = await ResolveTags(p.AddTag, cache, "AddTag", ctx).ConfigureAwait(false);
        var remove = await ResolveTags(p.RemoveTag, cache, "RemoveTag", ctx).ConfigureAwait(false);
        var customFields = await cache.LeadCustomFields.GetAllAsync(ctx).ConfigureAwait(false);
        var custom = new List<(GrinfiCustomField, string?)>();
        foreach (DictionaryEntry entry in p.CustomField ?? new Hashtable())
        {
            var field = await new CustomFieldPipeBind(entry.Key?.ToString() ?? "").ResolveAsync(cache.LeadCustomFields, "CustomField", ctx).ConfigureAwait(false);
            custom.Add((field, FieldText.From(entry.Value, $"custom field '{field.Name}'")));
        }
        var (clear, clearCustom) = ResolveClear(p.Clear ?? Array.Empty<string>(), customFields);
        // A -ColumnMap target that is no field is an error about the call, before any row: rows
        // without columns (piped contacts) would otherwise be written while the others fail.
        ColumnResolver.Resolve(Array.Empty<string>(), p.ColumnMap, customFields.Select(f => f.Name));
        // Read-only columns (ListName, TagNames, ...) are compared by name: load the names now,
        // on this thread, so no property getter ever waits for them.
        await cache.Lists.GetAllAsync(ctx).ConfigureAwait(false);
        await cache.LeadStages.GetAllAsync(ctx).ConfigureAwait(false);
        await cache.Tags.GetAllAsync(ctx).ConfigureAwait(false);

        var options = new WriteOptions { List = list, MoveToList = p.MoveToList, SkipExisting = p.SkipExisting, Stage = stage, AddTags = add, RemoveTags = remove };
        var writer = new LeadWriter(cmdlet, options, p.ThrottleLimit, p.BatchSize, p.PassThru, cmdlet.MyInvocation.MyCommand.Name) { HoldBatchesToEnd = p.HoldBatchesToEnd };
        var defaults = new RowDefaults
        {
            TeamId = cmdlet.ActiveConnection.TeamId, Uuid = p.Uuid, Fields = p.Fields, CustomFields = custom, ListUuid = list?.Uuid, Clear = clear, ClearCustom = clearCustom,
            EmptyCellsClear = p.EmptyCellsClear, DeferIdentityChecks = p.DeferIdentityChecks,
        };
        return new LeadWriteRun(cmdlet, new LeadRowReader(p.ColumnMap, customFields, defaults, writer.Notes), writer, options);
    }

    /// <summary>Reads a row; a row that cannot be written comes back with its Error set, to be reported in its turn.</summary>
    public LeadRow Read(int number, object? input)
    {
        var row = _reader.Read(number, input);
        foreach (var warning in _reader.TakeWarnings())
        {
            _cmdlet.WriteWarning(warning.Message);
        }
        return row;
    }

    /// <summary>What a row will do, in names: for -WhatIf and -Confirm.</summary>
    public string Describe(LeadRow row)
    {
        var parts = new List<string>();
        if (row.IsUpdate)
        {
            parts.Add(row.Fields.Count + row.Clear.Count == 0 ? "Update" : $"Update {string.Join(", ", row.Fields.Keys.Concat(row.Clear.Select(c => $"clear {c}")))}");
            if (_options.List is { } list)
            {
                parts.Add($"move to list '{list.Name}'");
            }
        }
        else
        {
            parts.Add((_options.SkipExisting ? "Create (existing contacts are skipped)" : "Create or update") +
                $" with {string.Join(", ", row.Fields.Keys)} in list '{_options.List?.Name ?? row.ListUuid}'" + (_options.MoveToList ? " (existing contacts move there)" : ""));
        }
        parts.AddRange(row.CustomFields.Select(c => c.Value is null ? $"clear custom field '{c.Field.Name}'" : $"set custom field '{c.Field.Name}' to '{c.Value}'"));
        if (_options.Stage is { } stage)
        {
            parts.Add($"set pipeline stage '{stage.Name}'");
        }
        parts.AddRange(_options.AddTags.Select(t => $"add tag '{t.Name}'"));
        parts.AddRange(_options.RemoveTags.Select(t => $"remove tag '{t.Name}'"));
        return string.Join("; ", parts);
    }

    private static async Task<IReadOnlyList<GrinfiTag>> ResolveTags(TagPipeBind[]? binds, ConnectionCache cache, string parameter, CallContext ctx)
    {
        var tags = new List<GrinfiTag>();
        foreach (var bind in binds ?? Array.Empty<TagPipeBind>())
        {
            tags.Add(await bind.ResolveAsync(cache.Tags, parameter, ctx).ConfigureAwait(false));
        }
        return tags;
    }

    /// <summary>
    /// -Clear's names: lead fields PUT lets be null, or custom fields. A field the API does not
    /// let be emptied is named in an error before anything is sent.
    /// </summary>
    private static (List<string> Fields, List<GrinfiCustomField> Custom) ResolveClear(IEnumerable<string> names, IReadOnlyList<GrinfiCustomField> customFields)
    {
        var fields = new List<string>();
        var custom = new List<GrinfiCustomField>();
        var refused = new List<string>();
        foreach (var name in names)
        {
            var field = LeadFields.Find(name);
            if (field is { OnUpdate: true, NullableOnUpdate: true })
            {
                fields.Add(field.Name);
            }
            else if (field is { OnUpdate: true })
            {
                refused.Add(field.Name);
            }
            else if (customFields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) is { } customField)
            {
                custom.Add(customField);
            }
            else
            {
                var nullable = LeadFields.All.Where(f => f.NullableOnUpdate).Select(f => f.Name).ToList();
                var close = LeadFields.Suggest(name, nullable.Concat(customFields.Select(f => f.Name)));
                // A typo of a field that cannot be emptied ("compnay") still gets its "Did you mean".
                var other = close.Count > 0 ? close : LeadFields.Suggest(name, LeadFields.All.Where(f => f.OnUpdate).Select(f => f.Name));
                var hint = other.Count == 0 ? ""
                    : $" Did you mean {string.Join(" or ", other.Select(c => $"'{c}'"))}?" + (close.Count > 0 ? "" : $" The API does not let {(other.Count == 1 ? "it" : "them")} be emptied on update.");
                throw GrinfiException.InvalidInput("GrinfiInvalidClear",
                    $"-Clear '{name}' is neither a lead field that can be emptied nor a custom field." + hint, name,
                    $"Give fields the API lets be empty ({string.Join(", ", nullable)}) or custom field names.");
            }
        }
        if (refused.Count > 0)
        {
            throw GrinfiException.InvalidInput("GrinfiFieldNotClearable",
                $"-Clear cannot empty {string.Join(", ", refused)}: the API does not let {(refused.Count == 1 ? "it" : "them")} be empty on update.", refused,
                $"Leave {(refused.Count == 1 ? "it" : "them")} out of -Clear; give a new value instead. Fields that can be emptied: {string.Join(", ", LeadFields.All.Where(f => f.NullableOnUpdate).Select(f => f.Name))}.");
        }
        return (fields, custom);
    }
}
