namespace CodeExecution.Core.Model;

/// <summary>The values of <see cref="EnvironmentInfo.Start"/>.</summary>
public static class StartKind
{
    /// <summary>Each execution instantiates an image baked with the runtime already started.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>Each execution starts the runtime from its module (slower: its start-up is paid every time).</summary>
    public const string Cold = "cold";
}
