using System.Text.Json.Serialization;

namespace CodeExecution.Core.Model;

/// <summary>One program to run: the seed's <c>ExecutionRequest</c>.</summary>
public sealed record ExecutionRequest
{
    /// <summary>The program's source text; required unless <see cref="Entry"/> names one of <see cref="Files"/>.</summary>
    public string? Code { get; init; }

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

    /// <summary>
    /// Files placed under <c>/sandbox</c> before the program starts (at most <see cref="Validation.RequestLimits.MaxFiles"/>,
    /// their bytes counted against <see cref="ExecutionLimits.MaxFilesSize"/>); giving them gives the run a file system.
    /// </summary>
    public IReadOnlyList<ExecutionFile>? Files { get; init; }

    /// <summary>Which of <see cref="Files"/> is the program, in place of <see cref="Code"/>.</summary>
    public string? Entry { get; init; }

    /// <summary>
    /// Glob patterns (<c>out/*.csv</c>, <c>**/*.png</c>) choosing which created or changed files come back in
    /// <see cref="ExecutionResult.Files"/>; all of them when left out.
    /// </summary>
    public IReadOnlyList<string>? OutputFiles { get; init; }

    /// <summary>The hosts, methods and secret headers of the program's HTTP requests; with <see cref="ExecutionLimits.AllowNetwork"/> only.</summary>
    public NetworkAccess? Network { get; init; }
}
