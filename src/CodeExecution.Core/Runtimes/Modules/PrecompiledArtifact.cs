using System.Security.Cryptography;

namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>A module compiled for this engine (<c>Module.Serialize</c>) and the sha256 it had when stored.</summary>
public sealed record PrecompiledArtifact(byte[] Bytes, string Sha256)
{
    public static PrecompiledArtifact From(byte[] bytes) => new(bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)));

    /// <summary>True when the bytes still hash to <see cref="Sha256"/>.</summary>
    public bool IsIntact() =>
        string.Equals(Convert.ToHexStringLower(SHA256.HashData(Bytes)), Sha256, StringComparison.OrdinalIgnoreCase);
}
