namespace BlockchainCs.Network.Tests.P2P;

public sealed class MaxOutboundTests
{
    [Fact]
    public async Task Connect_ManyKnownNodes_KeepsExactlyMaxOutbound()
    {
        await using var net = new TestNetwork();
        // Listeners that never dial out, so every connection of the node under test is its own outbound one.
        var listeners = Enumerable.Range(0, 4).Select(_ => net.Start(TestNetwork.Config() with { MaxOutbound = 0 })).ToList();
        var node = net.Start(TestNetwork.Config([.. listeners.Select(l => l.Address)]) with { MaxOutbound = 2 });

        await Poll.UntilAsync(() => node.OutboundReady == 2, "two outbound connections");
        await Poll.HoldsAsync(() => node.Node.Peers.Count(p => !p.Inbound) <= 2, "never more than --max-outbound", TimeSpan.FromMilliseconds(500));

        // One of them goes away: the node dials another known address to get back to its target.
        var first = node.Node.ReadyPeers.Select(p => p.Remote.Key).ToHashSet();
        var gone = listeners.First(l => first.Contains(l.Address.Key));
        await gone.DisposeAsync();
        await Poll.UntilAsync(() => node.OutboundReady == 2 && node.Node.ReadyPeers.Any(p => !first.Contains(p.Remote.Key)),
            "a replacement connection");
        Assert.True(node.Node.Peers.Count(p => !p.Inbound) <= 2);
    }
}
