using CodeExecution.Core.Model;

namespace CodeExecution.Core.Errors;

/// <summary>
/// The seed's base error. Thrown for requests that cannot run (invalid, too large, unsupported, refused by
/// policy) and by <see cref="ExecutionResult.EnsureSuccess"/>; a program that merely fails is a result, not this.
/// </summary>
public class CodeExecutionError : Exception
{
    public CodeExecutionError(string message, string code, ExecutionLanguage? language = null, string? field = null)
        : base(message)
    {
        Code = code;
        Language = language;
        Field = field;
    }

    /// <summary>A stable machine-readable code, one of <see cref="Codes"/>.</summary>
    public string Code { get; }

    public ExecutionLanguage? Language { get; }

    /// <summary>The request field at fault (JSON path such as <c>limits.timeoutMs</c>), when there is one.</summary>
    public string? Field { get; }

    /// <summary>The values of <see cref="Code"/>.</summary>
    public static class Codes
    {
        public const string InvalidRequest = "INVALID_REQUEST";
        public const string CodeTooLarge = "CODE_TOO_LARGE";
        public const string UnsupportedLanguage = "UNSUPPORTED_LANGUAGE";
        public const string SecurityViolation = "SECURITY_VIOLATION";
        public const string Timeout = "TIMEOUT";
        public const string MemoryLimit = "MEMORY_LIMIT";
        public const string ExecutionFailed = "EXECUTION_FAILED";
        public const string RuntimeUnavailable = "RUNTIME_UNAVAILABLE";
    }
}
