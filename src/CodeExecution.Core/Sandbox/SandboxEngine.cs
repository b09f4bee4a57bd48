using System.Reflection;
using System.Runtime.InteropServices;
using CodeExecution.Core.Model;
using Wasmtime;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// The process-wide Wasmtime <see cref="Engine"/> and the ticker that advances its epoch, which is how
/// running guests are interrupted.
/// </summary>
/// <remarks>
/// One per process, and a second that counts instructions (<see cref="CountsInstructions"/>) made only when a run
/// asks for an instruction budget: counting costs every guest on the engine speed, so runs without a budget never
/// pay it. Modules compiled by one engine cannot be used with another. Thread-safe. Every store
/// created on it must set an epoch deadline before running code (see <see cref="SandboxSession"/>), and must be
/// disposed when done: instances live in the pooling allocator's slots, and a slot is reset and reused only then.
/// </remarks>
public sealed class SandboxEngine : IDisposable
{
    /// <summary>How often the epoch advances, and so how late past its deadline a guest can be stopped.</summary>
    public static readonly TimeSpan EpochInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Wasm stack per guest: enough that recursion through a runtime's C code (QuickJS's JSON.parse, String() of
    /// deeply nested arrays, Proxy chains, the parser) reaches the runtime's own stack check, which raises the
    /// language's catchable error, before Wasmtime's limit traps. Measured: at 2 and 8 MiB some of those programs
    /// trapped, at 16 MiB every one threw RangeError as Node does; 24 MiB leaves a margin. Only the part a guest uses is touched (the threads reserve
    /// <see cref="GuestThreadStackBytes"/> anyway).
    /// </summary>
    public const int MaxWasmStackBytes = 24 * 1024 * 1024;

    /// <summary>Native stack of the threads guests run on; must comfortably exceed <see cref="MaxWasmStackBytes"/>.</summary>
    public const int GuestThreadStackBytes = 32 * 1024 * 1024;

    /// <summary>
    /// Linear memory each pooled slot keeps resident after its instance ends. Wasmtime resets that much of the memory
    /// the instance had by copying the runtime's snapshot back over it and zeroing the rest, whatever the guest
    /// touched (its reset of only the dirtied pages, with Linux's PAGEMAP_SCAN, is off by default and the C API of
    /// 50.0.1 cannot turn it on), so the next instance in the slot starts from the same image without page faults;
    /// pages above this are given back to the kernel. A reset costs in proportion to the memory: 0.23 ms for
    /// JavaScript's hello-world, 0.69 ms for Python's, 2.9 ms for Ruby's 73 MB (docs/performance.md). Measured: 16,
    /// 32 and 64 MiB run Python and JavaScript hello-world and compute programs equally fast (0 doubles JavaScript's
    /// latency); with less than Ruby's snapshot kept, its pages were faulted in again by every execution
    /// (hello-world p50 4.6 to 5.6 ms against 2 ms).
    /// </summary>
    public const long KeepResidentBytes = 128L * 1024 * 1024;

    /// <summary>
    /// Largest linear memory a pooled slot holds. Above the largest request limit, so the store's limit (which is
    /// reported as a memory-limit hit) always refuses growth before the pool does.
    /// </summary>
    public const long PooledMemoryBytes = (EffectiveLimits.MaxMemoryMBBound + 64L) * 1024 * 1024;

    /// <summary>Live instances an engine allows unless told otherwise.</summary>
    public const int DefaultMaxLiveInstances = 32;

    private readonly Timer _ticker;

    /// <param name="maxLiveInstances">
    /// Instances that may be alive at once (one per store: running executions, and the bakes and trial starts
    /// at start-up). Each is a slot of the pooling allocator, reserved up front as address space only.
    /// </param>
    /// <param name="scratchBase">
    /// Where the engine's <see cref="ScratchDirectory"/> is made; null to choose (see <see cref="Sandbox.ScratchDirectory"/>).
    /// </param>
    /// <param name="countsInstructions">
    /// Whether guests count their instructions as Wasmtime fuel (see <see cref="CountsInstructions"/>).
    /// </param>
    /// <param name="baselineCompiler">
    /// Whether modules are compiled with Winch, the baseline compiler, rather than Cranelift (see
    /// <see cref="WasmtimeConfigExtensions.WithBaselineCompiler"/>): for modules the host cannot vet in advance.
    /// </param>
    public SandboxEngine(int maxLiveInstances = DefaultMaxLiveInstances, string? scratchBase = null, bool countsInstructions = false, bool baselineCompiler = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLiveInstances, 1);
        ScratchDirectory = Sandbox.ScratchDirectory.Create(scratchBase, maxLiveInstances);
        using var pooling = new PoolingAllocationConfig()
            .WithMaxCoreInstances((uint)maxLiveInstances)
            .WithMaxMemories((uint)maxLiveInstances)
            .WithMaxTables((uint)maxLiveInstances)
            .WithMaxUnusedWarmSlots((uint)maxLiveInstances)
            .WithMaxMemorySize((nuint)PooledMemoryBytes)
            .WithLinearMemoryKeepResidentBytes((nuint)KeepResidentBytes);
        using var config = new Config()
            .WithEpochInterruption(true)
            .WithMaximumStackSize(MaxWasmStackBytes)
            .WithAsyncStackSize(MaxWasmStackBytes)
            .WithOptimizationLevel(OptimizationLevel.Speed)
            .WithFuelConsumption(countsInstructions)
            .WithPoolingAllocationStrategy(pooling);
        if (baselineCompiler)
        {
            config.WithBaselineCompiler();
        }

        CountsInstructions = countsInstructions;
        UsesBaselineCompiler = baselineCompiler;
        Engine = new Engine(config);
        _ticker = new Timer(_ => Engine.IncrementEpoch(), null, EpochInterval, EpochInterval);
    }

    public Engine Engine { get; }

    /// <summary>
    /// Whether the engine's compiled code counts every instruction it runs as fuel and traps when its store has
    /// none left. A store on such an engine starts with no fuel: whatever runs guest code in it must give it some
    /// first (a session its budget, a bake or trial start <see cref="Unmetered"/>).
    /// </summary>
    public bool CountsInstructions { get; }

    /// <summary>
    /// Identifies compiled code this engine can load: <see cref="Fingerprint"/>, or <see cref="CountingFingerprint"/>
    /// for an engine that counts instructions (its code is not interchangeable with the other's), with <c>-winch</c> for one that compiles with Winch.
    /// </summary>
    public string CompiledFingerprint => (CountsInstructions ? CountingFingerprint : Fingerprint) + (UsesBaselineCompiler ? "-winch" : "");

    /// <summary>Whether the engine compiles with Winch, the baseline compiler, rather than Cranelift.</summary>
    public bool UsesBaselineCompiler { get; }

    /// <summary>
    /// Lets a store of the host's own (a bake, a trial start) run guest code without a budget: on an engine that
    /// counts instructions it gets all the fuel there is; on another, nothing changes.
    /// </summary>
    public Store Unmetered(Store store)
    {
        if (CountsInstructions)
        {
            store.Fuel = ulong.MaxValue;
        }

        return store;
    }

    /// <summary>The private folder under which each run's files are made while it runs; deleted with the engine.</summary>
    public string ScratchDirectory { get; }

    // Declared before Fingerprint: static initializers run in textual order, and Fingerprint reads it.
    public static string WasmtimeVersion { get; } =
        typeof(Engine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Engine).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>
    /// Identifies compiled code this engine can load: the Wasmtime version, the engine settings and the host.
    /// A precompiled artifact made under another fingerprint is never deserialized.
    /// </summary>
    public static string Fingerprint { get; } =
        $"wasmtime{WasmtimeVersion}-epoch-stack{MaxWasmStackBytes >> 20}m-speed-{RuntimeInformation.RuntimeIdentifier}";

    /// <summary>The <see cref="Fingerprint"/> of an engine that counts instructions.</summary>
    public static string CountingFingerprint { get; } = $"{Fingerprint}-fuel";

    public void Dispose()
    {
        _ticker.Dispose();
        Engine.Dispose();
        GuestDirectoryRemover.TryDelete(ScratchDirectory);
    }
}
