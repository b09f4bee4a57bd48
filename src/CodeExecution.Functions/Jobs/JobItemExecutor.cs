using System.Text.Json;
using CodeExecution.Core;
using CodeExecution.Core.Errors;
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
