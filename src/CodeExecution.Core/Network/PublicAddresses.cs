using System.Net;
using System.Net.Sockets;

namespace CodeExecution.Core.Network;

/// <summary>
/// The addresses outbound traffic on a guest's or a caller's behalf may not reach: loopback, private, shared
/// (carrier-grade NAT), link-local (which holds cloud metadata endpoints), unspecified, multicast and reserved
/// ranges, and IANA's other ranges that are not globally reachable (protocol assignments, benchmarking,
/// documentation).
/// </summary>
public static class PublicAddresses
{
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast
                || IPAddress.IPv6Any.Equals(address);
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 or >= 224
            || (b[0] == 172 && b[1] is >= 16 and <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] is >= 64 and <= 127)
            || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
            || (b[0] == 198 && b[1] is 18 or 19)
            || (b[0] == 198 && b[1] == 51 && b[2] == 100)
            || (b[0] == 203 && b[1] == 0 && b[2] == 113);
    }
}
