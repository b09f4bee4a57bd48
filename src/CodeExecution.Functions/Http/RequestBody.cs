using System.Text;
using CodeExecution.Core.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CodeExecution.Functions.Http;

/// <summary>Reads a JSON request body: checks the content type, holds the size to the limit, decodes strict UTF-8.</summary>
public static class RequestBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<byte[]> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            throw new RequestRefusedException(
                RequestRefusal.UnsupportedMediaType,
                $"Content-Type must be application/json; it was {(string.IsNullOrEmpty(request.ContentType) ? "missing" : $"'{request.ContentType}'")}.",
                "Content-Type");
        }

        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new InvalidRequestError("body: is required: send a JSON object.", "$");
        }

        return buffer.ToArray();
    }

    public static string DecodeUtf8(byte[] body)
    {
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidRequestError("body: is not valid UTF-8.", "$");
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.HasValue
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
        && (!mediaType.Charset.HasValue || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static RequestRefusedException TooLarge(int maxBytes) =>
        new(RequestRefusal.PayloadTooLarge, $"The request body must be at most {maxBytes} bytes.", "body");
}
