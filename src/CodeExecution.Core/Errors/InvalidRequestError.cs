using CodeExecution.Core.Model;

namespace CodeExecution.Core.Errors;

/// <summary>A request field is missing, malformed or out of its range.</summary>
public sealed class InvalidRequestError(string message, string field, ExecutionLanguage? language = null)
    : CodeExecutionError(message, Codes.InvalidRequest, language, field);
