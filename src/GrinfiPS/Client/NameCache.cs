using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using GrinfiPS.Model;

namespace GrinfiPS.Client;

/// <summary>
/// The names of one kind of object (lists, stages, tags, ...) for one connection, so a name
/// costs one request per connection, not one per use. A name that is not found reloads the
/// cache once (a list made in the web app a minute ago must resolve).
/// </summary>
internal sealed class NameCache<T>
    where T : GrinfiNamedObject
{
    private static readonly TimeSpan s_missMemory = TimeSpan.FromSeconds(30);

    private readonly Func<CallContext, Task<IReadOnlyList<T>>> _load;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly object _lock = new();
    private readonly Dictionary<string, DateTime> _recentMisses = new(StringComparer.OrdinalIgnoreCase);
    private IReadOnlyList<T>? _items;
    private int _generation;

    public NameCache(string noun, string typeName, Func<CallContext, Task<IReadOnlyList<T>>> load, long? teamId = null)
    {
        Noun = noun;
        TypeName = typeName;
        _load = load;
        TeamId = teamId;
    }

    /// <summary>The team whose objects these are (objects of another team are refused).</summary>
    public long? TeamId { get; }

    /// <summary>What the objects are called in messages: "List", "Pipeline stage", ...</summary>
    public string Noun { get; }

    /// <summary>The noun of the cmdlets and error ids: "List", "PipelineStage", ...</summary>
    public string TypeName { get; }

    /// <summary>All items, loading them on first use (or again with <paramref name="refresh"/>).</summary>
    public async Task<IReadOnlyList<T>> GetAllAsync(CallContext ctx, bool refresh = false)
    {
        int seen;
        lock (_lock)
        {
            if (_items is not null && !refresh)
            {
                return _items;
            }
            seen = _generation;
        }
        await _loading.WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
        try
        {
            lock (_lock)
            {
                // Someone else loaded while we waited: that load is as fresh as ours would be.
                if (_items is not null && _generation != seen)
                {
                    return _items;
                }
            }
            var items = await _load(ctx).ConfigureAwait(false);
            lock (_lock)
            {
                _items = items;
                _generation++;
                LoadedAt = DateTime.UtcNow;
                return items;
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// Finds an object by UUID or name (case-insensitive; an exact-case match wins a tie).
    /// Reloads once on a miss. Throws a <see cref="GrinfiException"/> that lists close matches.
    /// </summary>
    public async Task<T> ResolveAsync(string nameOrUuid, string parameterName, CallContext ctx)
    {
        var items = await GetAllAsync(ctx).ConfigureAwait(false);
        var found = Match(items, nameOrUuid);
        if (found.Count == 0 && ShouldReload(nameOrUuid))
        {
            items = await GetAllAsync(ctx, refresh: true).ConfigureAwait(false);
            found = Match(items, nameOrUuid);
            if (found.Count == 0)
            {
                lock (_lock)
                {
                    _recentMisses[nameOrUuid] = DateTime.UtcNow;
                }
            }
        }
        if (found.Count == 1)
        {
            return found[0];
        }
        if (found.Count > 1)
        {
            var which = string.Join(", ", found.Select(f => $"'{f.Name}' ({f.Uuid})"));
            throw new GrinfiException(GrinfiErrorKind.NameAmbiguous, $"Grinfi{TypeName}Ambiguous",
                $"{Noun} name '{nameOrUuid}' given to -{parameterName} matches {found.Count} objects: {which}.")
            {
                TargetObject = nameOrUuid,
                RecommendedAction = $"Pass the UUID of the one you mean to -{parameterName}.",
            };
        }
        var close = Fuzzy.Suggest(items.Select(i => i.Name), nameOrUuid);
        var hint = close.Count == 0
            ? $" Known: {string.Join(", ", items.Take(8).Select(i => $"'{i.Name}'"))}{(items.Count > 8 ? ", ..." : "")}."
            : $" Did you mean {string.Join(" or ", close.Select(c => $"'{c}'"))}?";
        throw new GrinfiException(GrinfiErrorKind.NameNotResolved, $"Grinfi{TypeName}NotFound",
            $"{Noun} '{nameOrUuid}' given to -{parameterName} was not found.{(items.Count == 0 ? "" : hint)}")
        {
            TargetObject = nameOrUuid,
            RecommendedAction = close.Count > 0 ? $"Use '{close[0]}', or see the names with Get-Grinfi{TypeName}." : $"Check the name; Get-Grinfi{TypeName} lists them.",
        };
    }

    /// <summary>
    /// The name for a UUID, for display: from the names already loaded, never a request. A
    /// property getter (ListName, TagNames) runs in format views and Export-Csv, which must not
    /// block on the network; cmdlets that write contacts load the names first, on the pipeline
    /// thread, where Ctrl+C can stop them.
    /// </summary>
    public string? DisplayName(string? uuid)
    {
        if (string.IsNullOrEmpty(uuid))
        {
            return null;
        }
        IReadOnlyList<T>? items;
        lock (_lock)
        {
            items = _items;
        }
        return items?.FirstOrDefault(i => string.Equals(i.Uuid, uuid, StringComparison.OrdinalIgnoreCase))?.Name;
    }

    /// <summary>When the names were last read from the API (UTC).</summary>
    public DateTime LoadedAt { get; private set; } = DateTime.MinValue;

    /// <summary>The names loaded so far, or null when none were (for display only).</summary>
    public IReadOnlyList<T>? Loaded
    {
        get { lock (_lock) { return _items; } }
    }

    /// <summary>Records an object this connection just made or changed, so the next lookup finds it without a reload.</summary>
    public void Upsert(T item)
    {
        lock (_lock)
        {
            if (_items is null)
            {
                return;
            }
            _items = _items.Where(i => !string.Equals(i.Uuid, item.Uuid, StringComparison.OrdinalIgnoreCase)).Append(item).ToList();
            _recentMisses.Remove(item.Name);
        }
    }

    /// <summary>Forgets an object this connection just deleted.</summary>
    public void Remove(string uuid)
    {
        lock (_lock)
        {
            if (_items is not null)
            {
                _items = _items.Where(i => !string.Equals(i.Uuid, uuid, StringComparison.OrdinalIgnoreCase)).ToList();
            }
        }
    }

    // A name that just missed after a reload is not reloaded again for a while: 10,000 rows
    // naming the same missing list must not make 10,000 requests.
    private bool ShouldReload(string name)
    {
        lock (_lock)
        {
            return !_recentMisses.TryGetValue(name, out var when) || DateTime.UtcNow - when > s_missMemory;
        }
    }

    private static List<T> Match(IReadOnlyList<T> items, string nameOrUuid)
    {
        var byUuid = items.Where(i => string.Equals(i.Uuid, nameOrUuid, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byUuid.Count > 0)
        {
            return byUuid;
        }
        var byName = items.Where(i => string.Equals(i.Name, nameOrUuid, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byName.Count > 1)
        {
            var exact = byName.Where(i => string.Equals(i.Name, nameOrUuid, StringComparison.Ordinal)).ToList();
            if (exact.Count == 1)
            {
                return exact;
            }
        }
        return byName;
    }
}
