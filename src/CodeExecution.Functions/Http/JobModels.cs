using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Storage.Jobs;

namespace CodeExecution.Functions.Http;

/// <summary><c>202</c> to <c>POST /api/jobs</c>: the job's id and where to follow it.</summary>
public sealed record JobAccepted(string Id, string Status, int Total, string Location);

/// <summary><c>GET /api/jobs/{id}</c>: status, counts, and once the job is done its results in order.</summary>
public sealed record JobView
{
    public required string Id { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>completed</c> or <c>failed</c> (the job itself could not run; see <see cref="Error"/>).</summary>
    public required string Status { get; init; }

    /// <summary><c>execution</c> (each item a request, its result an <c>ExecutionResult</c>) or <c>grading</c> (each item a test, its result a <c>TestResult</c>).</summary>
    public required string Kind { get; init; }

    public int Total { get; init; }

    /// <summary>Items finished with a successful result (for a grading job, tests accepted).</summary>
    public int Completed { get; init; }

    /// <summary>Items finished without one (the program failed, the request was invalid, the item could not be run; for a grading job, tests not accepted).</summary>
    public int Failed { get; init; }

    /// <summary>A completed grading job's counts of each verdict and its score.</summary>
    public GradingSummary? Summary { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? Error { get; init; }

    public JobCallbackView? Callback { get; init; }

    /// <summary>When the job is done: one entry per finished item, in request order, one page at a time.</summary>
    public IReadOnlyList<JobItemView>? Results { get; init; }

    /// <summary>Where the next page of <see cref="Results"/> is, while there is one.</summary>
    public string? NextResults { get; init; }

    public static JobView From(JobState job, IReadOnlyList<JobItemView>? results, string? nextResults = null, GradingSummary? summary = null) => new()
    {
        Id = job.Id,
        Kind = job.Kind,
        Status = job.Status,
        Summary = summary,
        Total = job.Total,
        Completed = job.Completed,
        Failed = job.Failed,
        CreatedAt = job.CreatedAt,
        StartedAt = job.StartedAt,
        CompletedAt = job.CompletedAt,
        Error = job.Error,
        Callback = job.CallbackUrl is null ? null : new JobCallbackView(job.CallbackUrl, job.CallbackState, job.CallbackAttempts, job.CallbackError),
        Results = results,
        NextResults = nextResults,
    };
}

/// <summary>The completion callback: <c>pending</c>, <c>delivered</c> or <c>failed</c>, after how many attempts.</summary>
public sealed record JobCallbackView(string Url, string State, int Attempts, string? Error);

/// <summary>
/// One item's result: a request's <see cref="Result"/>, or a grading job's <see cref="Test"/>; a large one is linked
/// (<see cref="ResultUrl"/>) rather than inlined.
/// </summary>
public sealed record JobItemView(int Index, bool Success, ExecutionResult? Result, string? ResultUrl, TestResult? Test = null);

/// <summary>The body POSTed to a job's <c>callbackUrl</c> when it finishes; a grading job's carries its summary.</summary>
public sealed record JobCallbackBody(
    string JobId, string Status, int Total, int Completed, int Failed, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, string Results,
    GradingSummary? Summary = null);
