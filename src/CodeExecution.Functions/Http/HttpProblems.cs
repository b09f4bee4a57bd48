using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Serialization;
using CodeExecution.Storage;
using CodeExecution.Storage.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Http;

/// <summary>
/// The one place that turns what went wrong into an HTTP status and an RFC 9457 problem: the client's mistakes
/// are 4xx naming the field at fault, a busy instance is 429 with <c>Retry-After</c>, and only the service failing
/// is 5xx, with no stack trace (the exception is logged instead).
/// </summary>
public sealed partial class HttpProblems(IOptions<HttpApiOptions> options, ILogger<HttpProblems> logger)
{
    /// <summary>Runs a function body and answers any exception it throws with the matching problem.</summary>
    public async Task<IActionResult> RunAsync(HttpRequest request, Func<CancellationToken, Task<IActionResult>> handle)
    {
        try
        {
            return await handle(request.HttpContext.RequestAborted);
        }
        catch (Exception e)
        {
            return ToResponse(e, request);
        }
    }

    public ApiResponse ToResponse(Exception exception, HttpRequest request)
    {
        var instance = request.Path.HasValue ? request.Path.Value : null;
        switch (exception)
        {
            case RequestRefusedException refused:
                return refused.Reason switch
                {
                    RequestRefusal.UnsupportedMediaType => Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", refused.Message, instance, refused.Field, null),
                    RequestRefusal.PayloadTooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", refused.Message, instance, refused.Field, null),
                    RequestRefusal.UnknownLanguage => Problem(StatusCodes.Status404NotFound, "Unknown language", refused.Message, instance, refused.Field, CodeExecutionError.Codes.UnsupportedLanguage),
                    RequestRefusal.UnknownJob => Problem(StatusCodes.Status404NotFound, "Unknown job", refused.Message, instance, refused.Field, null),
                    RequestRefusal.UnknownFile => Problem(StatusCodes.Status404NotFound, "Not found", refused.Message, instance, refused.Field, null),
                    RequestRefusal.Busy => Problem(
                        StatusCodes.Status429TooManyRequests, "Too many executions", refused.Message, instance, null, null,
                        new Dictionary<string, string> { ["Retry-After"] = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) }),
                    _ => Internal(exception, instance),
                };
            case CodeExecutionError error:
                return error.Code switch
                {
                    CodeExecutionError.Codes.InvalidRequest => Problem(StatusCodes.Status400BadRequest, "Invalid request", error.Message, instance, error.Field, error.Code),
                    CodeExecutionError.Codes.CodeTooLarge => Problem(StatusCodes.Status400BadRequest, "Code too large", error.Message, instance, error.Field, error.Code),
                    CodeExecutionError.Codes.UnsupportedLanguage => Problem(StatusCodes.Status400BadRequest, "Unsupported language", error.Message, instance, error.Field, error.Code),
                    CodeExecutionError.Codes.SecurityViolation => Problem(StatusCodes.Status400BadRequest, "Refused by policy", error.Message, instance, error.Field, error.Code),
                    CodeExecutionError.Codes.RuntimeUnavailable => Problem(StatusCodes.Status503ServiceUnavailable, "Runtime unavailable", error.Message, instance, error.Field, error.Code),
                    _ => Problem(StatusCodes.Status400BadRequest, "Request refused", error.Message, instance, error.Field, error.Code),
                };
            case JobFormatException format:
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", format.Message, instance, format.Field, CodeExecutionError.Codes.InvalidRequest);
            case JsonException json:
                return ToResponse(ExecutionRequestReader.Translate(json), request);
            case BadHttpRequestException bad:
                return Problem(bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", bad.Message, instance, null, null);
            case var failure when StorageFailure.Is(failure) && !request.HttpContext.RequestAborted.IsCancellationRequested:
                LogStorageUnavailable(failure, instance);
                return Problem(
                    StatusCodes.Status503ServiceUnavailable, "Storage unavailable",
                    "The service's storage could not be reached; nothing was lost, try again shortly.", instance, null, null,
                    new Dictionary<string, string> { ["Retry-After"] = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) });
            case OperationCanceledException when request.HttpContext.RequestAborted.IsCancellationRequested:
                return Problem(499, "Client closed request", "The client went away before the answer was ready.", instance, null, null);
            default:
                return Internal(exception, instance);
        }
    }

    private ApiResponse Internal(Exception exception, string? instance)
    {
        var traceId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
        LogUnexpected(exception, instance, traceId);
        return Problem(StatusCodes.Status500InternalServerError, "Internal error",
            $"The service failed while handling the request; it is logged under trace id {traceId}.", instance, null, null,
            extensions: new Dictionary<string, string?> { ["traceId"] = traceId });
    }

    private static ApiResponse Problem(
        int status, string title, string detail, string? instance, string? field, string? code,
        IReadOnlyDictionary<string, string>? headers = null, IReadOnlyDictionary<string, string?>? extensions = null)
    {
        var all = new Dictionary<string, string?> { ["field"] = field, ["code"] = code };
        foreach (var (name, value) in extensions ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        return ApiResponse.Problem(status, title, detail, instance, all, headers);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable while handling {Path}")]
    private partial void LogStorageUnavailable(Exception exception, string? path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure handling {Path} (trace id {TraceId})")]
    private partial void LogUnexpected(Exception exception, string? path, string traceId);
}
