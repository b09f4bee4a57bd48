using System.Text.Json.Serialization;

namespace CodeExecution.Core.Model;

/// <summary>One program to run: the seed's <c>ExecutionRequest</c>.</summary>
public sealed record ExecutionRequest
{
    /// <summary>The program's source text.</summary>
    [JsonRequired]
    public string Code { get; init; } = "";

    [JsonRequired]
    public ExecutionLanguage Language { get; init; }

    /// <summary>Everything the program reads from standard input.</summary>
    public string? Input { get; init; }

    /// <summary>Limits for this run; members left out take the executor's defaults.</summary>
    public ExecutionLimits? Limits { get; init; }

    /// <summary>Command-line arguments after the program name.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Environment variables; visible only when <see cref="ExecutionLimits.AllowEnv"/> is true.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>Working directory inside the sandbox's file system; needs <see cref="ExecutionLimits.AllowFileSystem"/>.</summary>
    public string? WorkingDirectory { get; init; }
}
