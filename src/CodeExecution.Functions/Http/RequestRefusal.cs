namespace CodeExecution.Functions.Http;

/// <summary>Why the HTTP layer refused a request before it reached the engine; <see cref="HttpProblems"/> maps each to a status.</summary>
public enum RequestRefusal
{
    UnsupportedMediaType,
    PayloadTooLarge,
    Busy,
    UnknownLanguage,
    UnknownJob,
    UnknownFile,
}
