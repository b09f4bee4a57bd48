namespace CodeExecution.Core.Model;

/// <summary>Limits with every member resolved; what a run is held to.</summary>
public sealed record EffectiveLimits
{
    public const int MinTimeoutMs = 100;
    public const int MaxTimeoutMs = 10_000;
    public const int MinMemoryMB = 16;
    public const int MaxMemoryMBBound = 512;
    public const int MinOutputSize = 1024;
    public const int MaxOutputSizeBound = 10 * 1024 * 1024;
    public const int MinInputSize = 1024;
    public const int MaxInputSizeBound = 1024 * 1024;
    public const int MinFilesSize = 1024;
    public const int MaxFilesSizeBound = 10 * 1024 * 1024;
    public const int MinModuleSize = 1024;

    /// <summary>
    /// Largest module a <c>wasm</c> request may bring, and the default: the size the compiler's time and memory were
    /// measured at (see <see cref="Runtimes.Wasm.WasmOptions.Compiler"/>), so no request can raise it.
    /// </summary>
    public const int MaxModuleSizeBound = 10 * 1024 * 1024;

    /// <summary>
    /// Smallest instruction budget: a hello world counts about 0.27 million instructions in JavaScript and 0.43 million
    /// in Python (docs/performance.md), so a budget below a million leaves a program no room for work of its own and is
    /// more likely a mistaken unit than a limit meant.
    /// </summary>
    public const long MinInstructions = 1_000_000;

    /// <summary>
    /// Largest instruction budget: about a hundred times what the longest time limit lets a guest execute (some
    /// 10^9 instructions a second for 10 s), so no budget the time limit could allow is refused, and the count can
    /// never approach the engine's 64-bit fuel.
    /// </summary>
    public const long MaxInstructionsBound = 1_000_000_000_000;

    public const long MinNetworkBytes = 1024;
    public const long MaxNetworkBytesBound = 100 * 1024 * 1024;
    public const int MinNetworkRequests = 1;
    public const int MaxNetworkRequestsBound = 1000;

    /// <summary>The seed's defaults.</summary>
    public static EffectiveLimits Default { get; } = new();

    public int TimeoutMs { get; init; } = 5000;

    public int MaxMemoryMB { get; init; } = 256;

    public int MaxOutputSize { get; init; } = 1024 * 1024;

    public int MaxInputSize { get; init; } = 100 * 1024;

    public int MaxFilesSize { get; init; } = 1024 * 1024;

    /// <summary>Bytes of a <c>wasm</c> program's module (decoded).</summary>
    public int MaxModuleSize { get; init; } = MaxModuleSizeBound;

    public bool AllowNetwork { get; init; }

    public bool AllowFileSystem { get; init; }

    public bool AllowEnv { get; init; }

    public bool AllowProcess { get; init; }

    /// <summary>The instruction budget, or null for a run that is not metered (see <see cref="ExecutionLimits.MaxInstructions"/>).</summary>
    public long? MaxInstructions { get; init; }

    /// <summary>Bytes of response bodies a run with network may receive, all its requests together.</summary>
    public long MaxNetworkBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>HTTP requests a run with network may make (each redirect followed is one).</summary>
    public int MaxNetworkRequests { get; init; } = 50;

    public long MaxMemoryBytes => (long)MaxMemoryMB * 1024 * 1024;

    /// <summary>These limits with the members <paramref name="overrides"/> sets replaced.</summary>
    public EffectiveLimits With(ExecutionLimits? overrides) => overrides is null ? this : new EffectiveLimits
    {
        TimeoutMs = overrides.TimeoutMs ?? TimeoutMs,
        MaxMemoryMB = overrides.MaxMemoryMB ?? MaxMemoryMB,
        MaxOutputSize = overrides.MaxOutputSize ?? MaxOutputSize,
        MaxInputSize = overrides.MaxInputSize ?? MaxInputSize,
        MaxFilesSize = overrides.MaxFilesSize ?? MaxFilesSize,
        MaxModuleSize = overrides.MaxModuleSize ?? MaxModuleSize,
        AllowNetwork = overrides.AllowNetwork ?? AllowNetwork,
        AllowFileSystem = overrides.AllowFileSystem ?? AllowFileSystem,
        AllowEnv = overrides.AllowEnv ?? AllowEnv,
        AllowProcess = overrides.AllowProcess ?? AllowProcess,
        MaxInstructions = overrides.MaxInstructions ?? MaxInstructions,
        MaxNetworkBytes = overrides.MaxNetworkBytes ?? MaxNetworkBytes,
        MaxNetworkRequests = overrides.MaxNetworkRequests ?? MaxNetworkRequests,
    };
}
