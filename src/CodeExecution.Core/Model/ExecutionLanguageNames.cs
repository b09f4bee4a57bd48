using System.Diagnostics.CodeAnalysis;

namespace CodeExecution.Core.Model;

/// <summary>Names and aliases of <see cref="ExecutionLanguage"/> values, and file extensions.</summary>
public static class ExecutionLanguageNames
{
    private static readonly Dictionary<string, ExecutionLanguage> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["python"] = ExecutionLanguage.Python,
        ["py"] = ExecutionLanguage.Python,
        ["python3"] = ExecutionLanguage.Python,
        ["javascript"] = ExecutionLanguage.JavaScript,
        ["js"] = ExecutionLanguage.JavaScript,
        ["node"] = ExecutionLanguage.JavaScript,
        ["typescript"] = ExecutionLanguage.TypeScript,
        ["ts"] = ExecutionLanguage.TypeScript,
        ["ruby"] = ExecutionLanguage.Ruby,
        ["rb"] = ExecutionLanguage.Ruby,
        ["wasm"] = ExecutionLanguage.Wasm,
        ["webassembly"] = ExecutionLanguage.Wasm,
    };

    private static readonly Dictionary<string, ExecutionLanguage> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".py"] = ExecutionLanguage.Python,
        [".js"] = ExecutionLanguage.JavaScript,
        [".mjs"] = ExecutionLanguage.JavaScript,
        [".cjs"] = ExecutionLanguage.JavaScript,
        [".ts"] = ExecutionLanguage.TypeScript,
        [".mts"] = ExecutionLanguage.TypeScript,
        [".rb"] = ExecutionLanguage.Ruby,
        [".wasm"] = ExecutionLanguage.Wasm,
    };

    /// <summary>The canonical names, as they appear in JSON.</summary>
    public static IReadOnlyList<string> Canonical { get; } = ["python", "javascript", "typescript", "ruby", "wasm"];

    public static string ToName(this ExecutionLanguage language) => language switch
    {
        ExecutionLanguage.Python => "python",
        ExecutionLanguage.JavaScript => "javascript",
        ExecutionLanguage.TypeScript => "typescript",
        ExecutionLanguage.Ruby => "ruby",
        ExecutionLanguage.Wasm => "wasm",
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Unknown language."),
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out ExecutionLanguage? language)
    {
        if (name is not null && ByName.TryGetValue(name.Trim(), out var found))
        {
            language = found;
            return true;
        }

        language = null;
        return false;
    }

    public static bool TryFromFileExtension(string path, [NotNullWhen(true)] out ExecutionLanguage? language)
    {
        if (ByExtension.TryGetValue(Path.GetExtension(path), out var found))
        {
            language = found;
            return true;
        }

        language = null;
        return false;
    }

    public static string UnsupportedMessage(string? name) =>
        $"Unsupported language '{name}'. Supported languages: {string.Join(", ", Canonical)}.";
}
