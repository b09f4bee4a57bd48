namespace CodeExecution.Core.Policy;

/// <summary>A regular expression that code of one language must not match, and why.</summary>
public sealed record PatternRule
{
    /// <summary>The language's name ("python", "javascript", "typescript"), or "*" for all.</summary>
    public string Language { get; init; } = "*";

    public string Pattern { get; init; } = "";

    public string Reason { get; init; } = "";
}
