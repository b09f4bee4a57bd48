using System.Net;
using System.Net.Sockets;

namespace CodeExecution.Core.Network;

/// <summary>
/// The connect step of an HTTP client that must reach public hosts only: it resolves the host name itself and dials
/// only the addresses it may reach, so a name that resolves, or is re-pointed, to a private or metadata address is
/// refused at the moment of connecting (used for programs' requests and for job callbacks).
/// </summary>
public static class PublicConnector
{
    /// <param name="endPoint">The host name (or address literal) and port to connect to.</param>
    /// <param name="resolve">The resolver; the system's when null.</param>
    /// <param name="reachable">Whether an address may be dialled.</param>
    /// <param name="whoIsRefused">Ends the refusal's message: who reaches public hosts only (<c>programs</c>, <c>callbacks</c>).</param>
    /// <param name="cancellationToken">Ends the resolving and the connecting.</param>
    /// <exception cref="PrivateAddressException">The host resolved to no address that may be dialled.</exception>
    public static async ValueTask<Stream> ConnectAsync(
        DnsEndPoint endPoint, Func<string, CancellationToken, Task<IPAddress[]>>? resolve, Func<IPAddress, bool> reachable, string whoIsRefused,
        CancellationToken cancellationToken)
    {
        var (host, port) = (endPoint.Host, endPoint.Port);
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await (resolve ?? Dns.GetHostAddressesAsync)(host, cancellationToken);
        var allowed = addresses.Where(reachable).ToArray();
        if (allowed.Length == 0)
        {
            throw new PrivateAddressException(
                $"{host} resolves only to local, private or metadata addresses ({string.Join(", ", addresses.Distinct())}); {whoIsRefused} reach public hosts only.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A host that resolved only to addresses that may not be reached.</summary>
public sealed class PrivateAddressException(string message) : IOException(message);
