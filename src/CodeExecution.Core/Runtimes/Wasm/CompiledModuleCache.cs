using System.Security.Cryptography;

namespace CodeExecution.Core.Runtimes.Wasm;

/// <summary>
/// Compiled user modules by the sha256 of their bytes, least recently used first out once the modules kept weigh more
/// than a bound: a program sent again (a grader's tests, a retry) is not compiled again. Refusals are kept as well,
/// so a module that fails is not compiled again either.
/// </summary>
/// <remarks>
/// A module is weighed by <see cref="CompiledBytesPerModuleByte"/> times its size, an upper estimate of its compiled
/// code known before compiling. Requests for a module being compiled wait for that compilation rather than start their own.
/// A module pushed out is not disposed: executions may still be instantiating it; its finalizer frees it once none
/// holds it. Thread-safe.
/// </remarks>
internal sealed class CompiledModuleCache(long maxBytes)
{
    /// <summary>
    /// Compiled bytes per byte of module, over-estimated: Winch's code measured 4.9 times a 20 KB C program's module,
    /// 5.0 times quickjs.wasm's and 3.4 times python.wasm's (Cranelift's 4.3, 3.9 and 2.4; docs/performance.md).
    /// </summary>
    public const int CompiledBytesPerModuleByte = 5;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;
    private long _compilations;

    /// <summary>Modules compiled so far (each compilation, not each request).</summary>
    public long Compilations => Interlocked.Read(ref _compilations);

    /// <summary>What the modules kept now weigh, in estimated compiled bytes.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>
    /// The module compiled, from the cache or by <paramref name="compile"/> now; <c>Compiled</c> tells which (true when
    /// this call compiled it).
    /// </summary>
    public (CompiledWasm Module, bool Compiled) GetOrCompile(ReadOnlyMemory<byte> wasm, Func<ReadOnlyMemory<byte>, CompiledWasm> compile)
    {
        var key = Convert.ToHexString(SHA256.HashData(wasm.Span));
        Lazy<CompiledWasm> compilation;
        var mine = false;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                compilation = node.Value.Compilation;
            }
            else
            {
                compilation = new Lazy<CompiledWasm>(() => compile(wasm), LazyThreadSafetyMode.ExecutionAndPublication);
                var weight = (long)wasm.Length * CompiledBytesPerModuleByte;
                _entries[key] = _recency.AddFirst(new Entry(key, compilation, weight));
                _bytes += weight;
                mine = true;
                Trim();
            }
        }

        if (mine)
        {
            Interlocked.Increment(ref _compilations);
        }

        try
        {
            return (compilation.Value, mine);
        }
        catch
        {
            // A compilation that threw (not a refusal: a failure of the host's) is not kept.
            Forget(key, compilation);
            throw;
        }
    }

    /// <summary>Drops the least recently used modules until the rest fit; the newest is always kept.</summary>
    private void Trim()
    {
        while (_bytes > maxBytes && _recency.Count > 1)
        {
            var oldest = _recency.Last!;
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.Key);
            _bytes -= oldest.Value.Size;
        }
    }

    private void Forget(string key, Lazy<CompiledWasm> compilation)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && node.Value.Compilation == compilation)
            {
                _entries.Remove(key);
                _recency.Remove(node);
                _bytes -= node.Value.Size;
            }
        }
    }

    private sealed record Entry(string Key, Lazy<CompiledWasm> Compilation, long Size);
}
