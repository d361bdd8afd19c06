using System.Net;
using System.Net.Sockets;

namespace BlockchainCs.Cli.Tests;

/// <summary>What the tests that run a node process share: its bounds, and a free loopback port to listen on.</summary>
public static class CliTimeouts
{
    /// <summary>Until a started node says "Node listening" (generous: the machine may be busy with other tests).</summary>
    public static readonly TimeSpan Start = TimeSpan.FromSeconds(45);

    /// <summary>Until a signalled node has exited.</summary>
    public static readonly TimeSpan Stop = TimeSpan.FromSeconds(20);

    /// <summary>A loopback port nobody listens on now (the OS picks it).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
