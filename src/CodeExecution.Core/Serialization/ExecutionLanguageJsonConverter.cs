using System.Text.Json;
using System.Text.Json.Serialization;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Serialization;

/// <summary>Reads a language by name or alias (case-insensitive) and writes its lowercase name.</summary>
public sealed class ExecutionLanguageJsonConverter : JsonConverter<ExecutionLanguage>
{
    public override ExecutionLanguage Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"must be a string, one of: {string.Join(", ", ExecutionLanguageNames.Canonical)}.");
        }

        var name = reader.GetString();
        return ExecutionLanguageNames.TryParse(name, out var language)
            ? language.Value
            : throw new UnsupportedLanguageJsonException(name);
    }

    public override void Write(Utf8JsonWriter writer, ExecutionLanguage value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToName());
}
