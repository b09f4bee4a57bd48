using System.Net;
using CodeExecution.Core.Network;

namespace CodeExecution.Storage.Jobs;

/// <summary>
/// The addresses a job's callback may not reach unless <see cref="JobsOptions.AllowPrivateCallbackHosts"/> is on:
/// loopback, private, shared (carrier-grade NAT), link-local (which holds cloud metadata endpoints), unspecified,
/// multicast and reserved ranges, and IANA's other ranges that are not globally reachable (protocol assignments,
/// benchmarking, documentation).
/// </summary>
/// <remarks>
/// Checked twice: on the URL when a job is submitted (names such as <c>localhost</c> and address literals), and on
/// every address the host name resolves to when the callback connects (a public-looking name can resolve to a
/// private address, and can change between the two).
/// </remarks>
public static class CallbackAddresses
{
    /// <summary>Whether the URL's host is localhost or a private address literal; other names are checked when connecting.</summary>
    public static bool IsPrivateHost(Uri uri) =>
        uri.IsLoopback
        || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.IdnHost, out var address) && IsPrivate(address));

    /// <summary>The same ranges as the guests' network: <see cref="PublicAddresses.IsPrivate"/>.</summary>
    public static bool IsPrivate(IPAddress address) => PublicAddresses.IsPrivate(address);
}
