using System.Text.Json;
using CodeExecution.Core;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Functions.Jobs;

/// <summary>Runs job items on the instance's executor, waiting for a free sandbox (the queue, not the client, holds the backlog).</summary>
public sealed class JobItemExecutor(ExecutorHost host) : IJobItemExecutor
{
    public async Task<ExecutionResult> ExecuteAsync(string requestJson, CancellationToken cancellationToken)
    {
        ExecutionRequest request;
        try
        {
            request = ExecutionRequestReader.Read(requestJson);
        }
        catch (CodeExecutionError error)
        {
            return CodeExecutor.RejectedResult(LanguageOf(requestJson), error);
        }

        var executor = await host.GetReadyAsync(cancellationToken);
        return await executor.ExecuteOrDescribeAsync(request, cancellationToken);
    }

    public async Task<TestResult> GradeTestAsync(string gradingJson, int index, CancellationToken cancellationToken)
    {
        GradingRequest request;
        try
        {
            request = ExecutionRequestReader.ReadGrading(gradingJson);
        }
        catch (CodeExecutionError error)
        {
            return NotRun(null, index, error.Message);
        }

        var executor = await host.GetReadyAsync(cancellationToken);
        try
        {
            return await executor.GradeTestAsync(request, index, cancellationToken);
        }
        catch (CodeExecutionError error)
        {
            // Checked when the job was accepted; this instance may have other defaults, or the runtime may be down.
            return NotRun(request, index, error.Message);
        }
    }

    /// <summary>A test of a grading job that could not be graded: skipped, worth its weight, with the reason.</summary>
    public static TestResult NotRun(GradingRequest? request, int index, string reason)
    {
        var test = request?.Tests is { } tests && index < tests.Count ? tests[index] : null;
        return new TestResult
        {
            Name = test?.Name ?? $"test {index + 1}",
            Verdict = TestVerdict.Skipped,
            Weight = test?.Weight ?? 1,
            Message = $"Not run: {reason}",
        };
    }

    /// <summary>The grading request in this JSON, or null when it cannot be read.</summary>
    public static GradingRequest? GradingIn(string? gradingJson)
    {
        try
        {
            return gradingJson is null ? null : ExecutionRequestReader.ReadGrading(gradingJson);
        }
        catch (CodeExecutionError)
        {
            return null;
        }
    }

    /// <summary>The request's language when it names one we know; null otherwise.</summary>
    public static ExecutionLanguage? LanguageOf(string? requestJson)
    {
        try
        {
            using var document = JsonDocument.Parse(requestJson ?? "null");
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("language", out var language)
                && language.ValueKind == JsonValueKind.String
                && ExecutionLanguageNames.TryParse(language.GetString(), out var known)
                    ? known.Value
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
