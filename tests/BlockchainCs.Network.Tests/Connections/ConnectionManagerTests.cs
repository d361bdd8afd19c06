using System.Net;
using System.Net.Sockets;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Connections;

/// <summary>Outbound target, back-off on dead addresses, and connections to ourselves.</summary>
public sealed class ConnectionManagerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Connect_ManyKnownNodes_KeepsExactlyMaxOutbound()
    {
        await using var net = new TestNetwork(output);
        // Listeners that never dial out, so every connection of the node under test is its own outbound one.
        var listeners = Enumerable.Range(0, 4).Select(_ => net.Start(c => c with { MaxOutbound = 0 })).ToList();
        var node = net.Start(c => c with { Seeds = [.. listeners.Select(l => l.ListenAddress)], MaxOutbound = 2 });

        await Wait.UntilAsync(() => TestNetwork.OutboundReady(node) == 2, "two outbound connections");
        await Wait.StaysTrueAsync(() => node.Peers.Count(p => !p.Inbound) <= 2, TimeSpan.FromMilliseconds(500), "never more than --max-outbound");

        // One of them goes away: the node dials another known address to get back to its target.
        var first = node.ReadyPeers.Select(p => p.Remote.Key).ToHashSet();
        var gone = listeners.First(l => first.Contains(l.ListenAddress.Key));
        await gone.DisposeAsync();
        await Wait.UntilAsync(() => TestNetwork.OutboundReady(node) == 2 && node.ReadyPeers.Any(p => !first.Contains(p.Remote.Key)),
            "a replacement connection");
        Assert.True(node.Peers.Count(p => !p.Inbound) <= 2);
    }

    [Fact]
    public async Task Dial_UnreachableAddresses_BacksOffAndKeepsOtherConnections()
    {
        await using var net = new TestNetwork(output);
        var live = net.Start();
        var dead = new[] { DeadAddress(), DeadAddress(), DeadAddress() };
        var node = net.Start(c => c with { Seeds = [.. dead, live.ListenAddress] });

        await Wait.UntilAsync(() => TestNetwork.IsConnectedTo(node, live.ListenAddress), "the node connects to the live address");
        var connection = node.ReadyPeers.Single(p => p.Remote.Key == live.ListenAddress.Key);
        await Wait.UntilAsync(() => dead.All(d => node.Addresses.Get(d)!.Failures >= 3), "every dead address failed three times");

        foreach (var address in dead)
        {
            var entry = node.Addresses.Get(address)!;
            // Exponential back-off: after n failures about 100 ms · 2^(n-1), never more than the 1 s maximum.
            Assert.True(entry.NextAttempt - DateTimeOffset.UtcNow <= TimeSpan.FromSeconds(1));
            Assert.InRange(entry.Failures, 3, 12);
        }

        Assert.True(connection.IsReady, "the working connection is kept while the others fail");
        Assert.True(net.Logs(node).Contains("Cannot reach seed"), "an unreachable seed is reported at the default level, with its retry delay");
    }

    [Fact]
    public async Task Seed_OwnAddressUnderAnotherSpelling_DroppedAndNotRedialled()
    {
        await using var net = new TestNetwork(output);
        var node = net.Start(c => c with { ReconnectDelay = TimeSpan.FromMilliseconds(50) });
        // An IPv4-mapped IPv6 spelling of our own 127.0.0.1 listen address: only the version nonce can tell.
        var self = new PeerAddress("::ffff:127.0.0.1", node.ListenAddress.Port);
        Assert.NotEqual(node.ListenAddress.Key, self.Key);

        node.Addresses.AddSeed(self);
        await Wait.UntilAsync(() => net.Logs(node).Contains("Connected to myself"), "the node notices it dialled itself");
        await Wait.UntilAsync(() => !node.Peers.Any(), "both ends of the self-connection are dropped");

        Assert.True(node.Addresses.IsSelf(self));
        Assert.False(node.Addresses.Contains(self));
        Assert.False(node.Addresses.Add(self, "test"), "learning the address again (addr) does not bring it back");
        await Wait.StaysTrueAsync(() => net.Logs(node).Count("Connected to myself") == 1 && !node.Peers.Any(), TimeSpan.FromMilliseconds(500),
            "never redialled");
    }

    [Fact]
    public async Task Seed_OwnAddressAsLocalhost_NeverDialled()
    {
        await using var net = new TestNetwork(output);
        var other = net.Start();
        var node = net.Start();
        node.Addresses.AddSeed(new PeerAddress("localhost", node.ListenAddress.Port));
        node.Addresses.AddSeed(other.ListenAddress);

        await Wait.UntilAsync(() => TestNetwork.IsConnectedTo(node, other.ListenAddress), "the node connects to the other node");
        Assert.DoesNotContain(node.Peers, p => !p.Inbound && p.Remote.Key == node.ListenAddress.Key);
    }

    /// <summary>A loopback port nothing listens on (bound once, then released).</summary>
    private static PeerAddress DeadAddress()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new PeerAddress("127.0.0.1", ((IPEndPoint)socket.LocalEndPoint!).Port);
    }
}
