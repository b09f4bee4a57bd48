using System.Text.Json;
using CodeExecution.Core;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Functions.Http;

/// <summary>
/// Reads the body of <c>POST /api/execute/batch</c>, <c>{ "requests": [...] }</c>: the envelope must be right (else
/// the whole batch is refused), while an item that fails validation becomes a rejected result in its own slot.
/// </summary>
public static class BatchRequestReader
{
    private const string RequestsField = "requests";

    public static IReadOnlyList<BatchItem> Read(byte[] body, int maxBatchSize)
    {
        using var document = Parse(body);
        return ReadItems(document.RootElement, maxBatchSize);
    }

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

        return array.EnumerateArray().Select(ReadItem).ToList();
    }

    private static BatchItem ReadItem(JsonElement element)
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
}
