using CodeExecution.Core.Model;

namespace CodeExecution.Core.Errors;

/// <summary>The code is larger than the service accepts.</summary>
public sealed class CodeSizeError(string message, ExecutionLanguage? language = null)
    : CodeExecutionError(message, Codes.CodeTooLarge, language, "code");
