using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Protocol;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Mempool;

/// <summary>
/// Chapter 6's pool with fees: miners rank packages by ancestor fee rate (a child pays for its parent), a full pool
/// evicts the lowest descendant fee rate and raises a minimum that decays after blocks, old entries expire, floors and
/// chain limits are policy refusals.
/// </summary>
public sealed class MempoolFeeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TestNetwork _net = new();
    private readonly Blockchain _chain;
    private readonly List<Coin> _coins;
    private readonly Wallet _bob = Wallet.Generate();
    private readonly byte[] _miner = Wallet.Generate().PubKeyHash;

    public MempoolFeeTests()
    {
        _chain = _net.CreateChain();
        _coins = [Payments.GenesisCoin(_chain), .. TestNetwork.AddBlocks(_chain, 7, _net.Alice.PubKeyHash).Select(b => Payments.CoinOf(b.Transactions[0], 0))];
    }

    private Wallet Alice => _net.Alice;

    /// <summary>Spends coin <paramref name="index"/> (10 coins) to Bob, leaving <paramref name="fee"/>.</summary>
    private Transaction PayWithFee(int index, long fee) => Payments.Pay(Alice, [_coins[index]], (_bob.PubKeyHash, 10 - fee));

    private Network.Mempool Pool(MempoolPolicy? policy = null) => new(_chain, policy);

    [Fact]
    public void SelectForBlock_IndependentTransactions_HighestFeeRateFirst()
    {
        var pool = Pool();
        var low = PayWithFee(0, 1);
        var high = PayWithFee(1, 3);
        var middle = PayWithFee(2, 2);
        foreach (var tx in new[] { low, high, middle })
            pool.TryAdd(tx, Now);

        var (chosen, fees) = pool.SelectForBlock();

        Assert.Equal([high.Id, middle.Id, low.Id], chosen.Select(t => t.Id));
        Assert.Equal(6, fees);
        Assert.Equal([high.Id, middle.Id, low.Id], pool.EntriesByFeeRate().Select(e => e.Transaction.Id));
    }

    [Fact]
    public void SelectForBlock_ChildPaysForItsParent_PackageGoesFirstParentBeforeChild()
    {
        var pool = Pool();
        var parent = Payments.Pay(Alice, [_coins[0]], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 6)); // fee 0
        var child = Payments.Pay(Alice, [Payments.CoinOf(parent, 1)], (_bob.PubKeyHash, 1));          // fee 5
        var other = PayWithFee(1, 2);
        pool.TryAdd(parent, Now);
        pool.TryAdd(other, Now);
        pool.TryAdd(child, Now);

        var (chosen, _) = pool.SelectForBlock();
        var childEntry = pool.GetEntry(child.Id)!;

        Assert.True(FeeRate.Compare(5, parent.Size + child.Size, 2, other.Size) > 0, "the package pays more per byte than the other");
        Assert.Equal([parent.Id, child.Id, other.Id], chosen.Select(t => t.Id));
        Assert.Equal((2, parent.Size + child.Size, 5L), (childEntry.AncestorCount, childEntry.AncestorSize, childEntry.AncestorFees));
        Assert.Equal((2, 5L), (pool.GetEntry(parent.Id)!.DescendantCount, pool.GetEntry(parent.Id)!.DescendantFees));
    }

    [Fact]
    public void SelectForBlock_SmallBlock_TakesTheBestRatesThatFitAndIsAValidBlock()
    {
        var pool = Pool();
        var txs = Enumerable.Range(0, 5).Select(i => PayWithFee(i, i)).ToList(); // fees 0..4
        foreach (var tx in txs)
            pool.TryAdd(tx, Now);

        var (chosen, fees) = pool.SelectForBlock(txs[4].Size + txs[3].Size + 10);

        Assert.Equal([txs[4].Id, txs[3].Id], chosen.Select(t => t.Id));
        Assert.Equal(7, fees);
        var block = TestNetwork.Mine(_chain.BuildCandidate(chosen, _miner, fees));
        Assert.Equal(BlockAddStatus.Connected, _chain.AddBlock(block).Status);
        Assert.Equal(Core.Consensus.ChainParameters.Subsidy + 7, block.Transactions[0].Outputs[0].Value);
    }

    [Fact]
    public void TryAdd_PoolFull_EvictsLowestRateWithItsDescendants_StaysUnderBudget_RaisesTheMinimum()
    {
        var parent = Payments.Pay(Alice, [_coins[0]], (_bob.PubKeyHash, 3), (Alice.PubKeyHash, 6)); // fee 1
        var child = Payments.Pay(Alice, [Payments.CoinOf(parent, 1)], (_bob.PubKeyHash, 4));          // fee 2
        var rich = Enumerable.Range(1, 3).Select(i => PayWithFee(i, 5)).ToList();
        var budget = new[] { parent, child, rich[0], rich[1] }.Sum(t => MempoolEntry.EstimateUsage(t, t.Size)) + 100;
        var pool = Pool(new MempoolPolicy { MaxBytes = budget });
        foreach (var tx in new[] { parent, child, rich[0], rich[1] })
            pool.TryAdd(tx, Now);
        Assert.Equal(FeeRate.Zero, pool.MinFee(Now));

        Assert.True(pool.TryAdd(rich[2], Now));

        Assert.False(pool.Contains(parent.Id), "the lowest descendant fee rate leaves");
        Assert.False(pool.Contains(child.Id), "with its descendants");
        Assert.All(rich, tx => Assert.True(pool.Contains(tx.Id)));
        Assert.True(pool.Usage <= budget, $"{pool.Usage} > {budget}");
        Assert.Equal(2, pool.Evicted);
        // The package that left paid (1 + 2) / (both sizes); the minimum is that plus the incremental 1 coin/kB.
        var expected = FeeRate.Of(3, parent.Size + child.Size).PerKb + 1;
        Assert.Equal(new FeeRate(expected), pool.MinFee(Now));

        var cheap = PayWithFee(4, 1);
        var refusal = Assert.Throws<PolicyException>(() => pool.TryAdd(cheap, Now));
        Assert.Contains("mempool min fee not met", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(RejectCode.InsufficientFee, refusal.Code);
    }

    [Fact]
    public void TryAdd_PoolFullOfBetterRates_NewcomerIsTheOneRefused()
    {
        var rich = Enumerable.Range(0, 2).Select(i => PayWithFee(i, 5)).ToList();
        var pool = Pool(new MempoolPolicy { MaxBytes = rich.Sum(t => MempoolEntry.EstimateUsage(t, t.Size)) + 100 });
        foreach (var tx in rich)
            pool.TryAdd(tx, Now);

        var refusal = Assert.Throws<PolicyException>(() => pool.TryAdd(PayWithFee(2, 1), Now));

        Assert.Contains("mempool is full", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(2, pool.Count);
        Assert.False(pool.IsSpent(_coins[2].OutPoint), "a refused transaction leaves nothing behind");
    }

    [Fact]
    public void MinFee_RaisedByEviction_DecaysBackOnlyAfterABlock()
    {
        var txs = Enumerable.Range(0, 3).Select(i => PayWithFee(i, i + 1)).ToList();
        var pool = Pool(new MempoolPolicy { MaxBytes = txs.Take(2).Sum(t => MempoolEntry.EstimateUsage(t, t.Size)) + 100 });
        foreach (var tx in txs)
            pool.TryAdd(tx, Now);
        var raised = pool.MinFee(Now);
        Assert.True(raised.PerKb > 1, $"raised to {raised}");

        Assert.Equal(raised, pool.MinFee(Now + TimeSpan.FromDays(2)));

        pool.OnChainChanged(BlockAddResult.Of(BlockAddStatus.Connected), Now);
        var later = pool.MinFee(Now + TimeSpan.FromHours(3));
        Assert.True(later < raised, $"{later} after 3 h with a block since, from {raised}");
        Assert.Equal(FeeRate.Zero, pool.MinFee(Now + TimeSpan.FromDays(10)));
    }

    [Fact]
    public void Expire_TransactionsOlderThanTheExpiry_LeaveWithTheirDescendants()
    {
        var pool = Pool(new MempoolPolicy { Expiry = TimeSpan.FromHours(336) });
        var parent = Payments.Pay(Alice, [_coins[0]], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 6));
        var child = Payments.Pay(Alice, [Payments.CoinOf(parent, 1)], (_bob.PubKeyHash, 6));
        var young = PayWithFee(1, 0);
        pool.TryAdd(parent, Now);
        pool.TryAdd(child, Now + TimeSpan.FromHours(100));
        pool.TryAdd(young, Now + TimeSpan.FromHours(200));

        Assert.Equal(0, pool.Expire(Now + TimeSpan.FromHours(335)));
        Assert.Equal(2, pool.Expire(Now + TimeSpan.FromHours(337)));

        Assert.Equal([young.Id], pool.Ids());
        Assert.Equal(2, pool.Expired);
        Assert.False(pool.IsSpent(_coins[0].OutPoint));
    }

    [Fact]
    public void TryAdd_BelowTheMinRelayFee_RefusedBeforeItsSignaturesAreChecked()
    {
        var pool = Pool(new MempoolPolicy { MinRelayFee = new FeeRate(10) });
        var cheap = PayWithFee(0, 1);   // about 4 coins/kB
        var enough = PayWithFee(1, 3);  // about 12 coins/kB
        var forgedCheap = PayWithFee(2, 1).WithSignatures([new byte[64]]);

        var refusal = Assert.Throws<PolicyException>(() => pool.TryAdd(cheap, Now));
        Assert.Contains("min relay fee not met", refusal.Message, StringComparison.Ordinal);
        Assert.True(pool.TryAdd(enough, Now));
        // A cheap forgery is refused for its fee: no signature was checked to learn that.
        Assert.Throws<PolicyException>(() => pool.TryAdd(forgedCheap, Now));
    }

    [Fact]
    public void TryAdd_ChainOfMoreThan25Unconfirmed_RefusedAsNonstandard()
    {
        var pool = Pool();
        var previous = _coins[0];
        for (var i = 0; i < 25; i++)
        {
            var tx = Payments.Pay(Alice, [previous], (Alice.PubKeyHash, previous.Output.Value));
            Assert.True(pool.TryAdd(tx, Now), $"link {i + 1}");
            previous = Payments.CoinOf(tx, 0);
        }

        var tooLong = Payments.Pay(Alice, [previous], (Alice.PubKeyHash, previous.Output.Value));
        var refusal = Assert.Throws<PolicyException>(() => pool.TryAdd(tooLong, Now));

        Assert.Equal(RejectCode.Nonstandard, refusal.Code);
        Assert.Equal(25, pool.Count);
    }

    [Fact]
    public void OnChainChanged_ParentConfirmed_ChildsPackageNoLongerCountsIt()
    {
        var pool = Pool();
        var parent = Payments.Pay(Alice, [_coins[0]], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 6));
        var child = Payments.Pay(Alice, [Payments.CoinOf(parent, 1)], (_bob.PubKeyHash, 5));
        pool.TryAdd(parent, Now);
        pool.TryAdd(child, Now);

        pool.OnChainChanged(_chain.AddBlock(TestNetwork.MineCandidate(_chain, [parent], _miner)), Now);

        var entry = pool.GetEntry(child.Id)!;
        Assert.Equal((1, (long)child.Size, 1L), (entry.AncestorCount, entry.AncestorSize, entry.AncestorFees));
    }

    [Fact]
    public void OnChainChanged_Reorganisation_TakesBackAZeroFeePaymentDespiteTheRaisedMinimum()
    {
        var txs = Enumerable.Range(1, 3).Select(i => PayWithFee(i, i)).ToList();
        var pool = Pool(new MempoolPolicy { MaxBytes = txs.Take(2).Sum(t => MempoolEntry.EstimateUsage(t, t.Size)) + 100 });
        foreach (var tx in txs)
            pool.TryAdd(tx, Now);
        Assert.True(pool.MinFee(Now).PerKb > 0, "the pool was full once: its minimum is raised");
        var free = PayWithFee(0, 0);
        Assert.Throws<PolicyException>(() => pool.TryAdd(free, Now));
        // A block confirms what the pool holds; the next one, mined elsewhere, holds the zero-fee payment.
        pool.OnChainChanged(_chain.AddBlock(TestNetwork.MineCandidate(_chain, [txs[1], txs[2]], _miner)), Now);
        var fork = Branches.TipBlock(_chain);
        TestNetwork.AddBlock(_chain, [free], _miner);
        var other1 = Branches.MineOn(fork, _miner);
        Assert.Equal(BlockAddStatus.SideBranch, _chain.AddBlock(other1).Status);

        var reorg = _chain.AddBlock(Branches.MineOn(other1, _miner), [other1]);
        var returned = pool.OnChainChanged(reorg, Now);

        Assert.Equal(BlockAddStatus.Reorganized, reorg.Status);
        Assert.True(pool.MinFee(Now).PerKb > 0, "the minimum is still raised");
        Assert.Equal([free.Id], returned.Select(t => t.Id));
        Assert.True(pool.Contains(free.Id), "a payment mined once is not dropped for its fee by a reorganisation");
        Assert.True(pool.Usage <= pool.Policy.MaxBytes, "and the pool is within its budget");
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _chain.Dispose();
        await _net.DisposeAsync();
    }
}
