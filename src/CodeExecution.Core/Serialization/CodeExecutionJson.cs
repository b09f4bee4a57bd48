using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeExecution.Core.Serialization;

/// <summary>The JSON shape of the seed: camelCase, strict about types, unknown members and duplicate keys.</summary>
public static class CodeExecutionJson
{
    /// <summary>How deep a request may nest; ours never goes past 3.</summary>
    public const int MaxDepth = 16;

    public static JsonSerializerOptions Options { get; } = Create(writeIndented: false);

    public static JsonSerializerOptions Indented { get; } = Create(writeIndented: true);

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowDuplicateProperties = false,
            MaxDepth = MaxDepth,
            WriteIndented = writeIndented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = CodeExecutionJsonContext.Default,
        };
        options.MakeReadOnly();
        return options;
    }
}
