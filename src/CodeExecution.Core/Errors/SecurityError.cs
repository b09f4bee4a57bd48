using CodeExecution.Core.Model;

namespace CodeExecution.Core.Errors;

/// <summary>The request asks for something the sandbox does not grant, or the optional pattern policy refused the code.</summary>
public sealed class SecurityError(string message, string field, ExecutionLanguage? language = null)
    : CodeExecutionError(message, Codes.SecurityViolation, language, field);
