namespace CodeExecution.Core.Model;

/// <summary>What runs a language: the seed's environment info.</summary>
public sealed record EnvironmentInfo
{
    public ExecutionLanguage Language { get; init; }

    /// <summary>The runtime's name, e.g. "CPython (WASI)".</summary>
    public string Runtime { get; init; } = "";

    public string Version { get; init; } = "";

    /// <summary>True when the runtime is loaded and verified.</summary>
    public bool Available { get; init; }

    /// <summary>Where the runtime's module came from (file, cache, blob), when loaded.</summary>
    public string? Source { get; init; }

    /// <summary>
    /// How an execution starts when the runtime is available: <see cref="StartKind.Snapshot"/> (an instance of a
    /// baked image, the fast path) or <see cref="StartKind.Cold"/> (the runtime starts up in every execution).
    /// </summary>
    public string? Start { get; init; }

    /// <summary>Why the runtime is not available, or why it starts cold when its snapshot could not be baked.</summary>
    public string? Reason { get; init; }
}
