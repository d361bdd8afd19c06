using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Node;

/// <summary>Two nodes that mined apart meet: the lighter branch gives way, and its transactions go back to the mempool.</summary>
public sealed class NodeReorgTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Connect_PeerHasALongerBranch_ReorganisesOntoItAndTakesBackTheDisconnectedTransaction()
    {
        await using var net = new TestNetwork(output);
        var chainA = net.CreateChain("a");
        var chainB = net.CreateChain("b");
        var bob = Wallet.Generate();
        // A's branch: 2 blocks, the first confirming a payment; B's branch: 3 empty blocks (more work).
        var payment = Payments.Pay(net.Alice, [Payments.GenesisCoin(chainA)], (bob.PubKeyHash, 4), (net.Alice.PubKeyHash, 6));
        var aBlock1 = TestNetwork.AddBlock(chainA, [payment], Wallet.Generate().PubKeyHash);
        TestNetwork.AddBlocks(chainA, 1, Wallet.Generate().PubKeyHash);
        TestNetwork.AddBlocks(chainB, 3, Wallet.Generate().PubKeyHash);
        Assert.Equal(4, chainA.Utxo.GetBalance(bob.PubKeyHash));

        var a = net.StartNode(chainA);
        var b = net.StartNode(chainB, a.ListenAddress);

        await Wait.UntilAsync(() => a.Chain.Tip.Hash == b.Chain.Tip.Hash, "a to reorganise onto b's branch");
        Assert.Equal(3, a.Chain.Tip.Height);
        Assert.False(a.Chain.IsOnBestChain(aBlock1.Hash));
        Assert.True(a.Chain.HasBlock(aBlock1.Hash), "the old branch stays stored as a side branch");
        Assert.Equal(0, a.Chain.Utxo.GetBalance(bob.PubKeyHash));
        Assert.Equal(10, a.Chain.Utxo.GetBalance(net.Alice.PubKeyHash));
        // Still valid on the new chain (the genesis coin is unspent there): back in the mempool, ready to be mined again.
        // The single writer moves the tip first and the mempool right after, so wait for it (bounded).
        await Wait.UntilAsync(() => a.Mempool.Contains(payment.Id), "the transaction of the disconnected block to return to the mempool");
        Assert.Equal(1, a.Mempool.Count);
    }
}
