namespace CodeExecution.Core.Model;

/// <summary>
/// Where an execution's time went, in milliseconds: what answers "why was my run slow". Measured by the host around
/// the guest, never by the guest.
/// </summary>
public sealed record ExecutionTimings
{
    /// <summary>Waiting for a free sandbox: an instance runs a few executions at once, and the rest wait their turn.</summary>
    public double QueuedMs { get; init; }

    /// <summary>Making the sandbox: the store, its limits and files, and the runtime's instance from its snapshot.</summary>
    public double InstantiateMs { get; init; }

    /// <summary>
    /// For a <c>wasm</c> program: validating and compiling its module, when this run did (the first with that module);
    /// null when the module came compiled from the cache, and for other languages. Not part of the execution time.
    /// </summary>
    public double? CompileMs { get; init; }

    /// <summary>The program, from its runtime's first call into it until its result is collected.</summary>
    public double RunMs { get; init; }

    /// <summary>For an item of a queued job: from the job's submission until this item started.</summary>
    public double? JobQueueMs { get; init; }

    /// <summary>Milliseconds to the microsecond, as <see cref="ExecutionResult.ExecutionTime"/> is given.</summary>
    public static double Ms(TimeSpan time) => Math.Round(time.TotalMilliseconds, 3);
}
