using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Protocol.Payloads;

namespace BlockchainCs.Network.Tests.TestSupport;

/// <summary>A node's chain tip and mempool at one moment, to show that an attack changed neither.</summary>
public sealed record NodeSnapshot(ChainTip Tip, IReadOnlySet<Hash256> Mempool)
{
    public static NodeSnapshot Of(Network.Node node) => new(node.Chain.Tip, node.Mempool.Ids().ToHashSet());

    /// <summary>
    /// The node's tip and mempool are as in this snapshot, and it still serves an honest peer: a fresh connection
    /// completes the handshake, gets a pong, and gets the tip block and a mempool transaction on request.
    /// </summary>
    public async Task AssertUnchangedAndServingAsync(TestNetwork network, Network.Node node)
    {
        var honest = await network.ConnectRawAsync(node);
        await honest.HandshakeAsync();
        await honest.SyncAsync();
        await honest.SendAsync(new GetDataPayload([new InventoryVector(InventoryType.Block, Tip.Hash)]));
        var block = await honest.ExpectAsync<BlockPayload>();
        Assert.Equal(Tip.Hash, block.Block.Hash);
        foreach (var txId in Mempool)
        {
            await honest.SendAsync(new GetDataPayload([new InventoryVector(InventoryType.Tx, txId)]));
            await honest.ExpectAsync<TxPayload>(t => t.Transaction.Id == txId);
        }

        Assert.Equal(Tip, node.Chain.Tip);
        Assert.Equal(Mempool, node.Mempool.Ids().ToHashSet());
    }
}
