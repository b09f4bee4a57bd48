namespace CodeExecution.Storage;

/// <summary>Whether the storage services answered, and how the connection is made (never a secret).</summary>
public sealed record StorageHealth
{
    public bool Reachable => BlobReachable && TableReachable;

    public string Connection { get; init; } = "";

    public bool BlobReachable { get; init; }

    public bool TableReachable { get; init; }

    /// <summary>What went wrong, when something did.</summary>
    public string? Error { get; init; }
}
