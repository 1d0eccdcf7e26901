using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using GrinfiPS.Client;
using GrinfiPS.Runtime;

namespace GrinfiPS.Commands.Base;

/// <summary>
/// Base of every GrinfiPS cmdlet: cancellation wired to Ctrl+C (StopProcessing), async work
/// run with its verbose, debug and progress output written on the pipeline thread, and
/// GrinfiPS exceptions turned into ErrorRecords.
/// </summary>
public abstract class GrinfiCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<Action> _pending = new();
    private readonly AutoResetEvent _pendingSignal = new(false);
    private CmdletLog? _log;
    private bool _stopRequested;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancellationToken => _stopping.Token;

    /// <summary>What every client call carries: this command's cancellation and log.</summary>
    internal CallContext Call => new(_stopping.Token, _log ??= new CmdletLog(this));

    /// <summary>
    /// The runspace the command runs in, captured on the pipeline thread: worker threads have
    /// no default runspace, and connections are per runspace.
    /// </summary>
    internal Runspace? Runspace { get; private set; }

    /// <summary>When the command began (UTC): data read since then is fresh for it.</summary>
    internal DateTime Started { get; private set; }

    /// <summary>
    /// Runs <see cref="Begin"/>. An error there is about the whole call (a bad filter, no
    /// connection), so it ends the command before any input is read.
    /// </summary>
    protected sealed override void BeginProcessing()
    {
        Started = DateTime.UtcNow;
        Runspace = Runspace.DefaultRunspace;
        try
        {
            Begin();
        }
        catch (GrinfiException ex)
        {
            ThrowTerminatingError(ErrorRecords.From(ex, ex.TargetObject));
        }
    }

    /// <summary>Runs <see cref="Process"/>, reporting GrinfiPS errors as ErrorRecords.</summary>
    protected sealed override void ProcessRecord() => Guard(Process, null);

    /// <summary>Runs <see cref="End"/>, reporting GrinfiPS errors as ErrorRecords.</summary>
    protected sealed override void EndProcessing() => Guard(End, null);

    /// <inheritdoc />
    protected override void StopProcessing()
    {
        _stopRequested = true;
        _stopping.Cancel();
    }

    /// <summary>
    /// Called once, on the pipeline thread, when the command was stopped (Ctrl+C) before its
    /// end: the pipeline is closed by then, so whatever must reach the user goes to the host.
    /// </summary>
    protected virtual void OnStopped()
    {
    }

    /// <summary>Once, before the first input.</summary>
    protected virtual void Begin()
    {
    }

    /// <summary>Once per input object.</summary>
    protected virtual void Process()
    {
    }

    /// <summary>Once, after the last input.</summary>
    protected virtual void End()
    {
    }

    /// <summary>Runs an action and reports a GrinfiPS error it throws against <paramref name="target"/>.</summary>
    internal void Guard(Action action, object? target)
    {
        try
        {
            action();
        }
        catch (GrinfiException ex)
        {
            WriteFailure(ex, target);
        }
    }

    /// <summary>
    /// Reports an error: non-terminating for one bad item, so the rest go on; terminating when
    /// every further request would fail the same way (bad key, no credits, no access).
    /// </summary>
    internal void WriteFailure(GrinfiException ex, object? target)
    {
        var record = ErrorRecords.From(ex, target);
        if (ex.EndsCommand)
        {
            ThrowTerminatingError(record);
        }
        WriteError(record);
    }

    /// <summary>
    /// A message for the person running the command: on the information stream (6>, or
    /// -InformationAction Ignore to drop it), shown like Write-Host, never in the output.
    /// </summary>
    internal void WriteSummary(string message) =>
        WriteInformation(new HostInformationMessage { Message = message }, new[] { "PSHOST", "GrinfiPS" });

    /// <summary>
    /// ShouldProcess as users of a bulk tool need it: -WhatIf only reports; -Force and
    /// -Confirm:$false both get through without a prompt; an explicit -Confirm asks. With
    /// <paramref name="askByDefault"/> it asks even when the cmdlet's ConfirmImpact would not
    /// (a mass action on a filter). A session that cannot prompt gets an error saying how to
    /// go on, not a hang or a host exception.
    /// </summary>
    internal bool Approve(string target, string action, bool force, bool askByDefault = false)
    {
        var bound = MyInvocation.BoundParameters;
        // $WhatIfPreference counts as much as -WhatIf: -Force must never turn a dry run into a real one.
        var whatIf = bound.TryGetValue("WhatIf", out var w) ? LanguagePrimitives.IsTrue(w) : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        var confirmGiven = bound.TryGetValue("Confirm", out var c);
        var confirm = confirmGiven && LanguagePrimitives.IsTrue(c);
        if (force && !whatIf && !confirm)
        {
            return true;
        }
        var preference = GetVariableValue("ConfirmPreference") is ConfirmImpact p ? p : ConfirmImpact.High;
        var impact = GetType().GetCustomAttributes(typeof(CmdletAttribute), false).OfType<CmdletAttribute>().FirstOrDefault()?.ConfirmImpact ?? ConfirmImpact.Medium;
        var shouldProcessAsks = !whatIf && (confirm || (!confirmGiven && preference != ConfirmImpact.None && impact >= preference));
        var weAsk = !whatIf && askByDefault && !confirmGiven && !shouldProcessAsks && preference != ConfirmImpact.None;
        if ((shouldProcessAsks || weAsk) && !Connection.ConnectGrinfiCommand.CanPrompt(Host))
        {
            throw new GrinfiException(GrinfiErrorKind.ConfirmationRequired, "GrinfiConfirmationRequired",
                $"'{action}' on {target} needs confirmation, and this session cannot ask.")
            {
                TargetObject = target,
                RecommendedAction = "In a script that runs unattended, add -Force or -Confirm:$false; use -WhatIf to see what would happen.",
            };
        }
        if (!ShouldProcess(target, action))
        {
            return false;
        }
        return !weAsk || ShouldContinue($"{action}: {target}?", "Confirm");
    }

    /// <summary>
    /// Runs async work to completion on the thread pool while this (the pipeline) thread
    /// writes what the work queues. Ctrl+C cancels the work and stops the pipeline.
    /// </summary>
    internal T Run<T>(Func<CallContext, Task<T>> work) => Await(Start(work));

    /// <summary>Starts async work on the thread pool; <see cref="Await{T}"/> collects it.</summary>
    /// <param name="work">The work.</param>
    /// <param name="cancellation">A narrower cancellation than the command's, e.g. for a prefetch that may be abandoned.</param>
    internal Task<T> Start<T>(Func<CallContext, Task<T>> work, CancellationToken? cancellation = null)
    {
        var call = cancellation is CancellationToken token ? new CallContext(token, Call.Log) : Call;
        return Task.Run(() => work(call), call.CancellationToken);
    }

    /// <summary>Waits for started work, writing what it queues meanwhile; Ctrl+C becomes a pipeline stop.</summary>
    internal T Await<T>(Task<T> task)
    {
        Pump(task);
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Waits for started work that returns nothing; see <see cref="Await{T}"/>.</summary>
    internal void Await(Task task) => Await(task.ContinueWith(t =>
    {
        t.GetAwaiter().GetResult();
        return true;
    }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));

    /// <inheritdoc cref="Run{T}(Func{CallContext, Task{T}})"/>
    internal void Run(Func<CallContext, Task> work) => Run<bool>(async ctx =>
    {
        await work(ctx).ConfigureAwait(false);
        return true;
    });

    /// <summary>Waits without blocking Ctrl+C (polling loops).</summary>
    internal void Sleep(TimeSpan delay) => Run(ctx => Task.Delay(delay, ctx.CancellationToken));

    /// <summary>
    /// Queues a write for the pipeline thread. Worker threads must never call Write* directly;
    /// this is how their output reaches the user (drained while <see cref="Run{T}"/> waits).
    /// </summary>
    internal void Post(Action write)
    {
        _pending.Enqueue(write);
        _pendingSignal.Set();
    }

    /// <summary>Writes what worker threads queued. Call only on the pipeline thread.</summary>
    internal void DrainPending()
    {
        while (_pending.TryDequeue(out var write))
        {
            write();
        }
    }

    /// <summary>Waits for a task while draining queued writes, so progress and verbose lines appear as they happen.</summary>
    internal void Pump(Task task)
    {
        var handles = new[] { ((IAsyncResult)task).AsyncWaitHandle, _pendingSignal };
        try
        {
            while (!task.IsCompleted)
            {
                WaitHandle.WaitAny(handles);
                DrainPending();
            }
            DrainPending();
        }
        catch
        {
            // A write failed (the pipeline is stopping): do not leave the work running.
            _stopping.Cancel();
            throw;
        }
    }

    /// <summary>Cancels work still running when the pipeline ends early (Select-Object -First).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the cancellation source and the signal.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_stopRequested)
            {
                _stopRequested = false;
                OnStopped();
            }
            _stopping.Cancel();
            _stopping.Dispose();
            _pendingSignal.Dispose();
        }
    }
}
