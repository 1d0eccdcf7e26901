using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using GrinfiPS.Client;
using GrinfiPS.Commands.Base;
using GrinfiPS.Model;

namespace GrinfiPS.Commands.Metrics;

/// <summary>
/// Get-GrinfiDataSourceMetric: how imports went: each data source's records queued, saved,
/// duplicate, on a do-not-contact list and failed. Every data source by default; or the data
/// sources of piped contacts (their DataSourceUuid), or UUIDs.
/// </summary>
[Cmdlet(VerbsCommon.Get, "GrinfiDataSourceMetric")]
[OutputType(typeof(GrinfiDataSourceMetric))]
public sealed class GetGrinfiDataSourceMetricCommand : GrinfiConnectedCmdlet
{
    private readonly List<string> _uuids = new();
    private bool _given;

    /// <summary>Data source UUIDs; binds the DataSourceUuid of piped contacts and companies. Default: every data source.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("DataSourceUuid", "data_source_uuid")]
    [AllowNull]
    [AllowEmptyString]
    public string[]? DataSource { get; set; }

    /// <inheritdoc />
    protected override void Process()
    {
        if (DataSource is null && !MyInvocation.BoundParameters.ContainsKey(nameof(DataSource)))
        {
            return;
        }
        _given = true;
        foreach (var uuid in DataSource ?? Array.Empty<string>())
        {
            if (string.IsNullOrWhiteSpace(uuid))
            {
                // A contact that came from no import (added by hand) has no data source.
                continue;
            }
            var text = uuid.Trim();
            if (!Guid.TryParseExact(text, "D", out _))
            {
                WriteFailure(GrinfiException.InvalidInput("GrinfiInvalidUuid", $"'{text}' is not a data source UUID.", uuid,
                    "Give a data source's UUID (a contact's DataSourceUuid), or no -DataSource for every data source."), uuid);
            }
            else if (!_uuids.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                _uuids.Add(text);
            }
        }
    }

    /// <inheritdoc />
    protected override void End()
    {
        IReadOnlyList<GrinfiDataSource>? sources = null;
        if (!_given && !MyInvocation.ExpectingInput)
        {
            sources = Run(async ctx =>
            {
                await Names.Lists.GetAllAsync(ctx).ConfigureAwait(false);
                return await Api.GetDataSourcesAsync(ctx).ConfigureAwait(false);
            });
            _uuids.AddRange(sources.Select(s => s.Uuid));
        }
        if (_uuids.Count == 0)
        {
            return;
        }
        var metrics = Run(ctx => Api.GetDataSourceMetricsAsync(_uuids, ctx));
        foreach (var uuid in _uuids)
        {
            if (metrics.TryGetValue(uuid, out var entry))
            {
                WriteObject(new GrinfiDataSourceMetric(uuid, sources?.FirstOrDefault(s => string.Equals(s.Uuid, uuid, StringComparison.OrdinalIgnoreCase)), entry));
            }
            else
            {
                WriteWarning($"The server sent no metrics for data source {uuid}: it is not a data source of this team, or it was deleted.");
            }
        }
    }
}
