using System.Text.Json;
using System.Text.RegularExpressions;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Serialization;

/// <summary>Turns request JSON into an <see cref="ExecutionRequest"/>, or an error that names the field at fault.</summary>
public static partial class ExecutionRequestReader
{
    public static ExecutionRequest Read(string json) => Read(() => JsonSerializer.Deserialize<ExecutionRequest>(json, CodeExecutionJson.Options));

    public static ExecutionRequest Read(JsonElement element) => Read(() => element.Deserialize<ExecutionRequest>(CodeExecutionJson.Options));

    /// <summary>A <see cref="GradingRequest"/> from JSON, or an error that names the field at fault.</summary>
    public static GradingRequest ReadGrading(string json) => Read(() => JsonSerializer.Deserialize<GradingRequest>(json, CodeExecutionJson.Options));

    private static T Read<T>(Func<T?> deserialize)
        where T : class
    {
        T? request;
        try
        {
            request = deserialize();
        }
        catch (JsonException e)
        {
            throw Translate(e);
        }

        return request ?? throw new InvalidRequestError("The request must be a JSON object, not null.", "$");
    }

    /// <summary>The error a client should see for a JSON exception thrown while reading a request.</summary>
    public static CodeExecutionError Translate(JsonException e)
    {
        if (e is UnsupportedLanguageJsonException unsupported)
        {
            return new UnsupportedLanguageError(unsupported.Message);
        }

        var field = FieldOf(e.Path);
        var missing = MissingProperties().Match(e.Message);
        if (missing.Success)
        {
            var names = missing.Groups[1].Value.Replace("'", "");
            return new InvalidRequestError($"{names}: is required.", names.Split(',')[0].Trim());
        }

        var unknown = UnknownProperty().Match(e.Message);
        if (unknown.Success)
        {
            var name = string.IsNullOrEmpty(field) ? unknown.Groups[1].Value : field;
            return new InvalidRequestError($"{name}: is not a known field.", name);
        }

        if (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return new InvalidRequestError($"{field}: appears more than once.", field);
        }

        if (e.InnerException is null && e.Message.StartsWith("must ", StringComparison.Ordinal))
        {
            return new InvalidRequestError($"{field}: {e.Message}", field);
        }

        var detail = e.BytePositionInLine is { } column && e.LineNumber is { } line
            ? $" (line {line + 1}, byte {column + 1})"
            : "";
        var what = string.IsNullOrEmpty(field) ? "body" : field;
        return new InvalidRequestError($"{what}: is not valid JSON for this field{detail}: {FirstSentence(e.Message)}", string.IsNullOrEmpty(field) ? "$" : field);
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }

    [GeneratedRegex("missing required properties including: (.+)\\.")]
    private static partial Regex MissingProperties();

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownProperty();
}
