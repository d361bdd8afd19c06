namespace BlockchainCs.Network.Tests.P2P;

public sealed class SelfConnectionTests
{
    [Fact]
    public async Task Seed_OwnAddressUnderAnotherSpelling_DroppedAndNotRedialled()
    {
        await using var net = new TestNetwork();
        var node = net.Start(TestNetwork.Config() with { ReconnectDelay = TimeSpan.FromMilliseconds(50) });
        // An IPv4-mapped IPv6 spelling of our own 127.0.0.1 listen address: only the version nonce can tell.
        var self = new PeerAddress("::ffff:127.0.0.1", node.Address.Port);
        Assert.NotEqual(node.Address.Key, self.Key);

        node.Node.Addresses.Add(self, isSeed: true);
        await Poll.UntilAsync(() => node.Logs.Contains("Connected to myself"), "the node notices it dialled itself");
        await Poll.UntilAsync(() => node.Node.Peers.Count == 0, "both ends of the self-connection are dropped");

        Assert.True(node.Node.Addresses.IsSelf(self));
        Assert.False(node.Node.Addresses.Contains(self));
        Assert.False(node.Node.Addresses.Add(self), "learning the address again (addr) does not bring it back");
        // About ten connect-loop rounds: no second attempt.
        await Poll.HoldsAsync(() => node.Logs.Count("Connected to myself") == 1 && node.Node.Peers.Count == 0, "never redialled",
            TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Seed_OwnAddressAsLocalhost_NeverDialled()
    {
        await using var net = new TestNetwork();
        var other = net.Start();
        var node = net.Start();
        node.Node.Addresses.Add(new PeerAddress("localhost", node.Address.Port), isSeed: true);
        node.Node.Addresses.Add(other.Address);

        // The connect loop considers every candidate in one pass, so once it reached the other node it has skipped ours.
        await Poll.UntilAsync(() => node.IsConnectedTo(other.Address), "the node connects to the other node");
        Assert.False(node.Logs.Contains($"Connected to localhost:{node.Address.Port}"));
        Assert.DoesNotContain(node.Node.Peers, p => !p.Inbound && p.Remote.Key == node.Address.Key);
    }
}
