namespace CodeExecution.Functions.Http;

/// <summary>A request the HTTP layer refuses (wrong content type, too large, instance busy, unknown route value).</summary>
public sealed class RequestRefusedException(RequestRefusal reason, string detail, string? field = null) : Exception(detail)
{
    public RequestRefusal Reason { get; } = reason;

    public string? Field { get; } = field;

    /// <summary>Every one of the instance's <paramref name="maxConcurrency"/> sandboxes is taken: a 429 the client should retry.</summary>
    public static RequestRefusedException Busy(int maxConcurrency) =>
        new(RequestRefusal.Busy, $"All {maxConcurrency} sandboxes of this instance are busy; try again shortly.");
}
