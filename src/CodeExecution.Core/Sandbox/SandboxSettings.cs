using CodeExecution.Core.Model;

namespace CodeExecution.Core.Sandbox;

/// <summary>What one sandboxed run is given: its arguments, environment, input, limits and file system.</summary>
public sealed record SandboxSettings
{
    /// <summary>Where a guest with a file system finds its directory unless told otherwise.</summary>
    public const string SandboxDirectory = "/sandbox";

    /// <summary>
    /// What every runtime gives a run of <paramref name="request"/>: its limits, files, output sink and network, with
    /// <paramref name="args"/> as argv, and its stdin through WASI's unless the runtime reads it through host functions
    /// of its own (<paramref name="wasiStdin"/> false). A runtime adds what is its own (a standard library, the
    /// environment) with <c>with</c>.
    /// </summary>
    public static SandboxSettings For(ValidatedRequest request, IReadOnlyList<string> args, bool wasiStdin = true) => new()
    {
        Limits = request.Limits,
        Args = args,
        Input = wasiStdin ? request.Input : null,
        InteractiveInput = wasiStdin ? request.InteractiveInput : null,
        Files = request.Files,
        OutputFiles = request.OutputFiles,
        OnOutput = request.OnOutput,
        Network = request.Network,
    };

    public required EffectiveLimits Limits { get; init; }

    /// <summary>argv, including the program name in argv[0].</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The guest's whole environment (nothing of the host's); runtimes pass the request's only when it allowed them.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>Standard input, from a temporary file; none when null or empty.</summary>
    public string? Input { get; init; }

    /// <summary>
    /// Standard input the caller supplies as the guest runs, read through WASI's stdin after <see cref="Input"/>
    /// (<see cref="StdinPipe"/>); null for <see cref="Input"/> alone. Runtimes that read stdin through host functions
    /// of their own leave it null and read a <see cref="StdinFeed"/> instead.
    /// </summary>
    public InteractiveInput? InteractiveInput { get; init; }

    /// <summary>Where the guest sees its fresh, empty directory when <see cref="EffectiveLimits.AllowFileSystem"/> is on.</summary>
    public string GuestDirectory { get; init; } = SandboxDirectory;

    /// <summary>
    /// Host directories of the runtime's own (a standard library) the guest may read and not change, preopened in
    /// this order before its own directory. Every store of a runtime must get the same list: a guest resumed from a
    /// snapshot finds them by descriptor number.
    /// </summary>
    public IReadOnlyList<ReadOnlyDirectory> ReadOnlyDirectories { get; init; } = [];

    /// <summary>Files written into the guest's directory before it starts (with a file system only).</summary>
    public IReadOnlyList<SandboxFile> Files { get; init; } = [];

    /// <summary>Glob patterns choosing which created or changed files the result returns; empty for all.</summary>
    public IReadOnlyList<string> OutputFiles { get; init; } = [];

    /// <summary>Where output goes as it is written (<see cref="ValidatedRequest.OnOutput"/>), or null.</summary>
    public Action<OutputChunk>? OnOutput { get; init; }

    /// <summary>The network the request allowed (HTTP through the host), or null for none: every guest call for it is refused.</summary>
    public Network.IGuestNetwork? Network { get; init; }
}

/// <summary>A host directory the guest sees, unchangeable, at <see cref="GuestPath"/>.</summary>
public sealed record ReadOnlyDirectory(string HostPath, string GuestPath);
