using System.ComponentModel.DataAnnotations;

namespace CodeExecution.Functions;

/// <summary>Limits of the HTTP API; bound from the <c>CodeExecution</c> section (beside the executor's own options).</summary>
public sealed class HttpApiOptions
{
    public const string SectionName = "CodeExecution";

    /// <summary>Most requests in one <c>POST /api/execute/batch</c>.</summary>
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 20;

    /// <summary>Largest request body accepted; a larger one is answered 413.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Requests that may wait for a sandbox when every one is busy (a burst); one more is answered 429 at once.
    /// </summary>
    [Range(0, 10_000)]
    public int MaxWaitingRequests { get; set; } = 32;

    /// <summary>Longest a request waits for a sandbox; one that has not started by then is answered 429.</summary>
    [Range(1, 60_000)]
    public int MaxQueueWaitMs { get; set; } = 10_000;

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when every sandbox is busy.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
