namespace BlockchainCs.Network.Tests.P2P;

public sealed class PingTimeoutTests
{
    [Fact]
    public async Task Ping_PeerStopsAnswering_Dropped()
    {
        await using var net = new TestNetwork();
        var node = net.Start(TestNetwork.Config() with
        {
            PingInterval = TimeSpan.FromMilliseconds(200),
            PingTimeout = TimeSpan.FromMilliseconds(300),
        });
        await using var silent = await RawPeer.ConnectAsync(node, net.GenesisHash);
        silent.AnswerPings = false;
        await using var answering = await RawPeer.ConnectAsync(node, net.GenesisHash);

        await silent.WaitClosedAsync();

        Assert.True(node.Logs.Contains("stopped answering ping"));
        Assert.False(answering.IsClosed, "a peer that answers its pings stays");
        Assert.Single(node.Node.ReadyPeers);
    }
}
