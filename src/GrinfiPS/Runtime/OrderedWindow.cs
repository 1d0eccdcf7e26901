using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using GrinfiPS.Commands.Base;

namespace GrinfiPS.Runtime;

/// <summary>
/// Pipeline items whose work runs on worker threads, several at once, handed back on the
/// pipeline thread in input order: output order and row errors stay as the input had them.
/// The work never writes to the pipeline; <c>finished</c> does, on the pipeline thread. The
/// number of items held is bounded, so memory stays flat for any input.
/// </summary>
internal sealed class OrderedWindow<T>
{
    private readonly GrinfiCmdlet _cmdlet;
    private readonly Action<T> _finished;
    private readonly int _maxHeld;
    private readonly Queue<(T Item, Task Work)> _held = new();

    /// <param name="cmdlet">The cmdlet whose pipeline thread hands items back.</param>
    /// <param name="finished">Called on the pipeline thread for each item, in input order, once its work ended (even in failure).</param>
    /// <param name="maxHeld">Items held at most before Add waits for the oldest.</param>
    public OrderedWindow(GrinfiCmdlet cmdlet, Action<T> finished, int maxHeld)
    {
        _cmdlet = cmdlet;
        _finished = finished;
        _maxHeld = maxHeld;
    }

    /// <summary>Items whose work has not been handed back yet, oldest first.</summary>
    public IEnumerable<T> Held => _held.Select(h => h.Item);

    /// <summary>Adds an item with its started work; hands back what finished, and waits while the window is full.</summary>
    public void Add(T item, Task work)
    {
        _held.Enqueue((item, work));
        HandBack(wait: false);
        while (_held.Count >= _maxHeld)
        {
            HandBackOne();
        }
    }

    /// <summary>Hands back every item whose work (and whose predecessors' work) is done, without waiting.</summary>
    public void HandBack(bool wait)
    {
        while (_held.Count > 0 && (wait || _held.Peek().Work.IsCompleted))
        {
            HandBackOne();
        }
    }

    private void HandBackOne()
    {
        var (item, work) = _held.Peek();
        // Waits while writing what the workers queued (verbose lines); a worker's own failure
        // is the item's business, read by the finished callback, so it is not rethrown here.
        _cmdlet.Await(work.ContinueWith(_ => true, TaskScheduler.Default));
        _held.Dequeue();
        _finished(item);
    }
}
