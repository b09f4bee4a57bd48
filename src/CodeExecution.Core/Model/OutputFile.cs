namespace CodeExecution.Core.Model;

/// <summary>A file the program created or changed under <c>/sandbox</c>, returned in <see cref="ExecutionResult.Files"/>.</summary>
public sealed record OutputFile
{
    /// <summary>Where, relative to <c>/sandbox</c>, with '/' separators.</summary>
    public string Path { get; init; } = "";

    /// <summary>Its length in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Its bytes: the text when they are valid UTF-8, else base64 (<see cref="Encoding"/> says which).</summary>
    public string Content { get; init; } = "";

    public FileEncoding Encoding { get; init; }
}
