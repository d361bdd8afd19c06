using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Mining;

/// <summary>The miner role (-miner ADDR): mines once enough transactions wait, and always builds on the best tip.</summary>
public sealed class MinerServiceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_TwoTransactionsInTheMempool_MinesABlockPayingSubsidyPlusFeesThatReachesThePeer()
    {
        await using var net = new TestNetwork(output);
        var minerWallet = Wallet.Generate();
        var miner = net.StartNode(net.CreateChain("miner"), c => c with { MinerPubKeyHash = minerWallet.PubKeyHash, MineMinTransactions = 2 }, "miner");
        var b = net.StartNode(net.CreateChain("b"), miner.ListenAddress);
        await TestNetwork.WaitConnectedAsync(miner, b);
        var (bob, carol) = (Wallet.Generate(), Wallet.Generate());
        // A parent and its child (spending the parent's change), each paying a fee of 1.
        var parent = Payments.Pay(net.Alice, [Payments.GenesisCoin(b.Chain)], (bob.PubKeyHash, 3), (net.Alice.PubKeyHash, 6));
        var child = Payments.Pay(net.Alice, [Payments.CoinOf(parent, 1)], (carol.PubKeyHash, 2), (net.Alice.PubKeyHash, 3));

        Assert.Null((await b.SubmitTransactionAsync(parent)).Error);
        await Wait.UntilAsync(() => miner.Mempool.Contains(parent.Id), "the first transaction to reach the miner");
        Assert.Equal(0, miner.Chain.Tip.Height);
        Assert.Null((await b.SubmitTransactionAsync(child)).Error);

        await Wait.UntilAsync(() => miner.Chain.Tip.Height == 1, "the miner to mine a block");
        await Wait.UntilAsync(() => b.Chain.Tip.Hash == miner.Chain.Tip.Hash, "the mined block to reach b");
        await Wait.UntilAsync(() => miner.Mempool.Count == 0 && b.Mempool.Count == 0, "both mempools to empty");
        var block = miner.Chain.GetBlock(miner.Chain.Tip.Hash)!;
        Assert.Equal([parent.Id, child.Id], block.Transactions.Skip(1).Select(t => t.Id));
        var coinbase = block.Transactions[0];
        Assert.True(coinbase.IsCoinbase);
        Assert.Equal(ChainParameters.Subsidy + 2, coinbase.TotalOutput);
        Assert.True(coinbase.Outputs[0].IsLockedWith(minerWallet.PubKeyHash));
        Assert.Equal(1, miner.BlocksMined);
        Assert.Equal(ChainParameters.Subsidy + 2, b.Chain.Utxo.GetBalance(minerWallet.PubKeyHash));
    }

    [Fact]
    public async Task Run_ABlockFromAPeerArrivesFirst_TakesItAsTipAndMinesOnTopOfIt()
    {
        await using var net = new TestNetwork(output);
        var minerWallet = Wallet.Generate();
        var miner = net.StartNode(net.CreateChain("miner"), c => c with { MinerPubKeyHash = minerWallet.PubKeyHash, MineMinTransactions = 2 }, "miner");
        var b = net.StartNode(net.CreateChain("b"), miner.ListenAddress);
        await TestNetwork.WaitConnectedAsync(miner, b);
        var parent = Payments.Pay(net.Alice, [Payments.GenesisCoin(b.Chain)], (Wallet.Generate().PubKeyHash, 3), (net.Alice.PubKeyHash, 7));
        Assert.Null((await b.SubmitTransactionAsync(parent)).Error);
        await Wait.UntilAsync(() => miner.Mempool.Contains(parent.Id), "the transaction to reach the miner");

        // Another miner's block (without the pending transaction) reaches the network first.
        var competing = TestNetwork.MineCandidate(b.Chain, [], Wallet.Generate().PubKeyHash);
        var outcome = await b.Sync.SubmitBlockAsync(competing);
        await Wait.UntilAsync(() => miner.Chain.Tip.Hash == competing.Hash, "the competing block to become the miner's tip");
        Assert.Equal(0, miner.BlocksMined);
        Assert.True(miner.Mempool.Contains(parent.Id), "the unconfirmed transaction must survive a block that does not hold it");

        var child = Payments.Pay(net.Alice, [Payments.CoinOf(parent, 1)], (Wallet.Generate().PubKeyHash, 5));
        Assert.Null((await b.SubmitTransactionAsync(child)).Error);

        await Wait.UntilAsync(() => miner.Chain.Tip.Height == 2, "the miner to mine on top of the competing block");
        var mined = miner.Chain.GetBlock(miner.Chain.Tip.Hash)!;
        Assert.Equal(competing.Hash, mined.PrevHash);
        Assert.Equal([parent.Id, child.Id], mined.Transactions.Skip(1).Select(t => t.Id));
        await Wait.UntilAsync(() => b.Chain.Tip.Hash == mined.Hash, "the mined block to reach b");
        Assert.Equal(1, miner.BlocksMined);
    }
}
