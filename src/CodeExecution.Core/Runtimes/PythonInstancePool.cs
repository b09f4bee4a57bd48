using System.Collections.Concurrent;
using CodeExecution.Core.Model;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes;

/// <summary>
/// Keeps a number of CPython interpreters started ahead of requests (<see cref="PrestartedPython"/>), each used
/// once. Taking one starts its replacement in the background, so start-up is paid between requests, not in them.
/// </summary>
/// <remarks>
/// Thread-safe. Interpreters are handed out oldest first, whether waiting or still starting: a request that gets
/// one still starting waits for less than a start-up of its own, and no start-up is spent twice. After
/// <see cref="MaxConsecutiveFailures"/> interpreters in a row end before their request, the pool stops starting
/// more and every request runs cold.
/// </remarks>
internal sealed class PythonInstancePool : IDisposable
{
    private const int MaxConsecutiveFailures = 3;

    private readonly Func<Action<PrestartedPython>, PrestartedPython> _create;
    private readonly int _size;
    private readonly object _gate = new();
    private readonly Queue<PrestartedPython> _unclaimed = new();
    private readonly ConcurrentDictionary<PrestartedPython, bool> _living = new();
    private int _consecutiveFailures;
    private bool _disposed;

    public PythonInstancePool(SandboxEngine engine, Linker linker, Module module, RuntimeIdentity identity, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        _size = size;
        _create = onExit => new PrestartedPython(engine, linker, module, identity, onExit);
        lock (_gate)
        {
            Refill();
        }
    }

    /// <summary>Interpreters whose threads have not ended, claimed or not.</summary>
    public int Living => _living.Count;

    /// <summary>Interpreters started and not yet handed out.</summary>
    public int Unclaimed
    {
        get
        {
            lock (_gate)
            {
                return _unclaimed.Count;
            }
        }
    }

    /// <summary>Completes when every interpreter not handed out has finished starting.</summary>
    public Task WhenStartedAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_unclaimed.Select(instance => instance.Ready));
        }
    }

    /// <summary>
    /// The oldest interpreter not handed out, or null when the pool is empty, closed, or its interpreters already use
    /// more memory than <paramref name="memoryLimitBytes"/> allows (a cold start would fail the same way, honestly).
    /// </summary>
    public PrestartedPython? TryTake(long memoryLimitBytes)
    {
        lock (_gate)
        {
            if (_disposed || !_unclaimed.TryPeek(out var oldest) || (oldest.Ready.IsCompleted && oldest.MemoryBytes > memoryLimitBytes))
            {
                return null;
            }

            _unclaimed.Dequeue();
            Refill();
            return oldest;
        }
    }

    /// <summary>Ends the interpreters not handed out and waits for their threads (and those still serving) to end.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var instance in _unclaimed)
            {
                instance.Close();
            }

            _unclaimed.Clear();
        }

        foreach (var instance in _living.Keys)
        {
            // A closed interpreter ends at once; one serving a request ends within its time limit.
            instance.Thread.Join(TimeSpan.FromMilliseconds(EffectiveLimits.MaxTimeoutMs + 5_000));
        }
    }

    private void Refill()
    {
        while (!_disposed && _consecutiveFailures < MaxConsecutiveFailures && _unclaimed.Count < _size)
        {
            var instance = _create(OnExit);
            _living[instance] = true;
            _unclaimed.Enqueue(instance);
            instance.Start();
        }
    }

    private void OnExit(PrestartedPython instance)
    {
        _living.TryRemove(instance, out _);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (instance.StartupFailure is null)
            {
                _consecutiveFailures = 0;
                return;
            }

            // Ended before its request: drop it from the queue and start another, unless start-up keeps failing.
            _consecutiveFailures++;
            var others = _unclaimed.Where(other => other != instance).ToList();
            _unclaimed.Clear();
            others.ForEach(_unclaimed.Enqueue);
            Refill();
        }
    }
}
