using System;
using System.Management.Automation;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Model;

namespace GrinfiPS.PipeBinds;

/// <summary>
/// A list, stage, tag, custom field or automation as the user gave it: a name, a UUID or the
/// object itself. Nothing is looked up until the cmdlet resolves it against its connection.
/// </summary>
public abstract class NamedPipeBind<T>
    where T : GrinfiNamedObject
{
    private protected NamedPipeBind(string nameOrUuid)
    {
        if (string.IsNullOrWhiteSpace(nameOrUuid))
        {
            throw new ArgumentException($"A {typeof(T).Name} name or UUID cannot be empty.");
        }
        Text = nameOrUuid.Trim();
    }

    private protected NamedPipeBind(object value)
    {
        var inner = value is PSObject ps ? ps.BaseObject : value;
        switch (inner)
        {
            case T item:
                Object = item;
                Text = item.Uuid;
                break;
            case string s:
                if (string.IsNullOrWhiteSpace(s))
                {
                    throw new ArgumentException($"A {typeof(T).Name} name or UUID cannot be empty.");
                }
                Text = s.Trim();
                break;
            case Guid g:
                Text = g.ToString("D");
                break;
            case GrinfiObject other:
                // A tag where a list is wanted must fail, not be taken by its name.
                throw new ArgumentException($"Expected a {typeof(T).Name}, a name or a UUID, but got a {other.GetType().Name} ('{other}').");
            default:
                throw new ArgumentException($"Expected a {typeof(T).Name}, a name or a UUID, but got a {inner.GetType().Name}.");
        }
    }

    /// <summary>The object, when one was given.</summary>
    public T? Object { get; }

    /// <summary>The name or UUID as given (the object's UUID for an object).</summary>
    public string Text { get; }

    /// <summary>What the user passed, for error records.</summary>
    public object InputObject => (object?)Object ?? Text;

    /// <summary>True when the text is a UUID, so no name lookup is needed.</summary>
    public bool IsUuid => Object is not null || Guid.TryParseExact(Text, "D", out _);

    /// <summary>The UUID: as given, or looked up by name (one request per connection, cached).</summary>
    internal async Task<string> ResolveUuidAsync(NameCache<T> cache, string parameterName, CallContext ctx) =>
        IsUuid ? CheckedObject(cache, parameterName)?.Uuid ?? Text : (await cache.ResolveAsync(Text, parameterName, ctx).ConfigureAwait(false)).Uuid;

    /// <summary>The object, looked up by name or UUID when not given.</summary>
    internal async Task<T> ResolveAsync(NameCache<T> cache, string parameterName, CallContext ctx) =>
        CheckedObject(cache, parameterName) ?? await cache.ResolveAsync(Text, parameterName, ctx).ConfigureAwait(false);

    // An object of another team is refused: its UUID means nothing to this connection's team.
    private T? CheckedObject(NameCache<T> cache, string parameterName) =>
        Object is not null && TeamCheck.Refusal(Object, cache.TeamId, "-" + parameterName) is { } refusal ? throw refusal : Object;

    /// <inheritdoc />
    public override string ToString() => Object?.Name ?? Text;
}
