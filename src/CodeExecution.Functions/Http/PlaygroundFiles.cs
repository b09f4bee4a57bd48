using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace CodeExecution.Functions.Http;

/// <summary>
/// The playground's page, script and style sheet, read once from the assembly, each answered with a policy that lets
/// the page load only them and call only its own origin (<c>Content-Security-Policy</c>), and never send its address
/// (which may carry a key in its fragment) elsewhere.
/// </summary>
public static class PlaygroundFiles
{
    public const string Page = "playground.html";

    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, ApiResponse> Files = new Dictionary<string, string>
    {
        [Page] = "text/html; charset=utf-8",
        ["playground.js"] = "text/javascript; charset=utf-8",
        ["playground.css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(file => file.Key, file => new ApiResponse(StatusCodes.Status200OK, file.Value, Read(file.Key), new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = Policy,
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        ["Cache-Control"] = "no-cache",
    }));

    /// <summary>The files the playground serves, by name.</summary>
    public static IEnumerable<string> Names => Files.Keys.Order(StringComparer.Ordinal);

    public static ApiResponse? Find(string name) => Files.GetValueOrDefault(name);

    private static byte[] Read(string name)
    {
        using var stream = typeof(PlaygroundFiles).Assembly.GetManifestResourceStream($"Playground/{name}")
            ?? throw new InvalidOperationException($"The playground's {name} is not in the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
