using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Tests.TestSupport;

namespace BlockchainCs.Core.Tests.Chain;

/// <summary>The tutorial's flows on one chain: genesis, send, balances, the UTXO set, the iterator and block locators.</summary>
public sealed class BlockchainTests : IDisposable
{
    private readonly ChainBuilder _b = new();

    public void Dispose() => _b.Dispose();

    /// <summary>Mines <paramref name="count"/> empty blocks by A and returns the best-chain hashes by height (genesis first).</summary>
    private List<Hash256> MineEmpty(int count)
    {
        for (var i = 0; i < count; i++)
            _b.MineBlock(_b.A.PubKeyHash);
        return Enumerable.Range(0, _b.Chain.Tip.Height + 1).Select(h => _b.Chain.GetHashAtHeight(h)!.Value).ToList();
    }

    [Fact]
    public void Create_NewChain_GenesisPaysTenToTheCreator()
    {
        var genesis = _b.Chain.GetBlock(_b.Genesis)!;

        Assert.True(genesis.IsGenesis);
        Assert.Equal(0, _b.Chain.Tip.Height);
        Assert.Equal(_b.Genesis, _b.Chain.Tip.Hash);
        Assert.Equal(ChainBuilder.TargetBits, _b.Chain.Parameters.TargetBits);
        Assert.True(ProofOfWork.IsValid(genesis));
        Assert.Equal(ChainParameters.Subsidy, _b.Balance(_b.A));
        Assert.Equal(0, _b.Balance(_b.B));
        Assert.Equal(1, _b.Chain.Utxo.CountTransactions());
        Assert.Equal(0, genesis.Transactions[0].CoinbaseHeight);
        Assert.Equal(ManualTimeProvider.DefaultStart.ToUnixTimeSeconds(), genesis.Timestamp);
    }

    [Fact]
    public void Send_TenToBTwiceWithAMining_ABalanceTenBTwenty()
    {
        _b.MineBlock(_b.A.PubKeyHash, _b.Pay(_b.A, _b.B, 10));
        Assert.Equal(10, _b.Balance(_b.A));
        Assert.Equal(10, _b.Balance(_b.B));

        _b.MineBlock(_b.A.PubKeyHash, _b.Pay(_b.A, _b.B, 10));

        Assert.Equal(10, _b.Balance(_b.A));
        Assert.Equal(20, _b.Balance(_b.B));
        Assert.Equal(2, _b.Chain.Tip.Height);
    }

    [Fact]
    public void Send_SixToBWithAMining_ChangeComesBack()
    {
        var payment = _b.Pay(_b.A, _b.B, 6);

        _b.MineBlock(_b.A.PubKeyHash, payment);

        Assert.Equal(2, payment.Outputs.Count);
        Assert.Equal(14, _b.Balance(_b.A));
        Assert.Equal(6, _b.Balance(_b.B));
    }

    [Fact]
    public void Send_ManyPaymentsOverManyBlocks_UtxoSetEqualsReindexAfterEveryBlock()
    {
        var wallets = _b.Wallets;
        for (var round = 0; round < 6; round++)
        {
            var from = wallets[round % 2 == 0 ? 0 : 1];
            var to = wallets[2 + round % 2];
            var payment = _b.Pay(from, to, 3 + round);
            _b.MineBlock(wallets[(round + 1) % 4].PubKeyHash, payment);

            var incremental = _b.UtxoDigest();
            Assert.Equal(incremental, _b.ReindexedDigest());
        }

        Assert.Equal(70, _b.Wallets.Sum(_b.Balance));
    }

    [Fact]
    public void Reindex_Twice_SameSetAndBalances()
    {
        _b.MineBlock(_b.B.PubKeyHash, _b.Pay(_b.A, _b.C, 7));
        var digest = _b.UtxoDigest();
        var balances = _b.Wallets.Select(_b.Balance).ToList();

        var first = _b.ReindexedDigest();
        var second = _b.ReindexedDigest();

        Assert.Equal(digest, first);
        Assert.Equal(first, second);
        Assert.Equal(balances, _b.Wallets.Select(_b.Balance));
    }

    [Fact]
    public void CountTransactions_AfterPayments_CountsTransactionsWithUnspentOutputs()
    {
        // Genesis is spent entirely; block 1's coinbase and the payment remain.
        _b.MineBlock(_b.A.PubKeyHash, _b.Pay(_b.A, _b.B, 10));
        Assert.Equal(2, _b.Chain.Utxo.CountTransactions());
        Assert.Equal(2, _b.Chain.Utxo.CountOutputs());

        // A pays 4 of block 1's coinbase to C: coinbase spent, the payment has two outputs, plus a new coinbase.
        _b.MineBlock(_b.D.PubKeyHash, _b.Pay(_b.A, _b.C, 4));

        Assert.Equal(3, _b.Chain.Utxo.CountTransactions());
        Assert.Equal(4, _b.Chain.Utxo.CountOutputs());
    }

    [Fact]
    public void FindSpendable_SeveralOutputs_OldestFirstUntilTheAmountIsCovered()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        _b.MineBlock(_b.A.PubKeyHash);

        var (total, outputs) = _b.Chain.Utxo.FindSpendable(_b.A.PubKeyHash, 15);

        Assert.Equal(20, total);
        Assert.Equal([0, 1], outputs.Select(o => o.Height));
        Assert.All(outputs, o => Assert.True(o.IsCoinbase));
    }

    [Fact]
    public void Iterator_FromTip_WalksEveryBlockBackToGenesis()
    {
        var hashes = MineEmpty(5);

        var iterator = _b.Chain.Iterator();
        var walked = new List<Block>();
        while (iterator.Next() is { } block)
            walked.Add(block);

        Assert.Equal([5, 4, 3, 2, 1, 0], walked.Select(b => b.Height));
        Assert.Equal(Enumerable.Reverse(hashes), walked.Select(b => b.Hash));
        Assert.True(walked[^1].IsGenesis);
        Assert.Null(iterator.Next());
    }

    [Fact]
    public void BlockLocator_FifteenBlocks_TenRecentThenSparserThenGenesis()
    {
        var h = MineEmpty(15);

        var locator = _b.Chain.BlockLocator();

        Hash256[] expected = [h[15], h[14], h[13], h[12], h[11], h[10], h[9], h[8], h[7], h[6], h[4], h[0]];
        Assert.Equal(expected, locator);
    }

    [Fact]
    public void BlockLocator_GenesisOnly_JustGenesis() => Assert.Equal([_b.Genesis], _b.Chain.BlockLocator());

    [Fact]
    public void HashesAfter_PeerAtHeightFive_EverythingAfterIt()
    {
        var h = MineEmpty(15);

        var hashes = _b.Chain.HashesAfter([h[5], h[4], h[0]], Hash256.Zero, 500);

        Assert.Equal(h.Skip(6), hashes);
    }

    [Fact]
    public void HashesAfter_StopHash_EndsAtTheStopHashInclusive()
    {
        var h = MineEmpty(15);

        var hashes = _b.Chain.HashesAfter([h[5], h[0]], h[8], 500);

        Assert.Equal([h[6], h[7], h[8]], hashes);
    }

    [Fact]
    public void HashesAfter_Max_AtMostMaxHashes()
    {
        var h = MineEmpty(15);

        var hashes = _b.Chain.HashesAfter([h[5], h[0]], Hash256.Zero, 3);

        Assert.Equal([h[6], h[7], h[8]], hashes);
    }

    [Fact]
    public void HashesAfter_OwnLocator_Nothing()
    {
        MineEmpty(15);

        Assert.Empty(_b.Chain.HashesAfter(_b.Chain.BlockLocator(), Hash256.Zero, 500));
    }

    [Fact]
    public void HashesAfter_UnknownAndSideBranchHashesFirst_SkipsToTheFirstBestChainHash()
    {
        var h = MineEmpty(12);
        var side = _b.BuildBlockOn(h[10], 11, _b.D.PubKeyHash, []);
        Assert.Equal(BlockAddStatus.SideBranch, _b.Chain.AddBlock(side).Status);

        var hashes = _b.Chain.HashesAfter([Hash256.Compute([9]), side.Hash, h[10], h[0]], Hash256.Zero, 500);

        Assert.Equal([h[11], h[12]], hashes);
    }

    [Fact]
    public void GetHashAtHeight_AboveTheTip_Null()
    {
        MineEmpty(2);

        Assert.Null(_b.Chain.GetHashAtHeight(3));
        Assert.True(_b.Chain.IsOnBestChain(_b.Chain.GetHashAtHeight(2)!.Value));
        Assert.False(_b.Chain.IsOnBestChain(Hash256.Compute([1])));
    }

    [Fact]
    public void GetBlockBytes_StoredBlock_SameBytesAsTheBlock()
    {
        var block = _b.MineBlock(_b.A.PubKeyHash, _b.Pay(_b.A, _b.B, 3));

        Assert.Equal(block.ToBytes(), _b.Chain.GetBlockBytes(block.Hash));
        Assert.Equal(block.Hash, _b.Chain.GetBlock(block.Hash)!.Hash);
        Assert.Equal(BlockStatus.Valid, _b.Chain.GetBlockInfo(block.Hash)!.Status);
        Assert.Null(_b.Chain.GetBlockBytes(Hash256.Compute([7])));
    }

    [Fact]
    public void BuildCandidate_OnTip_CoinbaseFirstWithHeightAndTimestampFromTheClock()
    {
        var payment = _b.Pay(_b.A, _b.B, 2);

        var candidate = _b.Chain.BuildCandidate([payment], _b.C.PubKeyHash, 0, "hello");

        Assert.Equal(_b.Chain.Tip.Hash, candidate.PrevHash);
        Assert.Equal(1, candidate.Height);
        Assert.Equal(1, candidate.Transactions[0].CoinbaseHeight);
        Assert.Same(payment, candidate.Transactions[1]);
        Assert.Equal(MerkleTree.ComputeRoot(candidate.Transactions), candidate.MerkleRoot);
        Assert.Equal(_b.Time.GetUtcNow().ToUnixTimeSeconds(), candidate.Timestamp);
    }
}
