namespace CodeExecution.Functions.Http;

/// <summary>A request the HTTP layer refuses (wrong content type, too large, instance busy, unknown route value).</summary>
public sealed class RequestRefusedException(RequestRefusal reason, string detail, string? field = null) : Exception(detail)
{
    public RequestRefusal Reason { get; } = reason;

    public string? Field { get; } = field;

    /// <summary>
    /// Every one of the instance's <paramref name="maxConcurrency"/> sandboxes is taken and
    /// <paramref name="maxWaiting"/> requests already wait for them: a 429 the client should retry.
    /// </summary>
    public static RequestRefusedException Busy(int maxConcurrency, int maxWaiting) =>
        new(RequestRefusal.Busy, maxWaiting == 0
            ? $"All {maxConcurrency} sandboxes of this instance are busy; try again shortly."
            : $"All {maxConcurrency} sandboxes of this instance are busy and {maxWaiting} {(maxWaiting == 1 ? "request waits" : "requests wait")} for them; try again shortly.");

    /// <summary>The request waited <paramref name="maxWaitMs"/> and no sandbox freed up: a 429 the client should retry.</summary>
    public static RequestRefusedException WaitedTooLong(int maxWaitMs) =>
        new(RequestRefusal.Busy, $"No sandbox of this instance freed up within {maxWaitMs} ms; try again shortly.");
}
