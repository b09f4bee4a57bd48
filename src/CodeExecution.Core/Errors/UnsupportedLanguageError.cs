using CodeExecution.Core.Model;

namespace CodeExecution.Core.Errors;

/// <summary>The language is unknown, or its runtime is not available.</summary>
public sealed class UnsupportedLanguageError(string message, ExecutionLanguage? language = null)
    : CodeExecutionError(message, Codes.UnsupportedLanguage, language, "language");
