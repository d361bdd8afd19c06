using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.P2P;

public sealed class OrphanBlockTests
{
    [Fact]
    public async Task OrphanBlocks_ChainNeverConnects_PoolBoundedAndSyncContinues()
    {
        await using var net = new TestNetwork();
        List<Block> blocks = [];
        var honest = net.Start(prepare: chain => blocks = Blocks.MineOn(chain, 3));
        var node = net.Start(TestNetwork.Config() with { OrphanBlockCapacity = 10 });
        await using var liar = await RawPeer.ConnectAsync(node, net.GenesisHash);

        foreach (var orphan in Blocks.OrphanChain(30))
            await liar.SendAsync(new BlockPayload(orphan));
        await liar.SyncAsync();

        Assert.Equal(10, node.Node.Sync.OrphanBlockCount);
        Assert.Equal(10, node.Node.Sync.OrphanBlockCapacity);
        Assert.True(node.Logs.Contains("is an orphan; requesting its ancestors"), "the node asks for the missing ancestors");

        node.Node.Addresses.Add(honest.Address);
        await Poll.UntilAsync(() => node.Chain.Tip.Height == 3, "the node syncs from the honest peer");
        Assert.Equal(honest.Chain.Tip.Hash, node.Chain.Tip.Hash);
        Assert.True(node.Node.Sync.OrphanBlockCount <= 10);
    }

    [Fact]
    public async Task OrphanBlock_ParentArrivesLater_Connected()
    {
        await using var net = new TestNetwork();
        List<Block> blocks = [];
        net.Start(prepare: chain => blocks = Blocks.MineOn(chain, 2));
        var node = net.Start();
        await using var peer = await RawPeer.ConnectAsync(node, net.GenesisHash);

        await peer.SendAsync(new BlockPayload(blocks[1]));
        // The node asks the sender for what follows its best chain (the orphan's ancestors).
        await peer.ExpectAsync<GetBlocksPayload>();
        Assert.True(node.Node.Sync.HasOrphanBlock(blocks[1].Hash));

        await peer.SendAsync(new BlockPayload(blocks[0]));
        await Poll.UntilAsync(() => node.Chain.Tip.Height == 2, "the orphan connects behind its parent");
        Assert.Equal(0, node.Node.Sync.OrphanBlockCount);
    }
}
