using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CodeExecution.Testing;

/// <summary>A response as <see cref="HttpCall.SendAsync"/> read it from the wire: status, content type, headers and body.</summary>
public sealed record HttpAnswer(int Status, string ContentType, IHeaderDictionary Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Text(string property) => Json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
