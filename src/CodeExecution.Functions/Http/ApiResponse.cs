using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CodeExecution.Functions.Http;

/// <summary>
/// A finished response: status, content type, headers and body bytes. Writes itself without MVC formatters,
/// so the same object serves the Functions host and in-process tests.
/// </summary>
public sealed class ApiResponse(int statusCode, string contentType, byte[] body, IReadOnlyDictionary<string, string>? headers = null) : IActionResult
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string ProblemContentType = "application/problem+json; charset=utf-8";

    public int StatusCode { get; } = statusCode;

    public string ContentType { get; } = contentType;

    public byte[] Body { get; } = body;

    public IReadOnlyDictionary<string, string> Headers { get; } = headers ?? new Dictionary<string, string>();

    public static ApiResponse Json<T>(int statusCode, T value, IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, JsonContentType, JsonSerializer.SerializeToUtf8Bytes(value, ApiJson.TypeInfo<T>()), headers);

    /// <summary>An RFC 9457 problem: type, title, status, detail, instance, and the extensions given.</summary>
    public static ApiResponse Problem(int statusCode, string title, string detail, string? instance, IReadOnlyDictionary<string, string?> extensions, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", $"https://www.rfc-editor.org/rfc/rfc9110#status.{statusCode}");
            writer.WriteString("title", title);
            writer.WriteNumber("status", statusCode);
            writer.WriteString("detail", detail);
            if (instance is not null)
            {
                writer.WriteString("instance", instance);
            }

            foreach (var (name, value) in extensions)
            {
                if (value is not null)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
        }

        return new ApiResponse(statusCode, ProblemContentType, buffer.ToArray(), headers);
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(Body, context.HttpContext.RequestAborted);
    }

    /// <summary>The body as text, for logs and tests.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Body);
}
