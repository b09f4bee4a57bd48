using CodeExecution.Core.Model;

namespace CodeExecution.Core.Errors;

/// <summary>Thrown by <see cref="ExecutionResult.EnsureSuccess"/> when the run hit its time limit.</summary>
public sealed class TimeoutError(string message, ExecutionLanguage? language = null)
    : CodeExecutionError(message, Codes.Timeout, language);
