using System.Text.Json;

namespace CodeExecution.Core.Network;

/// <summary>
/// The JSON a guest runtime and the host exchange for one request, through linear memory:
/// the request <c>{"method","url","headers":[[name,value],…],"body":"base64"}</c>, and the answer
/// <c>{"status","reason","url","headers":[[name,value],…],"body":"base64"}</c> or <c>{"error":"why"}</c>.
/// </summary>
public static class GuestHttpWire
{
    /// <exception cref="GuestNetworkException">The request is not in this shape.</exception>
    public static GuestHttpRequest ReadRequest(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8);
            var root = document.RootElement;
            var headers = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("headers", out var list))
            {
                foreach (var pair in list.EnumerateArray())
                {
                    headers.Add(new(pair[0].GetString()!, pair[1].GetString()!));
                }
            }

            var body = root.TryGetProperty("body", out var encoded) && encoded.ValueKind == JsonValueKind.String ? encoded.GetBytesFromBase64() : [];
            return new GuestHttpRequest(root.GetProperty("method").GetString()!, root.GetProperty("url").GetString()!, headers, body);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IndexOutOfRangeException or NullReferenceException)
        {
            throw new GuestNetworkException($"The runtime's request could not be read: {e.Message}");
        }
    }

    public static byte[] WriteResponse(GuestHttpResponse response) => Write(writer =>
    {
        writer.WriteNumber("status", response.Status);
        writer.WriteString("reason", response.Reason);
        writer.WriteString("url", response.Url);
        WriteHeaders(writer, response.Headers);
        writer.WriteBase64String("body", response.Body);
    });

    public static byte[] WriteError(string message) => Write(writer => writer.WriteString("error", message));

    /// <summary>The request in the wire's shape (how a runtime sends one; used by tests).</summary>
    public static byte[] WriteRequest(GuestHttpRequest request) => Write(writer =>
    {
        writer.WriteString("method", request.Method);
        writer.WriteString("url", request.Url);
        WriteHeaders(writer, request.Headers);
        writer.WriteBase64String("body", request.Body);
    });

    private static void WriteHeaders(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        writer.WriteStartArray("headers");
        foreach (var (name, value) in headers)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(name);
            writer.WriteStringValue(value);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
