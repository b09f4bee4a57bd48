namespace CodeExecution.Core.Model;

/// <summary>
/// A request that passed validation, fully resolved: its limits against the defaults, and everything the program
/// is given as it will see it. Runtimes run this, never the raw request.
/// </summary>
public sealed record ValidatedRequest
{
    /// <summary>The empty environment, shared: it is never written.</summary>
    internal static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

    public required ExecutionLanguage Language { get; init; }

    public required string Code { get; init; }

    /// <summary>
    /// The program's WebAssembly module for <see cref="ExecutionLanguage.Wasm"/>, decoded from the base64 of
    /// <see cref="Code"/> and checked for its header and <c>limits.maxModuleSize</c>; empty for other languages.
    /// </summary>
    public ReadOnlyMemory<byte> Module { get; init; }

    /// <summary>Everything the program reads from standard input; empty when the request gave none.</summary>
    public string Input { get; init; } = "";

    /// <summary>Command-line arguments after the program name.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The environment the program sees: the request's variables with <c>limits.allowEnv</c>, otherwise none.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = NoVariables;

    /// <summary>The working directory relative to the sandbox directory: "" for its root, and always "" without a file system.</summary>
    public string WorkingDirectory { get; init; } = "";

    public required EffectiveLimits Limits { get; init; }

    /// <summary>The files to place under <c>/sandbox</c> before the program starts (they imply a file system).</summary>
    public IReadOnlyList<SandboxFile> Files { get; init; } = [];

    /// <summary>The program's path relative to <c>/sandbox</c> when it is one of <see cref="Files"/>; null when it came as code.</summary>
    public string? EntryPath { get; init; }

    /// <summary>Glob patterns choosing which created or changed files are returned; empty for all.</summary>
    public IReadOnlyList<string> OutputFiles { get; init; } = [];

    /// <summary>
    /// Where the output goes as it is written, or null when only the result carries it. Called on the sandbox thread
    /// while the guest waits, so it must not block; one that throws is not called again.
    /// </summary>
    public Action<OutputChunk>? OnOutput { get; init; }

    /// <summary>
    /// Standard input the caller supplies as the program runs, read after <see cref="Input"/>, or null when
    /// <see cref="Input"/> is all of it (and nothing waits for more).
    /// </summary>
    public InteractiveInput? InteractiveInput { get; init; }

    /// <summary>The request's network rules, or null for a run without network.</summary>
    public Network.NetworkRules? NetworkRules { get; init; }

    /// <summary>
    /// The network the program may use (HTTP through the host, within <see cref="NetworkRules"/>), opened by the
    /// executor for this run alone, or null for none: its requests are refused. Runtimes give it to their store as
    /// <see cref="Sandbox.SandboxSettings.Network"/>.
    /// </summary>
    public Network.IGuestNetwork? Network { get; init; }
}
