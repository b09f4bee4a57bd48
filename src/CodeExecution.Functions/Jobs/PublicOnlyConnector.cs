using CodeExecution.Core.Network;
using CodeExecution.Storage.Jobs;

namespace CodeExecution.Functions.Jobs;

/// <summary>
/// The connect step of the callback client when private hosts are not allowed: connects only to addresses outside
/// <see cref="CallbackAddresses"/> (<see cref="PublicConnector"/>), so a name that resolves (or is re-pointed) to a
/// private address is refused at the moment of connecting, not just when the job was submitted.
/// </summary>
public static class PublicOnlyConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await PublicConnector.ConnectAsync(
                context.DnsEndPoint, resolve: null, address => !CallbackAddresses.IsPrivate(address), "callbacks", cancellationToken);
        }
        catch (PrivateAddressException e)
        {
            throw new HttpRequestException(e.Message);
        }
    }
}
