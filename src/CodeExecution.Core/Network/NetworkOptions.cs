using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace CodeExecution.Core.Network;

/// <summary>How this executor's programs reach the network when a request allows it (<see cref="CodeExecutorOptions.Network"/>).</summary>
public sealed record NetworkOptions
{
    /// <summary>False refuses every request that asks for network (<c>limits.allowNetwork</c>), whatever its allow-list.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Longest wait for one request's answer and body, within the run's own deadline.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Resolves a host name to its addresses; the system's resolver when null. Tests point names at their own
    /// servers with it.
    /// </summary>
    public Func<string, CancellationToken, Task<IPAddress[]>>? Resolve { get; init; }

    /// <summary>
    /// Private addresses programs may reach all the same; none by default, and none belongs here in production. A
    /// test's loopback server is one.
    /// </summary>
    public IReadOnlyList<IPAddress> ReachablePrivateAddresses { get; init; } = [];

    /// <summary>Root certificates trusted besides the system's (a private CA, a test's own); none by default.</summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }
}
