using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using GrinfiPS.Client;
using GrinfiPS.Commands.Companies;
using GrinfiPS.Model;

namespace GrinfiPS.Companies;

/// <summary>
/// New-GrinfiCompany's work: queues companies, leaves out the ones that exist already or come
/// twice, and creates the rest with one request per batch (POST /leads/api/companies takes an
/// array). A 422 that names rows (companies.3.name) reports those rows and sends the rest once
/// more: a validation error creates nothing, so the second request cannot make a duplicate.
/// </summary>
internal sealed class CompanyCreator
{
    private readonly CompanyCmdlet _cmdlet;
    private readonly IReadOnlyList<string> _lists;
    private readonly string? _dataSource;
    private readonly bool _allowDuplicate;
    private readonly int _batchSize;
    private readonly List<(CompanyWrite Fields, object? Source)> _queue = new();
    private readonly Dictionary<string, object?> _seen = new(StringComparer.Ordinal);

    public CompanyCreator(CompanyCmdlet cmdlet, IReadOnlyList<string> lists, string? dataSource, bool allowDuplicate, int batchSize)
    {
        _cmdlet = cmdlet;
        _lists = lists;
        _dataSource = dataSource;
        _allowDuplicate = allowDuplicate;
        _batchSize = batchSize;
    }

    public int Created { get; private set; }

    public int Existing { get; private set; }

    public int Requests { get; private set; }

    /// <summary>Queues a company (create fields), sending the batch when it is full.</summary>
    public void Add(CompanyWrite fields, object? source)
    {
        if (!_allowDuplicate)
        {
            var keys = CompanyIdentity.Keys(fields.Fields);
            if (keys.FirstOrDefault(_seen.ContainsKey) is { } key)
            {
                _cmdlet.WriteFailure(new GrinfiException(GrinfiErrorKind.InvalidInput, "GrinfiCompanyDuplicate",
                    $"Company '{fields.Fields["name"]}' comes twice in the input (the same {Describe(key)}); it is created once.")
                {
                    RecommendedAction = "Remove the repeated row, or add -AllowDuplicate to create both.",
                }, source);
                return;
            }
            foreach (var k in keys)
            {
                _seen[k] = source;
            }
        }
        _queue.Add((fields, source));
        if (_queue.Count >= _batchSize)
        {
            Flush();
        }
    }

    /// <summary>Sends whatever is queued.</summary>
    public void Flush()
    {
        if (_queue.Count == 0)
        {
            return;
        }
        var batch = _queue.ToList();
        _queue.Clear();
        if (!_allowDuplicate)
        {
            batch = LeaveOutExisting(batch);
        }
        Create(batch, resend: true);
    }

    private List<(CompanyWrite Fields, object? Source)> LeaveOutExisting(List<(CompanyWrite Fields, object? Source)> batch)
    {
        var lookups = batch.SelectMany(b => CompanyIdentity.Lookups(b.Fields.Fields)).GroupBy(l => (l.Key, l.Value.ToLowerInvariant())).Select(g => g.First()).ToList();
        if (lookups.Count == 0)
        {
            return batch;
        }
        IReadOnlyList<GrinfiCompany> found;
        try
        {
            found = _cmdlet.Run(ctx => _cmdlet.Api.LookupCompaniesAsync(lookups, ctx));
            Requests++;
        }
        catch (GrinfiException ex) when (!ex.EndsCommand)
        {
            // Without the check nothing may be created: a rerun of a scheduled job would duplicate them all.
            _cmdlet.WriteFailure(ex, batch.Select(b => b.Source).ToArray());
            return new List<(CompanyWrite, object?)>();
        }
        var byKey = new Dictionary<string, GrinfiCompany>(StringComparer.Ordinal);
        foreach (var company in found)
        {
            foreach (var key in CompanyIdentity.Keys(company))
            {
                byKey[key] = company;
            }
        }
        var rest = new List<(CompanyWrite, object?)>();
        foreach (var item in batch)
        {
            var key = CompanyIdentity.Keys(item.Fields.Fields).FirstOrDefault(byKey.ContainsKey);
            if (key is null)
            {
                rest.Add(item);
                continue;
            }
            Existing++;
            var existing = byKey[key];
            _cmdlet.WriteFailure(new GrinfiException(GrinfiErrorKind.InvalidInput, "GrinfiCompanyExists",
                $"Company '{item.Fields.Fields["name"]}' exists already: '{existing.Name}' ({existing.Uuid}) has the same {Describe(key)}. It was not created again.")
            {
                RecommendedAction = "Update it with Set-GrinfiCompany, or add -AllowDuplicate to create another.",
            }, item.Source);
        }
        return rest;
    }

    private void Create(List<(CompanyWrite Fields, object? Source)> batch, bool resend)
    {
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            var created = _cmdlet.Run(ctx => _cmdlet.Api.CreateCompaniesAsync(batch.Select(b => b.Fields).ToList(), _lists, _dataSource, ctx));
            Requests++;
            Created += created.Count;
            foreach (var company in created)
            {
                _cmdlet.WriteCompany(company);
            }
        }
        catch (GrinfiApiException ex) when (ex.Kind == GrinfiErrorKind.Validation && resend && RowsNamed(ex, batch.Count) is { Count: > 0 } rows)
        {
            Requests++;
            foreach (var row in rows)
            {
                var messages = ex.FieldErrors.Where(f => Row(f.Key) == row).SelectMany(f => f.Value);
                _cmdlet.WriteFailure(new GrinfiApiException(GrinfiErrorKind.Validation, "GrinfiValidationError",
                    $"Company '{batch[row].Fields.Fields["name"]}' was refused: {string.Join(" ", messages)}", ex)
                {
                    StatusCode = ex.StatusCode,
                    ServerMessage = ex.ServerMessage,
                    RecommendedAction = "Correct the row and run it again; the others were sent without it.",
                }, batch[row].Source);
            }
            Create(batch.Where((_, i) => !rows.Contains(i)).ToList(), resend: false);
        }
        catch (GrinfiException ex) when (!ex.EndsCommand)
        {
            _cmdlet.WriteFailure(ex, batch.Select(b => b.Source).ToArray());
        }
    }

    /// <summary>The rows a 422 names (companies.3.name → 3), when it names only rows of the batch.</summary>
    private static HashSet<int>? RowsNamed(GrinfiApiException ex, int count)
    {
        var rows = ex.FieldErrors.Keys.Select(Row).ToList();
        return rows.Count > 0 && rows.All(r => r is int i && i >= 0 && i < count) ? new HashSet<int>(rows.Select(r => r!.Value)) : null;
    }

    private static int? Row(string field)
    {
        var parts = field.Split('.');
        return parts.Length >= 2 && parts[0] == "companies" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : null;
    }

    private static string Describe(string key) => key.Substring(0, key.IndexOf(':')) switch
    {
        "host" => $"web address ({key.Substring(5)})",
        "linkedin" => $"LinkedIn page ({key.Substring(9)})",
        _ => $"name ({key.Substring(5)})",
    };
}
