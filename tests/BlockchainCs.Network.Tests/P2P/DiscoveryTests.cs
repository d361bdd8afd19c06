namespace BlockchainCs.Network.Tests.P2P;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task GetAddr_SeededWithOneNode_LearnsAndConnectsToAnother()
    {
        await using var net = new TestNetwork();
        var a = net.Start();
        var b = net.Start(TestNetwork.Config(a.Address));
        await Poll.UntilAsync(() => b.IsConnectedTo(a.Address) && a.Node.Addresses.Contains(b.Address), "B announced its address to A");

        // C knows only A and accepts no inbound connection, so reaching B means C dialled what A told it.
        var c = net.Start(TestNetwork.Config(a.Address) with { MaxInbound = 0 });
        await Poll.UntilAsync(() => c.Node.ReadyPeers.Any(p => !p.Inbound && p.Remote.Key == b.Address.Key), "C connects to B");

        Assert.True(c.Node.Addresses.Contains(b.Address));
        Assert.True(c.IsConnectedTo(a.Address));
    }
}
