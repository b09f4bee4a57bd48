using System.Reflection;
using System.Runtime.InteropServices;
using Wasmtime;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// The process-wide Wasmtime <see cref="Engine"/> and the ticker that advances its epoch, which is how
/// running guests are interrupted.
/// </summary>
/// <remarks>
/// One per process: modules compiled by one engine cannot be used with another. Thread-safe. Every store
/// created on it must set an epoch deadline before running code (see <see cref="SandboxSession"/>).
/// </remarks>
public sealed class SandboxEngine : IDisposable
{
    /// <summary>How often the epoch advances, and so how late past its deadline a guest can be stopped.</summary>
    public static readonly TimeSpan EpochInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Wasm stack per guest. 2 MiB lets QuickJS raise a catchable RangeError on deep recursion instead of trapping;
    /// more makes Wasmtime refuse the engine (it must not exceed its async stack size).
    /// </summary>
    public const int MaxWasmStackBytes = 2 * 1024 * 1024;

    /// <summary>Native stack of the threads guests run on; must comfortably exceed <see cref="MaxWasmStackBytes"/>.</summary>
    public const int GuestThreadStackBytes = 16 * 1024 * 1024;

    private readonly Timer _ticker;

    public SandboxEngine()
    {
        using var config = new Config()
            .WithEpochInterruption(true)
            .WithMaximumStackSize(MaxWasmStackBytes)
            .WithOptimizationLevel(OptimizationLevel.Speed);
        Engine = new Engine(config);
        _ticker = new Timer(_ => Engine.IncrementEpoch(), null, EpochInterval, EpochInterval);
    }

    public Engine Engine { get; }

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
        $"wasmtime{WasmtimeVersion}-epoch-stack2m-speed-{RuntimeInformation.RuntimeIdentifier}";

    public void Dispose()
    {
        _ticker.Dispose();
        Engine.Dispose();
    }
}
