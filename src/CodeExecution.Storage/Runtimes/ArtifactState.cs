namespace CodeExecution.Storage.Runtimes;

/// <summary>What the runtimes' load found for one artifact key.</summary>
internal enum ArtifactState
{
    /// <summary>Present, its bytes match its sha256 metadata, and the engine loaded it.</summary>
    Present,

    /// <summary>Not in the container (or without sha256 metadata).</summary>
    Missing,

    /// <summary>Its bytes do not hash to its sha256 metadata.</summary>
    HashMismatch,

    /// <summary>Intact, but this engine refused to deserialize it.</summary>
    NotLoadable,

    /// <summary>Compiled and uploaded by this run.</summary>
    Uploaded,
}
