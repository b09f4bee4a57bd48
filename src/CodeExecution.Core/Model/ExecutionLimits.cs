namespace CodeExecution.Core.Model;

/// <summary>
/// The seed's <c>ExecutionLimits</c> as sent in a request or to <c>SetDefaultLimits</c>: every member
/// is optional and a missing one takes the default. <see cref="EffectiveLimits"/> is the resolved form.
/// </summary>
public sealed record ExecutionLimits
{
    /// <summary>Wall-clock limit in milliseconds (100 to 10,000).</summary>
    public int? TimeoutMs { get; init; }

    /// <summary>Linear memory limit in MiB (16 to 512).</summary>
    public int? MaxMemoryMB { get; init; }

    /// <summary>Bytes of stdout and stderr together (1 KiB to 10 MiB).</summary>
    public int? MaxOutputSize { get; init; }

    /// <summary>Bytes of standard input (1 KiB to 1 MiB).</summary>
    public int? MaxInputSize { get; init; }

    /// <summary>Bytes of the request's files together, and of the files returned (1 KiB to 10 MiB).</summary>
    public int? MaxFilesSize { get; init; }

    /// <summary>
    /// Bytes of a <c>wasm</c> program's module, decoded from its base64 (1 KiB to 10 MiB; 10 MiB by default). The
    /// module is compiled before it runs, so this bounds the compiler's time and memory too.
    /// </summary>
    public int? MaxModuleSize { get; init; }

    /// <summary>
    /// Budget of WebAssembly instructions (Wasmtime fuel, 1,000,000 to 1,000,000,000,000): a CPU limit that means the
    /// same on a loaded machine as on an idle one. When set, the run is metered on an engine of its own and its count
    /// is reported in <see cref="ExecutionMetadata.Instructions"/>; unset, nothing is counted and the time limit alone applies.
    /// </summary>
    public long? MaxInstructions { get; init; }

    /// <summary>HTTP(S) through the host to the hosts <see cref="ExecutionRequest.Network"/> allows; nothing else.</summary>
    public bool? AllowNetwork { get; init; }

    /// <summary>Bytes of response bodies the run may receive, all requests together (1 KiB to 100 MiB; 10 MiB by default).</summary>
    public long? MaxNetworkBytes { get; init; }

    /// <summary>HTTP requests the run may make, each redirect followed counting as one (1 to 1,000; 50 by default).</summary>
    public int? MaxNetworkRequests { get; init; }

    public bool? AllowFileSystem { get; init; }

    public bool? AllowEnv { get; init; }

    public bool? AllowProcess { get; init; }
}
