using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace GrinfiPS.Client;

/// <summary>
/// How many writes a cmdlet keeps in flight: enough to use the key's whole budget when the
/// API is slow or far away (the rate times the measured latency, with a margin), never more
/// than the ceiling (-ThrottleLimit), and half as many while the server pushes back with 429s
/// or 5xx. At 300 a minute and 1 s a request that is 8; at 2 s, 14.
/// </summary>
internal sealed class InFlightGate
{
    private static readonly TimeSpan s_assumedLatency = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_pushbackMemory = TimeSpan.FromSeconds(10);

    private readonly object _lock = new();
    private readonly Queue<TaskCompletionSource<bool>> _waiters = new();
    private readonly GrinfiClient _client;
    private int _running;

    public InFlightGate(GrinfiClient client, int ceiling)
    {
        _client = client;
        Ceiling = ceiling;
    }

    /// <summary>The most in flight, whatever the latency.</summary>
    public int Ceiling { get; }

    /// <summary>In flight right now.</summary>
    public int Running
    {
        get { lock (_lock) { return _running; } }
    }

    /// <summary>How many may be in flight now.</summary>
    public int Target
    {
        get
        {
            var load = _client.Load;
            var perSecond = _client.Limiter.Limit / 60.0;
            var latency = (load.Latency ?? s_assumedLatency).TotalSeconds;
            var wanted = (int)Math.Min(int.MaxValue, Math.Ceiling(perSecond * latency * 1.25) + 1);
            if (load.PushedBackWithin(s_pushbackMemory))
            {
                wanted = Math.Max(1, wanted / 2);
            }
            return Math.Max(1, Math.Min(Ceiling, wanted));
        }
    }

    /// <summary>Waits for a slot; release it with <see cref="Release"/>.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        lock (_lock)
        {
            if (_running < Target)
            {
                _running++;
                return;
            }
            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }
        using (cancellationToken.Register(() => waiter.TrySetCanceled()))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _running--;
            // The target may have grown since (latency measured): let in as many as it allows.
            var target = Target;
            while (_running < target && _waiters.Count > 0)
            {
                var next = _waiters.Dequeue();
                if (next.TrySetResult(true))
                {
                    _running++;
                }
            }
        }
    }
}
