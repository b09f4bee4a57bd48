using System.Text.Json.Serialization;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Core.Model;

/// <summary>A language the service can run. Serialized as its lowercase name (<c>"python"</c>).</summary>
[JsonConverter(typeof(ExecutionLanguageJsonConverter))]
public enum ExecutionLanguage
{
    Python,
    JavaScript,
    TypeScript,
    Ruby,

    /// <summary>A WASI preview 1 command module the user compiled (C, C++, Rust, Go, Zig...), sent as base64.</summary>
    Wasm,
}
