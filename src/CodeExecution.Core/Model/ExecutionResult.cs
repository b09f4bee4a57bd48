using System.Text.Json.Serialization;
using CodeExecution.Core.Errors;

namespace CodeExecution.Core.Model;

/// <summary>What happened when a program ran: the seed's <c>ExecutionResult</c>.</summary>
public sealed record ExecutionResult
{
    /// <summary>True when the program exited with code 0 and hit no limit.</summary>
    public bool Success { get; init; }

    public int ExitCode { get; init; }

    public string Stdout { get; init; } = "";

    public string Stderr { get; init; } = "";

    /// <summary>Stdout and stderr interleaved in the order the program wrote them.</summary>
    public string Output { get; init; } = "";

    /// <summary>Why the run failed, when it did.</summary>
    public string? Error { get; init; }

    /// <summary>The language that ran; null only for a request refused before its language was known.</summary>
    public ExecutionLanguage? Language { get; init; }

    /// <summary>Wall-clock milliseconds from the start of the sandbox to the program's end.</summary>
    public double ExecutionTime { get; init; }

    /// <summary>Bytes of linear memory the program held at its end (its peak: WebAssembly memory only grows).</summary>
    public long? MemoryUsed { get; init; }

    public ExecutionMetadata Metadata { get; init; } = new();

    /// <summary>
    /// The files the program created or changed under <c>/sandbox</c> (those <see cref="ExecutionRequest.OutputFiles"/>
    /// chooses), in path order; null when the run had no file system.
    /// </summary>
    public IReadOnlyList<OutputFile>? Files { get; init; }

    /// <summary>True when <see cref="Files"/> stops short: the rest would pass <c>limits.maxFilesSize</c> (left out of JSON when false).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FilesTruncated { get; init; }

    /// <summary>Each HTTP request the program asked the host for, in order; null (left out) for a run without network.</summary>
    public IReadOnlyList<NetworkRequestRecord>? Network { get; init; }

    /// <summary>
    /// Throws the seed's error type for a failed run (<see cref="TimeoutError"/>, <see cref="MemoryLimitError"/>,
    /// or <see cref="CodeExecutionError"/>); returns this result when it succeeded.
    /// </summary>
    public ExecutionResult EnsureSuccess()
    {
        if (Success)
        {
            return this;
        }

        var message = Error ?? $"The program exited with code {ExitCode}.";
        if (Metadata.TimeoutHit)
        {
            throw new TimeoutError(message, Language);
        }

        if (Metadata.MemoryLimitHit)
        {
            throw new MemoryLimitError(message, Language);
        }

        throw new CodeExecutionError(message, CodeExecutionError.Codes.ExecutionFailed, Language);
    }
}
