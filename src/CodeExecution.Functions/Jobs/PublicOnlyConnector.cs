using System.Net;
using System.Net.Sockets;
using CodeExecution.Storage.Jobs;

namespace CodeExecution.Functions.Jobs;

/// <summary>
/// The connect step of the callback client when private hosts are not allowed: resolves the host name itself and
/// connects only to addresses outside <see cref="CallbackAddresses"/>, so a name that resolves (or is re-pointed)
/// to a private address is refused at the moment of connecting, not just when the job was submitted.
/// </summary>
public static class PublicOnlyConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(address => !CallbackAddresses.IsPrivate(address)).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                $"{host} resolves only to local or private addresses ({string.Join(", ", addresses.Distinct())}); callbacks go to public hosts only.");
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
