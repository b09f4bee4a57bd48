namespace CodeExecution.Core.Model;

/// <summary>A request's file as validation leaves it: its path relative to <c>/sandbox</c>, and its bytes.</summary>
public sealed record SandboxFile(string Path, ReadOnlyMemory<byte> Content);
