using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Node;

/// <summary>Block sync (getblocks → inv → getdata → block) and relay of new blocks between real nodes.</summary>
public sealed class NodeSyncTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Start_PeerIs30BlocksAhead_SyncsToTheSameTip()
    {
        await using var net = new TestNetwork(output);
        var chainA = net.CreateChain("a");
        TestNetwork.AddBlocks(chainA, 30, Wallet.Generate().PubKeyHash);
        var a = net.StartNode(chainA);
        var b = net.StartNode(net.CreateChain("b"), a.ListenAddress);

        await Wait.UntilAsync(() => b.Chain.Tip.Hash == a.Chain.Tip.Hash, "b to reach a's tip");

        Assert.Equal(30, b.Chain.Tip.Height);
        for (var height = 0; height <= 30; height++)
            Assert.Equal(a.Chain.GetHashAtHeight(height), b.Chain.GetHashAtHeight(height));
    }

    [Fact]
    public async Task RelayBlocks_BlockMinedAfterSync_ReachesThePeer()
    {
        await using var net = new TestNetwork(output);
        var chainA = net.CreateChain("a");
        TestNetwork.AddBlocks(chainA, 3, Wallet.Generate().PubKeyHash);
        var a = net.StartNode(chainA);
        var b = net.StartNode(net.CreateChain("b"), a.ListenAddress);
        await Wait.UntilAsync(() => b.Chain.Tip.Hash == a.Chain.Tip.Hash, "b to reach a's tip");

        // What the miner service does with a block it found: through the single writer, then announced.
        var block = TestNetwork.MineCandidate(a.Chain, [], Wallet.Generate().PubKeyHash);
        var outcome = await a.Sync.SubmitBlockAsync(block);
        Assert.False(outcome.IsInvalid);

        await Wait.UntilAsync(() => b.Chain.Tip.Hash == block.Hash, "the new block to reach b");
        Assert.Equal(4, b.Chain.Tip.Height);
    }

    [Fact]
    public async Task Start_PeerIs1100BlocksAhead_SyncsAcrossSeveralInvBatches()
    {
        const int Blocks = 1_100;
        await using var net = new TestNetwork(output);
        var chainA = net.CreateChain("a");
        TestNetwork.AddBlocks(chainA, Blocks, Wallet.Generate().PubKeyHash);
        var a = net.StartNode(chainA);
        var b = net.StartNode(net.CreateChain("b"), a.ListenAddress);

        await Wait.UntilAsync(() => b.Chain.Tip.Hash == a.Chain.Tip.Hash, TimeSpan.FromSeconds(20), "b to sync 1,100 blocks");

        Assert.Equal(Blocks, b.Chain.Tip.Height);
        Assert.Equal(a.Chain.GetHashAtHeight(SyncManager.MaxBlocksPerInv), b.Chain.GetHashAtHeight(SyncManager.MaxBlocksPerInv));
        Assert.Equal(0, b.Sync.State.OrphanBlocks);
    }

    [Fact]
    public async Task HandleGetBlocks_ChainLongerThanOneBatch_AnswersTheNext500HashesInOrder()
    {
        await using var net = new TestNetwork(output);
        var chainA = net.CreateChain("a");
        var blocks = TestNetwork.AddBlocks(chainA, SyncManager.MaxBlocksPerInv + 20, Wallet.Generate().PubKeyHash);
        var a = net.StartNode(chainA);
        var peer = await net.ConnectRawAsync(a);
        await peer.HandshakeAsync();

        await peer.SendAsync(new GetBlocksPayload(VersionPayload.CurrentProtocolVersion, [net.GenesisHash], default));
        var first = await peer.ExpectAsync<InvPayload>();
        await peer.SendAsync(new GetBlocksPayload(VersionPayload.CurrentProtocolVersion, [first.Items[^1].Hash, net.GenesisHash], default));
        var second = await peer.ExpectAsync<InvPayload>();

        Assert.Equal(blocks.Take(SyncManager.MaxBlocksPerInv).Select(b => new InventoryVector(InventoryType.Block, b.Hash)), first.Items);
        Assert.Equal(blocks.Skip(SyncManager.MaxBlocksPerInv).Select(b => new InventoryVector(InventoryType.Block, b.Hash)), second.Items);
    }
}
