using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.P2P;

public sealed class BlockStallTests
{
    [Fact]
    public async Task Inv_BlocksNeverDelivered_FetchedFromHonestPeerAfterTimeout()
    {
        await using var net = new TestNetwork();
        List<Block> blocks = [];
        var honest = net.Start(prepare: chain => blocks = Blocks.MineOn(chain, 3));
        var node = net.Start(TestNetwork.Config() with { BlockRequestTimeout = TimeSpan.FromMilliseconds(700) });
        await using var liar = await RawPeer.ConnectAsync(node, net.GenesisHash);

        // The liar announces the honest chain's blocks and never delivers them.
        var items = blocks.Select(b => new InventoryVector(InventoryType.Block, b.Hash)).ToList();
        await liar.SendAsync(new InvPayload(items));
        await liar.ExpectAsync<GetDataPayload>(g => g.Items.Count == items.Count);

        // The honest node announces the same blocks; they are fetched from it once the liar's requests time out.
        node.Node.Addresses.Add(honest.Address);
        await Poll.UntilAsync(() => node.Chain.Tip.Height == 3, "the node has the honest chain");

        Assert.Equal(honest.Chain.Tip.Hash, node.Chain.Tip.Hash);
        Assert.True(node.Logs.Contains("did not arrive"), "the stalled requests are reported");
        Assert.False(liar.IsClosed);
    }

    [Fact]
    public async Task Inv_UnknownBlocksNeverDelivered_RequestForgottenAfterTimeout()
    {
        await using var net = new TestNetwork();
        var node = net.Start(TestNetwork.Config() with { BlockRequestTimeout = TimeSpan.FromMilliseconds(300) });
        await using var liar = await RawPeer.ConnectAsync(node, net.GenesisHash);
        var fake = new InventoryVector(InventoryType.Block, Hash256.Compute([1, 2, 3]));

        await liar.SendAsync(new InvPayload([fake]));
        await liar.ExpectAsync<GetDataPayload>(g => g.Items.Contains(fake));
        await Poll.UntilAsync(() => node.Logs.Contains("no other peer announced it"), "the request times out");

        // Forgotten, so a new announcement is followed again.
        await liar.SendAsync(new InvPayload([fake]));
        await liar.ExpectAsync<GetDataPayload>(g => g.Items.Contains(fake));
    }
}
