using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Tests.TestSupport;

namespace BlockchainCs.Network.Tests.Mempool;

/// <summary>The mempool on its own: what it admits, the order it hands to the miner, and how it follows the chain.</summary>
public sealed class MempoolTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly TestNetwork _net = new();
    private readonly Blockchain _chain;
    private readonly Network.Mempool _mempool;
    private readonly Wallet _bob = Wallet.Generate();
    private readonly Wallet _carol = Wallet.Generate();
    private readonly byte[] _miner = Wallet.Generate().PubKeyHash;

    public MempoolTests()
    {
        _chain = _net.CreateChain();
        _mempool = new Network.Mempool(_chain);
    }

    private Wallet Alice => _net.Alice;

    private Coin GenesisCoin => Payments.GenesisCoin(_chain);

    [Fact]
    public void TryAdd_ValidTransaction_IsAcceptedWithItsFee()
    {
        var tx = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 5));

        Assert.True(_mempool.TryAdd(tx, Now));

        Assert.True(_mempool.Contains(tx.Id));
        Assert.Same(tx, _mempool.Get(tx.Id));
        Assert.True(_mempool.IsSpent(GenesisCoin.OutPoint));
        Assert.Equal(1, _mempool.SelectForBlock().Fees);
        Assert.False(_mempool.TryAdd(tx, Now), "the same transaction twice is a no-op");
        Assert.Equal(1, _mempool.Count);
    }

    [Fact]
    public void TryAdd_SpendsWhatAnotherMempoolTransactionSpends_ThrowsDoubleSpend()
    {
        var first = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 10));
        var second = Payments.Pay(Alice, [GenesisCoin], (_carol.PubKeyHash, 10));
        _mempool.TryAdd(first, Now);

        var error = Assert.Throws<RuleException>(() => _mempool.TryAdd(second, Now));

        Assert.Equal(RuleErrorCode.DoubleSpend, error.Code);
        Assert.True(_mempool.Contains(first.Id));
        Assert.False(_mempool.Contains(second.Id));
    }

    [Fact]
    public void TryAdd_OutputAlreadySpentOnTheChain_Throws()
    {
        var confirmed = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 10));
        TestNetwork.AddBlock(_chain, [confirmed], _miner);
        var again = Payments.Pay(Alice, [GenesisCoin], (_carol.PubKeyHash, 10));

        var error = Assert.Throws<RuleException>(() => _mempool.TryAdd(again, Now));

        Assert.Equal(RuleErrorCode.MissingInput, error.Code);
        Assert.Equal(0, _mempool.Count);
    }

    [Fact]
    public void TryAdd_SomeoneElsesOutput_ThrowsWrongOwner()
    {
        var mallory = Wallet.Generate();
        var stolen = Payments.Steal(mallory, [GenesisCoin], (mallory.PubKeyHash, 10));

        var error = Assert.Throws<RuleException>(() => _mempool.TryAdd(stolen, Now));

        Assert.Equal(RuleErrorCode.WrongOwner, error.Code);
        Assert.Equal(0, _mempool.Count);
    }

    [Fact]
    public void TryAdd_ChildSpendingAnUnconfirmedParentsChange_IsAccepted()
    {
        var parent = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 6));
        var child = Payments.Pay(Alice, [Payments.CoinOf(parent, 1)], (_carol.PubKeyHash, 5));
        _mempool.TryAdd(parent, Now);

        Assert.True(_mempool.TryAdd(child, Now));

        Assert.Equal(2, _mempool.Count);
        Assert.True(_mempool.IsSpent(Payments.CoinOf(parent, 1).OutPoint));
    }

    [Fact]
    public void TryAdd_ChildWhoseParentIsUnknown_ThrowsMissingInput()
    {
        var parent = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 6));
        var child = Payments.Pay(Alice, [Payments.CoinOf(parent, 1)], (_carol.PubKeyHash, 5));

        var error = Assert.Throws<RuleException>(() => _mempool.TryAdd(child, Now));

        Assert.Equal(RuleErrorCode.MissingInput, error.Code);
    }

    [Fact]
    public void SelectForBlock_ChildArrivedWithAnEarlierTimestamp_StillPutsParentsFirstAndSumsFees()
    {
        var parent = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 5));
        var child = Payments.Pay(Alice, [Payments.CoinOf(parent, 1)], (_carol.PubKeyHash, 3));
        var grandchild = Payments.Pay(_carol, [Payments.CoinOf(child, 0)], (_bob.PubKeyHash, 2));
        _mempool.TryAdd(parent, Now);
        _mempool.TryAdd(child, Now - TimeSpan.FromMinutes(2));
        _mempool.TryAdd(grandchild, Now - TimeSpan.FromMinutes(1));

        var (transactions, fees) = _mempool.SelectForBlock();

        Assert.Equal([parent.Id, child.Id, grandchild.Id], transactions.Select(t => t.Id));
        Assert.Equal(1 + 2 + 1, fees);
        // What it selected is a valid block.
        var block = TestNetwork.Mine(_chain.BuildCandidate(transactions, _miner, fees));
        Assert.Equal(BlockAddStatus.Connected, _chain.AddBlock(block).Status);
    }

    [Fact]
    public void SelectForBlock_MaxSmallerThanTheMempool_NeverTakesAChildWithoutItsParent()
    {
        var parent = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 6));
        var child = Payments.Pay(Alice, [Payments.CoinOf(parent, 1)], (_carol.PubKeyHash, 6));
        _mempool.TryAdd(parent, Now);
        _mempool.TryAdd(child, Now - TimeSpan.FromMinutes(1));

        var (transactions, _) = _mempool.SelectForBlock(maxBytes: parent.Size);

        Assert.Equal([parent.Id], transactions.Select(t => t.Id));
    }

    [Fact]
    public void OnChainChanged_BlockConfirmsATransaction_DropsItAndKeepsItsChild()
    {
        var parent = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 6));
        var child = Payments.Pay(Alice, [Payments.CoinOf(parent, 1)], (_carol.PubKeyHash, 6));
        _mempool.TryAdd(parent, Now);
        _mempool.TryAdd(child, Now);
        var block = TestNetwork.MineCandidate(_chain, [parent], _miner);

        _mempool.OnChainChanged(_chain.AddBlock(block), Now);

        Assert.False(_mempool.Contains(parent.Id));
        Assert.True(_mempool.Contains(child.Id), "the child now spends a confirmed output and is still valid");
        Assert.Equal(1, _mempool.Count);
        Assert.False(_mempool.IsSpent(GenesisCoin.OutPoint));
    }

    [Fact]
    public void OnChainChanged_BlockConfirmsAConflictingTransaction_DropsTheLoserAndItsDescendants()
    {
        var loser = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 6));
        var loserChild = Payments.Pay(Alice, [Payments.CoinOf(loser, 1)], (_carol.PubKeyHash, 6));
        var winner = Payments.Pay(Alice, [GenesisCoin], (_carol.PubKeyHash, 10));
        _mempool.TryAdd(loser, Now);
        _mempool.TryAdd(loserChild, Now);
        var block = TestNetwork.MineCandidate(_chain, [winner], _miner);

        _mempool.OnChainChanged(_chain.AddBlock(block), Now);

        Assert.Equal(0, _mempool.Count);
        Assert.False(_mempool.IsSpent(GenesisCoin.OutPoint));
        Assert.False(_mempool.IsSpent(Payments.CoinOf(loser, 1).OutPoint));
    }

    [Fact]
    public void OnChainChanged_Reorganisation_TakesBackDisconnectedTransactionsThatAreStillValid()
    {
        var genesis = Branches.TipBlock(_chain);
        var payment = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 4), (Alice.PubKeyHash, 6));
        var child = Payments.Pay(Alice, [Payments.CoinOf(payment, 1)], (_carol.PubKeyHash, 6));
        var confirmed = TestNetwork.AddBlock(_chain, [payment, child], _miner);
        var other1 = Branches.MineOn(genesis, _miner);
        var other2 = Branches.MineOn(other1, _miner);
        Assert.Equal(BlockAddStatus.SideBranch, _chain.AddBlock(other1).Status);

        var reorg = _chain.AddBlock(other2, [other1]);
        _mempool.OnChainChanged(reorg, Now);

        Assert.Equal(BlockAddStatus.Reorganized, reorg.Status);
        Assert.Equal([confirmed.Hash], reorg.Disconnected.Select(b => b.Hash));
        Assert.True(_mempool.Contains(payment.Id));
        Assert.True(_mempool.Contains(child.Id));
        Assert.Equal([payment.Id, child.Id], _mempool.SelectForBlock().Transactions.Select(t => t.Id));
    }

    [Fact]
    public void OnChainChanged_ReorganisationOntoAConflict_DoesNotTakeBackTheLoser()
    {
        var genesis = Branches.TipBlock(_chain);
        var payment = Payments.Pay(Alice, [GenesisCoin], (_bob.PubKeyHash, 10));
        var conflict = Payments.Pay(Alice, [GenesisCoin], (_carol.PubKeyHash, 10));
        TestNetwork.AddBlock(_chain, [payment], _miner);
        var other1 = Branches.MineOn(genesis, _miner, conflict);
        var other2 = Branches.MineOn(other1, _miner);
        _chain.AddBlock(other1);

        _mempool.OnChainChanged(_chain.AddBlock(other2), Now);

        Assert.Equal(0, _mempool.Count);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _net.DisposeAsync();
}
