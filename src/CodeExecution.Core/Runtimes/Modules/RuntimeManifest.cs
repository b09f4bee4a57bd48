using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeExecution.Core.Runtimes.Modules;

/// <summary><c>runtimes/manifest.json</c>: the pinned WebAssembly runtimes.</summary>
public sealed record RuntimeManifest
{
    public const string FileName = "manifest.json";

    public IReadOnlyList<RuntimeDescriptor> Runtimes { get; init; } = [];

    public static RuntimeManifest Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize(stream, RuntimeManifestJsonContext.Default.RuntimeManifest)
            ?? throw new InvalidDataException($"{path} is empty.");
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(RuntimeManifest))]
internal sealed partial class RuntimeManifestJsonContext : JsonSerializerContext;
