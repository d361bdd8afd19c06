using System.Security.Cryptography;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Node;

/// <summary>The version/verack handshake between real nodes: same chain and magic connect, anything else is refused.</summary>
public sealed class NodeHandshakeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Start_SeedIsTheOtherNode_BothSeeOneReadyPeer()
    {
        await using var net = new TestNetwork(output);
        var a = net.StartNode(net.CreateChain("a"));
        var b = net.StartNode(net.CreateChain("b"), a.ListenAddress);

        await TestNetwork.WaitConnectedAsync(a, b);

        var fromA = Assert.Single(a.ReadyPeers);
        var fromB = Assert.Single(b.ReadyPeers);
        Assert.True(fromA.Inbound);
        Assert.False(fromB.Inbound);
        Assert.Equal(b.ListenAddress.Key, fromA.ListenAddress?.Key);
        Assert.Equal(net.GenesisHash, fromB.Version!.GenesisHash);
    }

    [Fact]
    public async Task Start_SeedIsOnAnotherChain_IsRefusedWithoutReadyPeer()
    {
        await using var net = new TestNetwork(output);
        var a = net.StartNode(net.CreateChain("a"));
        var foreign = net.StartNode(net.CreateForeignChain(), a.ListenAddress);

        await Wait.UntilAsync(() => net.Logs(a).Contains("another chain"), "a to refuse the node on another chain");

        Assert.Empty(a.ReadyPeers);
        Assert.Empty(foreign.ReadyPeers);
        Assert.NotEqual(a.Chain.GenesisHash, foreign.Chain.GenesisHash);
    }

    [Fact]
    public async Task HandleVersion_DifferentGenesis_RejectsAndDisconnects()
    {
        await using var net = new TestNetwork(output);
        var a = net.StartNode(net.CreateChain("a"));
        var stranger = await net.ConnectRawAsync(a);

        await stranger.SendAsync(stranger.VersionMessage(genesis: new Hash256(RandomNumberGenerator.GetBytes(Hash256.Size))));

        var reject = await stranger.ExpectAsync<RejectPayload>();
        Assert.Equal(Commands.Version, reject.Message);
        Assert.Equal(RejectCode.Invalid, reject.Code);
        await stranger.WaitClosedAsync();
        Assert.Empty(a.ReadyPeers);
    }

    [Fact]
    public async Task Start_SeedUsesAnotherMagic_IsDisconnectedWithoutReadyPeer()
    {
        await using var net = new TestNetwork(output);
        var a = net.StartNode(net.CreateChain("a"));
        var other = net.StartNode(net.CreateChain("other"), config => config with { Seeds = [a.ListenAddress], Magic = new NetworkMagic(0x7465_7374) });

        await Wait.UntilAsync(() => net.Logs(a).Contains("wrong network magic"), "a to drop the peer with another magic");

        Assert.Empty(a.ReadyPeers);
        Assert.Empty(other.ReadyPeers);
    }
}
