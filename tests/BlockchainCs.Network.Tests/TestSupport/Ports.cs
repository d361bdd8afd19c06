using System.Net;
using System.Net.Sockets;

namespace BlockchainCs.Network.Tests.TestSupport;

public static class Ports
{
    /// <summary>A port nothing listens on now at <paramref name="ip"/> (loopback by default): bound, then released.</summary>
    public static int Free(IPAddress? ip = null)
    {
        using var probe = new TcpListener(ip ?? IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
