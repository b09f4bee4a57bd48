using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Functions.Http;

/// <summary>The API's JSON: the core's options (camelCase, strict) with the HTTP-only types added.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(CodeExecutionJson.Options)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(CodeExecutionJsonContext.Default, ApiJsonContext.Default),
        };
        options.MakeReadOnly();
        return options;
    }
}
