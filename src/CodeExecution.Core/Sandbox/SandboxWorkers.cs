using System.Collections.Concurrent;
using System.Diagnostics;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// A fixed set of dedicated threads with large stacks that run guests, one at a time each. Their number is
/// the executor's concurrency; work beyond it waits in order.
/// </summary>
/// <remarks>
/// Guests do not run on thread-pool threads: Wasmtime's guest stack lives on the calling thread's stack, and a
/// wasm stack larger than the thread's crashes the CLR (seen with 2 MiB on a 1 MiB thread).
/// </remarks>
public sealed class SandboxWorkers : IDisposable
{
    /// <summary>What the current sandbox thread's work item left for after its result (see <see cref="AfterResult"/>).</summary>
    [ThreadStatic]
    private static List<Action>? t_afterResult;

    private const int Waiting = 0;
    private const int Started = 1;
    private const int GivenUp = 2;

    private readonly BlockingCollection<Action> _queue = new();
    private readonly Thread[] _threads;
    private int _busy;

    public SandboxWorkers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Work, SandboxEngine.GuestThreadStackBytes)
            {
                IsBackground = true,
                Name = $"sandbox-{i}",
            };
            _threads[i].Start();
        }
    }

    public int Count => _threads.Length;

    /// <summary>Work items accepted and not yet finished (running or waiting).</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>Runs <paramref name="work"/> on a sandbox thread, after the work queued before it.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        Interlocked.Increment(ref _busy);
        return Enqueue(work);
    }

    /// <summary>
    /// Runs <paramref name="work"/> when a thread frees up, if at most <paramref name="maxWaiting"/> items already wait
    /// for one; otherwise returns null at once. Its task's result is null when it has not started within
    /// <paramref name="maxWait"/>, and the task is cancelled when <paramref name="cancellationToken"/> is before it starts;
    /// either way it never runs. With <paramref name="maxWaiting"/> 0 it runs only if a thread is free now.
    /// </summary>
    public Task<T?>? TryRunWithin<T>(Func<T> work, int maxWaiting, TimeSpan maxWait, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxWaiting);
        while (true)
        {
            var busy = Volatile.Read(ref _busy);
            if (busy >= _threads.Length + maxWaiting)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _busy, busy + 1, busy) == busy)
            {
                break;
            }
        }

        var completion = new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var state = Waiting;
        bool GiveUp()
        {
            if (Interlocked.CompareExchange(ref state, GivenUp, Waiting) != Waiting)
            {
                return false;
            }

            Interlocked.Decrement(ref _busy);
            return true;
        }

        // A wait without bound needs no timer (TryExecuteAsync's, which is admitted only when a thread is free).
        var deadline = maxWait == Timeout.InfiniteTimeSpan ? null : new Timer(_ =>
        {
            if (GiveUp())
            {
                completion.TrySetResult(null);
            }
        });
        var cancellation = cancellationToken.Register(() =>
        {
            if (GiveUp())
            {
                completion.TrySetCanceled(cancellationToken);
            }
        });
        deadline?.Change(maxWait, Timeout.InfiniteTimeSpan);
        _queue.Add(() =>
        {
            deadline?.Dispose();
            cancellation.Dispose();
            if (Interlocked.CompareExchange(ref state, Started, Waiting) == Waiting)
            {
                Run(work, completion);
            }
        });
        return completion.Task;
    }

    /// <summary>
    /// Runs <paramref name="release"/> once the current work item's result has reached its caller, when called from
    /// a work item; at once anywhere else. Releasing a finished guest (resetting its store's memory slot, deleting its
    /// directory) takes up to 1.5 ms that its caller need not wait for. The thread does it before its next work item.
    /// It no longer counts as busy meanwhile: a request admitted then (<see cref="TryRunWithin{T}"/>) waits that long
    /// rather than being refused, and each thread still runs one guest at a time.
    /// </summary>
    public static void AfterResult(Action release)
    {
        if (t_afterResult is { } pending)
        {
            pending.Add(release);
        }
        else
        {
            release();
        }
    }

    private Task<T> Enqueue<T>(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() => Run(work, completion));
        return completion.Task;
    }

    /// <summary>On a sandbox thread: runs an accepted item, hands its result over, then releases what it left.</summary>
    private void Run<T, TResult>(Func<T> work, TaskCompletionSource<TResult> completion)
        where T : TResult
    {
        var afterResult = t_afterResult = [];
        try
        {
            completion.SetResult(work());
        }
        catch (Exception e)
        {
            completion.SetException(e);
        }
        finally
        {
            t_afterResult = null;
            Interlocked.Decrement(ref _busy);
            Release(afterResult);
        }
    }

    /// <summary>Runs each release; one that fails is reported to the trace listeners and must not end the thread.</summary>
    private static void Release(List<Action> releases)
    {
        foreach (var release in releases)
        {
            try
            {
                release();
            }
            catch (Exception e)
            {
                Trace.TraceError($"Releasing a finished execution failed: {e}");
            }
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(15));
        }

        _queue.Dispose();
    }

    private void Work()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            item();
        }
    }
}
