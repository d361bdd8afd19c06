using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Wallets;
using BlockchainCs.Network.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BlockchainCs.Network.Tests.Sync;

/// <summary>The single writer on its own: blocks and transactions go in, outcomes and chain events come out.</summary>
public sealed class SyncManagerTests : IAsyncLifetime
{
    private readonly TestNetwork _net = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Blockchain _chain;
    private readonly Network.Mempool _mempool;
    private readonly Network.SyncManager _sync;
    private readonly byte[] _miner = Wallet.Generate().PubKeyHash;
    private Task _running = Task.CompletedTask;

    public SyncManagerTests()
    {
        _chain = _net.CreateChain();
        // A node that is never started: only its single writer runs, driven by the test.
        var node = new Network.Node(_chain, TestNetwork.DefaultConfig, NullLoggerFactory.Instance);
        _mempool = node.Mempool;
        _sync = node.Sync;
    }

    public ValueTask InitializeAsync()
    {
        _running = _sync.RunAsync(_stop.Token);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task SubmitBlockAsync_ValidBlock_ConnectsItAndRaisesTipChanged()
    {
        var changes = new List<BlockAddResult>();
        _sync.TipChanged += changes.Add;
        var block = TestNetwork.MineCandidate(_chain, [], _miner);

        var outcome = await _sync.SubmitBlockAsync(block).WaitAsync(Wait.Timeout);

        Assert.Equal(BlockAddStatus.Connected, outcome.Status);
        Assert.Equal([block.Hash], outcome.Connected.Select(b => b.Hash));
        Assert.Equal(block.Hash, _chain.Tip.Hash);
        Assert.Equal(BlockAddStatus.Connected, Assert.Single(changes).Status);
    }

    [Fact]
    public async Task SubmitBlockAsync_ChildBeforeParent_KeepsTheOrphanThenConnectsBoth()
    {
        var genesis = Branches.TipBlock(_chain);
        var parent = Branches.MineOn(genesis, _miner);
        var child = Branches.MineOn(parent, _miner);

        var orphan = await _sync.SubmitBlockAsync(child).WaitAsync(Wait.Timeout);
        Assert.Equal(BlockAddStatus.Orphan, orphan.Status);
        Assert.True(_sync.State.OrphanBlocks == 1);
        Assert.Equal(0, _chain.Tip.Height);

        var outcome = await _sync.SubmitBlockAsync(parent).WaitAsync(Wait.Timeout);

        Assert.Equal([parent.Hash, child.Hash], outcome.Connected.Select(b => b.Hash));
        Assert.Equal(child.Hash, _chain.Tip.Hash);
        Assert.Equal(0, _sync.State.OrphanBlocks);
    }

    [Fact]
    public async Task SubmitBlockAsync_CoinbaseClaimsTooMuch_ReturnsTheErrorAndLeavesTheChain()
    {
        var genesis = Branches.TipBlock(_chain);
        List<Transaction> greedy = [Transaction.CreateCoinbase(_miner, ChainParameters.Subsidy + 1, 1)];
        var block = TestNetwork.Mine(new Block(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), genesis.Hash, MerkleTree.ComputeRoot(greedy),
            TestNetwork.TargetBits, 0, 1, greedy));

        var outcome = await _sync.SubmitBlockAsync(block).WaitAsync(Wait.Timeout);

        Assert.True(outcome.IsInvalid);
        Assert.Equal(RuleErrorCode.BadCoinbaseValue, outcome.Error!.Code);
        Assert.Equal(genesis.Hash, _chain.Tip.Hash);
    }

    [Fact]
    public async Task SubmitTransactionAsync_ChildBeforeParent_HoldsTheOrphanAndAcceptsBothWithTheParent()
    {
        var mempoolChanges = 0;
        _sync.MempoolChanged += () => mempoolChanges++;
        var parent = Payments.Pay(_net.Alice, [Payments.GenesisCoin(_chain)], (_miner, 4), (_net.Alice.PubKeyHash, 6));
        var child = Payments.Pay(_net.Alice, [Payments.CoinOf(parent, 1)], (_miner, 6));

        var orphan = await _sync.SubmitTransactionAsync(child).WaitAsync(Wait.Timeout);
        Assert.True(orphan.IsOrphan);
        Assert.Equal(1, _sync.State.OrphanTransactions);
        Assert.Equal(0, _mempool.Count);

        var outcome = await _sync.SubmitTransactionAsync(parent).WaitAsync(Wait.Timeout);

        Assert.Equal([parent.Id, child.Id], outcome.Accepted.Select(t => t.Id));
        Assert.Equal(2, _mempool.Count);
        Assert.Equal(0, _sync.State.OrphanTransactions);
        Assert.Equal(1, mempoolChanges);
    }

    [Fact]
    public async Task SubmitTransactionAsync_InputSpentOnChain_IsRejectedNotKeptAsAnOrphan()
    {
        // The spent output's transaction still has an unspent output, so the writer knows it: a double spend, not an orphan.
        var payment = Payments.Pay(_net.Alice, [Payments.GenesisCoin(_chain)], (_miner, 4), (_net.Alice.PubKeyHash, 6));
        var spendChange = Payments.Pay(_net.Alice, [Payments.CoinOf(payment, 1)], (_miner, 6));
        var block = TestNetwork.MineCandidate(_chain, [payment, spendChange], _miner);
        Assert.Equal(3, (await _sync.SubmitBlockAsync(block).WaitAsync(Wait.Timeout)).Connected.Single().Transactions.Count);
        var again = Payments.Pay(_net.Alice, [Payments.CoinOf(payment, 1)], (_net.Alice.PubKeyHash, 6));

        var outcome = await _sync.SubmitTransactionAsync(again).WaitAsync(Wait.Timeout);

        Assert.Equal(RuleErrorCode.MissingInput, outcome.Error?.Code);
        Assert.False(outcome.IsOrphan);
        Assert.Equal(0, _sync.State.OrphanTransactions);
        Assert.Equal(0, _mempool.Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_EveryOutputOfTheParentSpentOnChain_IsRejectedNotKeptAsAnOrphan()
    {
        // No output of the genesis coinbase is left in the UTXO set; the transaction index still knows it.
        var payment = Payments.Pay(_net.Alice, [Payments.GenesisCoin(_chain)], (_miner, 10));
        var block = TestNetwork.MineCandidate(_chain, [payment], _miner);
        Assert.False((await _sync.SubmitBlockAsync(block).WaitAsync(Wait.Timeout)).IsInvalid);
        var doubleSpend = Payments.Pay(_net.Alice, [Payments.GenesisCoin(_chain)], (_net.Alice.PubKeyHash, 10));

        var outcome = await _sync.SubmitTransactionAsync(doubleSpend).WaitAsync(Wait.Timeout);

        Assert.Equal(RuleErrorCode.MissingInput, outcome.Error?.Code);
        Assert.False(outcome.IsOrphan);
        Assert.Equal(0, _sync.State.OrphanTransactions);
        Assert.Equal(0, _mempool.Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_SameTransactionTwice_IsADuplicate()
    {
        var tx = Payments.Pay(_net.Alice, [Payments.GenesisCoin(_chain)], (_miner, 10));
        Assert.Single((await _sync.SubmitTransactionAsync(tx).WaitAsync(Wait.Timeout)).Accepted);

        var again = await _sync.SubmitTransactionAsync(tx).WaitAsync(Wait.Timeout);

        Assert.True(again.IsDuplicate);
        Assert.Empty(again.Accepted);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.WaitAsync(Wait.Timeout);
        _stop.Dispose();
        await _net.DisposeAsync();
    }
}
