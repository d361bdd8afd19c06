using System.Net;
using System.Net.Sockets;

namespace BlockchainCs.Network.Tests.P2P;

public sealed class AddressBackoffTests
{
    /// <summary>A loopback port nothing listens on (bound once, then released).</summary>
    private static PeerAddress DeadAddress()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new PeerAddress("127.0.0.1", ((IPEndPoint)socket.LocalEndPoint!).Port);
    }

    [Fact]
    public void MarkFailed_RepeatedFailures_DoublesDelayUpToMaximum()
    {
        var time = new ShiftedTimeProvider();
        var book = new AddressBook(time);
        var address = new PeerAddress("192.0.2.9", 8333);
        book.Add(address);
        var first = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(8);

        foreach (var expected in new[] { 1, 2, 4, 8, 8, 8 })
        {
            book.MarkFailed(address, first, max);
            var wait = book.Get(address)!.NextAttempt - time.GetUtcNow();
            Assert.InRange(wait.TotalSeconds, expected - 0.5, expected);
            Assert.DoesNotContain(address, book.DialCandidates());
            time.Advance(TimeSpan.FromSeconds(expected));
            Assert.Contains(address, book.DialCandidates());
        }

        book.MarkFailed(address, first, max);
        book.MarkGood(address);
        Assert.Equal(0, book.Get(address)!.Failures);
        Assert.Contains(address, book.DialCandidates());
    }

    [Fact]
    public async Task Dial_UnreachableAddresses_BacksOffAndKeepsOtherConnections()
    {
        await using var net = new TestNetwork();
        var live = net.Start();
        var dead = new[] { DeadAddress(), DeadAddress(), DeadAddress() };
        var node = net.Start(TestNetwork.Config([.. dead, live.Address]));

        await Poll.UntilAsync(() => node.IsConnectedTo(live.Address), "the node connects to the live address");
        var connection = node.Node.ReadyPeers.Single(p => p.Remote.Key == live.Address.Key);
        await Poll.UntilAsync(() => dead.All(d => node.Node.Addresses.Get(d)!.Failures >= 3), "every dead address failed three times");

        foreach (var address in dead)
        {
            var entry = node.Node.Addresses.Get(address)!;
            // Exponential back-off: after n failures about 100 ms · 2^(n-1), never more than the 2 s maximum, so far
            // fewer attempts than connect-loop ticks.
            Assert.True(entry.NextAttempt - DateTimeOffset.UtcNow <= TimeSpan.FromSeconds(2));
            Assert.InRange(entry.Failures, 3, 8);
        }

        Assert.True(connection.IsConnected, "the working connection is kept while the others fail");
        Assert.Same(connection, node.Node.ReadyPeers.Single(p => p.Remote.Key == live.Address.Key));
    }
}
