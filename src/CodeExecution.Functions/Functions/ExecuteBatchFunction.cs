using System.Text.Json;
using CodeExecution.Core;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;
using CodeExecution.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Functions;

/// <summary>
/// <c>POST /api/execute/batch</c> with <c>{ "requests": [...] }</c>: runs the requests in parallel within the
/// instance's concurrency and answers their results in order; an item that cannot run gets its error in its slot.
/// </summary>
public sealed class ExecuteBatchFunction(ExecutorHost host, HttpProblems problems, IOptions<HttpApiOptions> options)
{
    private const string RequestsField = "requests";

    [Function("ExecuteBatch")]
    public Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "execute/batch")] HttpRequest request) =>
        problems.RunAsync(request, async cancellationToken =>
        {
            var body = await RequestBody.ReadJsonAsync(request, options.Value.MaxRequestBodyBytes, cancellationToken);
            using var document = Parse(body);
            var items = ReadItems(document.RootElement, options.Value.MaxBatchSize);
            var executor = await host.GetReadyAsync(cancellationToken);
            if (executor.Pending >= executor.MaxConcurrency)
            {
                throw new RequestRefusedException(RequestRefusal.Busy, $"All {executor.MaxConcurrency} sandboxes of this instance are busy; try again shortly.");
            }

            var results = await Task.WhenAll(items.Select(item => item.Request is { } valid
                ? executor.ExecuteOrDescribeAsync(valid, cancellationToken)
                : Task.FromResult(item.Rejected!)));
            return ApiResponse.Json(StatusCodes.Status200OK, new BatchResponse(results));
        });

    private static JsonDocument Parse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = CodeExecutionJson.MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw ExecutionRequestReader.Translate(e);
        }
    }

    private static List<BatchItem> ReadItems(JsonElement root, int maxBatchSize)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidRequestError($"body: must be a JSON object with a \"{RequestsField}\" array.", "$");
        }

        JsonElement? requests = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name != RequestsField)
            {
                throw new InvalidRequestError($"{property.Name}: is not a known field.", property.Name);
            }

            requests = property.Value;
        }

        if (requests is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new InvalidRequestError($"{RequestsField}: is required and must be an array.", RequestsField);
        }

        var count = array.GetArrayLength();
        if (count < 1 || count > maxBatchSize)
        {
            throw new InvalidRequestError($"{RequestsField}: must hold 1 to {maxBatchSize} requests; it holds {count}.", RequestsField);
        }

        return array.EnumerateArray().Select(Read).ToList();
    }

    private static BatchItem Read(JsonElement element)
    {
        try
        {
            return new BatchItem(ExecutionRequestReader.Read(element), null);
        }
        catch (CodeExecutionError error)
        {
            return new BatchItem(null, CodeExecutor.RejectedResult(LanguageOf(element), error));
        }
    }

    /// <summary>The item's language when it names one we know; null otherwise.</summary>
    private static ExecutionLanguage? LanguageOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("language", out var language)
        && language.ValueKind == JsonValueKind.String
        && ExecutionLanguageNames.TryParse(language.GetString(), out var known)
            ? known.Value
            : null;

    private sealed record BatchItem(ExecutionRequest? Request, ExecutionResult? Rejected);
}
