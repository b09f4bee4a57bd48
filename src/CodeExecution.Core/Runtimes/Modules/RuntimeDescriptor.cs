namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>One runtime in the manifest: where its module comes from and what it must hash to.</summary>
public sealed record RuntimeDescriptor
{
    /// <summary>Short name, e.g. "python"; also the name of its artifacts.</summary>
    public required string Name { get; init; }

    public IReadOnlyList<string> Languages { get; init => field = value ?? []; } = [];

    public string DisplayName { get; init; } = "";

    public string Version { get; init; } = "";

    public string Package { get; init; } = "";

    public string PackageVersion { get; init; } = "";

    /// <summary>The module's path inside <c>node_modules</c> (and under <c>runtimes/</c> in build output).</summary>
    public required string File { get; init; }

    /// <summary>Lowercase hex sha256 of the module file.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Other files the runtime needs (e.g. a transpiler bundle), relative like <see cref="File"/>.</summary>
    public IReadOnlyList<RuntimeAsset> Assets { get; init => field = value ?? []; } = [];

    /// <summary>Programs that must print their expected line, at least one per language the runtime serves.</summary>
    public IReadOnlyList<RuntimeSelfTest> SelfTests { get; init => field = value ?? []; } = [];
}

/// <summary>A supporting file of a runtime, pinned by hash like the module.</summary>
public sealed record RuntimeAsset(string Name, string File, string Sha256);

/// <summary>A program that must print <see cref="ExpectedStdout"/> for the runtime to be trusted.</summary>
public sealed record RuntimeSelfTest(string File, string? Input, string ExpectedStdout, string? Language = null);
