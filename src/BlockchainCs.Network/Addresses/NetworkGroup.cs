using System.Net;

namespace BlockchainCs.Network;

/// <summary>
/// The network group of an address (Bitcoin Core's GetGroup, simplified): the /16 of an IPv4 address, the /32 of an IPv6
/// one, the name itself for a DNS name. Addresses in one group are likely under one operator's control, so the address
/// book and inbound eviction never let one group crowd out the others.
/// </summary>
public static class NetworkGroup
{
    public static string Of(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        var bytes = ip.GetAddressBytes();
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? $"{bytes[0]}.{bytes[1]}"
            : Convert.ToHexStringLower(bytes.AsSpan(0, 4));
    }

    public static string Of(PeerAddress address) =>
        address.Ip is { } ip ? Of(ip) : "name:" + address.Host.ToLowerInvariant();
}
