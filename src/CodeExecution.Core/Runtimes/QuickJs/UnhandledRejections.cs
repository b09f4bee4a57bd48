namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// Promise rejections no handler has claimed yet, oldest first, keyed by the promise's JSValue bits: adding, removing
/// and taking the oldest are constant time, so a program that rejects and handles many promises costs the host
/// nothing per rejection beyond what it keeps.
/// </summary>
internal sealed class UnhandledRejections
{
    /// <summary>Guest memory one entry holds outside QuickJS's accounting: two 8-byte handle boxes and their malloc headers, rounded up.</summary>
    public const int HandleBytes = 64;

    /// <summary>How many entries between two updates of QuickJS's memory limit.</summary>
    public const int ChargeEvery = 1024;

    private readonly LinkedList<(long Promise, int PromiseHandle, int ReasonHandle)> _order = new();
    private readonly Dictionary<long, LinkedListNode<(long Promise, int PromiseHandle, int ReasonHandle)>> _byPromise = [];

    public int Count => _order.Count;

    /// <summary>Remembers a rejection and owns its handles; false (the handles stay the caller's) when the promise is already held.</summary>
    public bool Add(long promise, int promiseHandle, int reasonHandle)
    {
        if (_byPromise.ContainsKey(promise))
        {
            return false;
        }

        _byPromise[promise] = _order.AddLast((promise, promiseHandle, reasonHandle));
        return true;
    }

    /// <summary>Forgets the promise's rejection; its handles, when it had one, go to the caller.</summary>
    public (int PromiseHandle, int ReasonHandle)? Remove(long promise)
    {
        if (!_byPromise.Remove(promise, out var node))
        {
            return null;
        }

        _order.Remove(node);
        return (node.Value.PromiseHandle, node.Value.ReasonHandle);
    }

    /// <summary>Takes the oldest rejection; its handles go to the caller.</summary>
    public (int PromiseHandle, int ReasonHandle)? TakeOldest() =>
        _order.First is { } first ? Remove(first.Value.Promise) : null;
}
