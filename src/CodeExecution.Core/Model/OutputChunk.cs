namespace CodeExecution.Core.Model;

/// <summary>Which of a program's output streams a chunk was written to.</summary>
public enum OutputStream
{
    Stdout,
    Stderr,
}

/// <summary>
/// Output as a program writes it, for a caller that streams it (<see cref="CodeExecutor.ExecuteAsync(ExecutionRequest, Action{OutputChunk}?, CancellationToken)"/>):
/// whole characters, in the order written across both streams, within the output limit. A character split across two
/// writes arrives with the write that completes it.
/// </summary>
public readonly record struct OutputChunk(OutputStream Stream, string Text);
