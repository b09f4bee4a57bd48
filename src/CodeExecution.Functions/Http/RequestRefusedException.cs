namespace CodeExecution.Functions.Http;

/// <summary>A request the HTTP layer refuses (wrong content type, too large, instance busy, unknown route value).</summary>
public sealed class RequestRefusedException(RequestRefusal reason, string detail, string? field = null) : Exception(detail)
{
    public RequestRefusal Reason { get; } = reason;

    public string? Field { get; } = field;
}
