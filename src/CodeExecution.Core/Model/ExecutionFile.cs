using System.Text.Json.Serialization;

namespace CodeExecution.Core.Model;

/// <summary>A file placed in the program's directory (<c>/sandbox</c>) before it starts.</summary>
public sealed record ExecutionFile
{
    /// <summary>Where, relative to <c>/sandbox</c>, with '/' separators: <c>data.csv</c>, <c>lib/util.py</c>.</summary>
    [JsonRequired]
    public string Path { get; init; } = "";

    /// <summary>The file's bytes: its text, or base64 when <see cref="Encoding"/> says so.</summary>
    [JsonRequired]
    public string Content { get; init; } = "";

    /// <summary>How <see cref="Content"/> is written; UTF-8 text when left out.</summary>
    public FileEncoding? Encoding { get; init; }
}
