using CodeExecution.Core.Model;

namespace CodeExecution.Core.Errors;

/// <summary>Thrown by <see cref="ExecutionResult.EnsureSuccess"/> when the run was refused memory.</summary>
public sealed class MemoryLimitError(string message, ExecutionLanguage? language = null)
    : CodeExecutionError(message, Codes.MemoryLimit, language);
