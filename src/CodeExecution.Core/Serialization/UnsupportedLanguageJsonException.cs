using System.Text.Json;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Serialization;

/// <summary>A JSON language name that is not one of ours; kept apart so it maps to <c>UnsupportedLanguageError</c>.</summary>
public sealed class UnsupportedLanguageJsonException(string? name)
    : JsonException(ExecutionLanguageNames.UnsupportedMessage(name))
{
    public string? LanguageName { get; } = name;
}
