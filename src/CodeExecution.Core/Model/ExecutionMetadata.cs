using System.Text.Json.Serialization;

namespace CodeExecution.Core.Model;

/// <summary>The seed's result metadata, plus <see cref="OutputTruncated"/>.</summary>
public sealed record ExecutionMetadata
{
    /// <summary>Unix time in milliseconds when the run started.</summary>
    public long StartTime { get; init; }

    /// <summary>Unix time in milliseconds when the run ended.</summary>
    public long EndTime { get; init; }

    public bool TimeoutHit { get; init; }

    public bool MemoryLimitHit { get; init; }

    /// <summary>True when output went past <see cref="ExecutionLimits.MaxOutputSize"/> and the program was stopped.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>
    /// True when the program used up <see cref="ExecutionLimits.MaxInstructions"/> and was stopped (left out of JSON
    /// when false, so a run without a budget keeps the seed's shape).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool InstructionLimitHit { get; init; }

    /// <summary>
    /// WebAssembly instructions (Wasmtime fuel) the guest executed, for a run that set
    /// <see cref="ExecutionLimits.MaxInstructions"/>; null otherwise. The same program with the same input counts
    /// the same on every run, however loaded the machine.
    /// </summary>
    public long? Instructions { get; init; }

    public bool WasSandboxed { get; init; } = true;

    public string RuntimeUsed { get; init; } = "";

    public string Version { get; init; } = "";

    /// <summary>Always 0: the sandbox has no way to create a process.</summary>
    public int? ProcessesCreated { get; init; }

    /// <summary>Files the program left in its file system (only with <c>allowFileSystem</c>).</summary>
    public int? FilesCreated { get; init; }

    /// <summary>HTTP requests the program asked the host for (refused ones included); 0 without network.</summary>
    public int? NetworkRequests { get; init; }

    /// <summary>Where the time went (queued, instantiate, run, and for a job's item its time on the queue); null for a request that never ran.</summary>
    public ExecutionTimings? Timings { get; init; }
}
