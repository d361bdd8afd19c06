using BlockchainCs.Core.Chain;
using BlockchainCs.Core.Consensus;
using BlockchainCs.Core.Primitives;
using BlockchainCs.Core.Tests.TestSupport;

namespace BlockchainCs.Core.Tests.Chain;

/// <summary>
/// Side branches (kept in memory by the caller, never stored while lighter), reorganisations onto the branch with the
/// most work, atomic rollback of a failed one, and invalid blocks remembered with their descendants.
/// </summary>
public sealed class ReorganizationTests : IDisposable
{
    private readonly ChainBuilder _b = new();

    public void Dispose() => _b.Dispose();

    private BlockAddStatus Add(Block block) => _b.Submit(block).Status;

    private static Transaction BreakSignature(Transaction tx)
    {
        var signature = tx.Inputs[0].Signature.ToArray();
        signature[40] ^= 0x01;
        return tx.WithSignatures([signature]);
    }

    /// <summary>
    /// Main chain: m1 (A pays B 10 from genesis), m2, m3, all mined by A. Branch from genesis, mined by D: b1 (A pays C
    /// the same genesis coins: a double spend of m1's payment), b2 (C pays B 4), b3, b4.
    /// </summary>
    private (Block[] Main, Block[] Branch) BuildCompetingChains()
    {
        var toB = _b.Pay(_b.A, _b.B, 10);
        var toC = _b.Pay(_b.A, _b.C, 10);
        var main = new[] { _b.MineBlock(_b.A.PubKeyHash, toB), _b.MineBlock(_b.A.PubKeyHash), _b.MineBlock(_b.A.PubKeyHash) };

        var cPaysB = ChainBuilder.Spend(_b.C, [ChainBuilder.OutputOf(toC)], new TxOutput(4, _b.B.PubKeyHash), new TxOutput(6, _b.C.PubKeyHash));
        var b1 = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, [toC]);
        var b2 = _b.BuildBlockOn(b1.Hash, 2, _b.D.PubKeyHash, [cPaysB]);
        var b3 = _b.BuildBlockOn(b2.Hash, 3, _b.D.PubKeyHash, []);
        var b4 = _b.BuildBlockOn(b3.Hash, 4, _b.D.PubKeyHash, []);
        return (main, [b1, b2, b3, b4]);
    }

    [Fact]
    public void AddBlock_HeavierBranchWithADoubleSpend_ReorganizedOntoTheBranch()
    {
        var (main, branch) = BuildCompetingChains();
        Assert.Equal(30, _b.Balance(_b.A));
        Assert.Equal(10, _b.Balance(_b.B));

        Assert.Equal(BlockAddStatus.SideBranch, Add(branch[0]));
        Assert.Equal(BlockAddStatus.SideBranch, Add(branch[1]));
        Assert.Equal(BlockAddStatus.SideBranch, Add(branch[2]));
        Assert.Equal(main[2].Hash, _b.Chain.Tip.Hash);
        Assert.All(branch[..3], b => Assert.False(_b.Chain.HasBlock(b.Hash)));
        var result = _b.Submit(branch[3]);

        Assert.Equal(BlockAddStatus.Reorganized, result.Status);
        Assert.True(result.ChangedTip);
        Assert.Equal(branch[3].Hash, _b.Chain.Tip.Hash);
        Assert.Equal(4, _b.Chain.Tip.Height);
        Assert.Equal(main.Reverse().Select(b => b.Hash), result.Disconnected.Select(b => b.Hash));
        Assert.Equal(branch.Select(b => b.Hash), result.Connected.Select(b => b.Hash));
        Assert.Equal(_b.ReindexedDigest(), _b.UtxoDigest());
        Assert.Equal(0, _b.Balance(_b.A));
        Assert.Equal(4, _b.Balance(_b.B));
        Assert.Equal(6, _b.Balance(_b.C));
        Assert.Equal(40, _b.Balance(_b.D));
        Assert.All(main, m => Assert.False(_b.Chain.IsOnBestChain(m.Hash)));
        Assert.All(branch, b => Assert.True(_b.Chain.IsOnBestChain(b.Hash)));
        Assert.All(branch, b => Assert.Equal(BlockStatus.Valid, _b.Chain.GetBlockInfo(b.Hash)!.Status));
        Assert.Equal(RuleErrorCode.MissingInput,
            Assert.Throws<RuleException>(() => _b.Chain.CheckTransaction(main[0].Transactions[1])).Code);
    }

    [Fact]
    public void HasTransaction_AfterReorganizationAndReindex_FollowsTheBestChain()
    {
        var (main, branch) = BuildCompetingChains();
        Assert.All(main.SelectMany(b => b.Transactions), tx => Assert.True(_b.Chain.HasTransaction(tx.Id)));

        foreach (var block in branch)
            _b.Submit(block);
        _b.Chain.Utxo.Reindex();

        var branchIds = branch.SelectMany(b => b.Transactions).Select(t => t.Id).ToHashSet();
        Assert.All(main.SelectMany(b => b.Transactions).Where(t => !branchIds.Contains(t.Id)), tx => Assert.False(_b.Chain.HasTransaction(tx.Id)));
        Assert.All(branchIds, id => Assert.True(_b.Chain.HasTransaction(id)));
        Assert.True(_b.Chain.HasTransaction(_b.Chain.GetBlock(_b.Chain.GenesisHash)!.Transactions[0].Id));
    }

    [Fact]
    public void AddBlock_OriginalBranchGrowsPastTheNewOne_ReorganizedBack()
    {
        var (main, branch) = BuildCompetingChains();
        foreach (var block in branch)
            Add(block);
        var digestOnMain = _b.UtxoDigest();
        Assert.Equal(branch[3].Hash, _b.Chain.Tip.Hash);

        var m4 = _b.BuildBlockOn(main[2].Hash, 4, _b.A.PubKeyHash, []);
        var m5 = _b.BuildBlockOn(m4.Hash, 5, _b.A.PubKeyHash, []);
        Assert.Equal(BlockAddStatus.SideBranch, Add(m4));
        var result = _b.Submit(m5);

        Assert.Equal(BlockAddStatus.Reorganized, result.Status);
        Assert.Equal(m5.Hash, _b.Chain.Tip.Hash);
        Assert.Equal(branch.Reverse().Select(b => b.Hash), result.Disconnected.Select(b => b.Hash));
        Assert.Equal(main.Append(m4).Append(m5).Select(b => b.Hash), result.Connected.Select(b => b.Hash));
        Assert.NotEqual(digestOnMain, _b.UtxoDigest());
        Assert.Equal(_b.ReindexedDigest(), _b.UtxoDigest());
        Assert.Equal(50, _b.Balance(_b.A));
        Assert.Equal(10, _b.Balance(_b.B));
        Assert.Equal(0, _b.Balance(_b.C));
        Assert.Equal(0, _b.Balance(_b.D));
    }

    [Fact]
    public void AddBlock_ReorganizeThereAndBack_OriginalOutputsRestoredExactly()
    {
        var (main, branch) = BuildCompetingChains();
        var before = _b.Wallets.Select(w => _b.Chain.Utxo.FindByOwner(w.PubKeyHash)).ToList();
        foreach (var block in branch)
            Add(block);

        // The original chain grows by two blocks mined by D, whose only outputs on main are these coinbases.
        var m4 = _b.BuildBlockOn(main[2].Hash, 4, _b.D.PubKeyHash, []);
        var m5 = _b.BuildBlockOn(m4.Hash, 5, _b.D.PubKeyHash, []);
        Add(m4);
        Assert.Equal(BlockAddStatus.Reorganized, Add(m5));

        for (var w = 0; w < 3; w++)
            Assert.Equal(before[w], _b.Chain.Utxo.FindByOwner(_b.Wallets[w].PubKeyHash));
        Assert.Empty(before[3]);
        Assert.Equal([4, 5], _b.Chain.Utxo.FindByOwner(_b.D.PubKeyHash).Select(e => e.Height));
    }

    [Fact]
    public void AddBlock_BranchWithEqualWork_StaysSideBranch()
    {
        var m1 = _b.MineBlock(_b.A.PubKeyHash);
        var m2 = _b.MineBlock(_b.A.PubKeyHash);
        var digest = _b.UtxoDigest();
        var b1 = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, []);
        var b2 = _b.BuildBlockOn(b1.Hash, 2, _b.D.PubKeyHash, []);

        var first = _b.Submit(b1);
        var second = _b.Submit(b2);

        Assert.Equal(BlockAddStatus.SideBranch, first.Status);
        Assert.Equal(BlockAddStatus.SideBranch, second.Status);
        Assert.False(second.ChangedTip);
        Assert.Empty(second.Connected);
        Assert.Equal(m2.Hash, _b.Chain.Tip.Hash);
        Assert.True(_b.Chain.IsOnBestChain(m1.Hash));
        Assert.False(_b.Chain.IsOnBestChain(b2.Hash));
        Assert.False(_b.Chain.HasBlock(b1.Hash));
        Assert.False(_b.Chain.HasBlock(b2.Hash));
        Assert.Equal(digest, _b.UtxoDigest());
        Assert.Equal(0, _b.Balance(_b.D));
        Assert.Equal(3, _b.StoredBlockCount());
    }

    [Fact]
    public void AddBlock_BranchWithAnInvalidMiddleBlock_RolledBackAndRemembered()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        var m2 = _b.MineBlock(_b.A.PubKeyHash);
        var tip = _b.Chain.Tip;
        var digest = _b.UtxoDigest();
        var bad = BreakSignature(_b.Pay(_b.A, _b.C, 4));
        var b1 = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, []);
        var b2 = _b.BuildBlockOn(b1.Hash, 2, _b.D.PubKeyHash, [bad]);
        var b3 = _b.BuildBlockOn(b2.Hash, 3, _b.D.PubKeyHash, []);
        Assert.Equal(BlockAddStatus.SideBranch, Add(b1));
        Assert.Equal(BlockAddStatus.SideBranch, Add(b2)); // signatures are only checked when a block is connected
        var stored = _b.StoredBlockCount();

        var error = Assert.Throws<RuleException>(() => _b.Submit(b3));

        Assert.Equal(RuleErrorCode.BadSignature, error.Code);
        Assert.Equal(tip, _b.Chain.Tip);
        Assert.Equal(m2.Hash, _b.Chain.GetHashAtHeight(2));
        Assert.Equal(digest, _b.UtxoDigest());
        Assert.Equal(digest, _b.ReindexedDigest());
        Assert.Equal(30, _b.Balance(_b.A));
        Assert.Equal(0, _b.Balance(_b.D));
        Assert.Equal(stored, _b.StoredBlockCount());
        Assert.True(_b.Chain.IsKnownInvalid(b2.Hash));
        Assert.True(_b.Chain.IsKnownInvalid(b3.Hash));
        Assert.False(_b.Chain.IsKnownInvalid(b1.Hash));
        Assert.False(_b.Chain.HasBlock(b1.Hash));
        Assert.False(_b.Chain.HasBlock(b3.Hash));
        Assert.Equal(RuleErrorCode.KnownInvalid, Assert.Throws<RuleException>(() => _b.Submit(b2)).Code);
        Assert.Equal(RuleErrorCode.KnownInvalid, Assert.Throws<RuleException>(() => _b.Submit(b3)).Code);
        // A block past the invalid one is refused at once: the reorganisation is not tried again.
        var b4 = _b.BuildBlockOn(b3.Hash, 4, _b.D.PubKeyHash, []);
        Assert.Equal(RuleErrorCode.KnownInvalid, Assert.Throws<RuleException>(() => _b.Submit(b4)).Code);
        Assert.True(_b.Chain.IsKnownInvalid(b4.Hash));
        Assert.Equal(digest, _b.UtxoDigest());
    }

    [Fact]
    public void AddBlock_AfterAFailedReorganization_TheValidPartOfTheBranchCanStillWin()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        _b.MineBlock(_b.A.PubKeyHash);
        var b1 = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, []);
        var bad = _b.BuildBlockOn(b1.Hash, 2, _b.D.PubKeyHash, [BreakSignature(_b.Pay(_b.A, _b.C, 4))]);
        Add(b1);
        Add(bad);
        Assert.Throws<RuleException>(() => _b.Submit(_b.BuildBlockOn(bad.Hash, 3, _b.D.PubKeyHash, [])));

        var good2 = _b.BuildBlockOn(b1.Hash, 2, _b.D.PubKeyHash, [_b.Pay(_b.A, _b.C, 4)]);
        var good3 = _b.BuildBlockOn(good2.Hash, 3, _b.D.PubKeyHash, []);
        Assert.Equal(BlockAddStatus.SideBranch, Add(good2));
        var result = _b.Submit(good3);

        Assert.Equal(BlockAddStatus.Reorganized, result.Status);
        Assert.Equal([b1.Hash, good2.Hash, good3.Hash], result.Connected.Select(b => b.Hash));
        Assert.Equal(6, _b.Balance(_b.A));
        Assert.Equal(4, _b.Balance(_b.C));
        Assert.Equal(30, _b.Balance(_b.D));
        Assert.Equal(_b.ReindexedDigest(), _b.UtxoDigest());
    }

    [Fact]
    public void AddBlock_InvalidBlockThatWouldBeTheNewTip_RolledBackAndRemembered()
    {
        var m1 = _b.MineBlock(_b.A.PubKeyHash);
        var digest = _b.UtxoDigest();
        var b1 = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, []);
        var b2 = _b.BuildBlockOn(b1.Hash, 2, _b.D.PubKeyHash, [BreakSignature(_b.Pay(_b.A, _b.C, 4))]);
        Add(b1);

        var error = Assert.Throws<RuleException>(() => _b.Submit(b2));

        Assert.Equal(RuleErrorCode.BadSignature, error.Code);
        Assert.Equal(m1.Hash, _b.Chain.Tip.Hash);
        Assert.Equal(digest, _b.UtxoDigest());
        Assert.True(_b.Chain.IsKnownInvalid(b2.Hash));
        Assert.False(_b.Chain.IsOnBestChain(b1.Hash));
        Assert.Equal(RuleErrorCode.KnownInvalid, Assert.Throws<RuleException>(() => _b.Submit(b2)).Code);
    }

    [Fact]
    public void AddBlock_BranchSpendingAnOutputItsOwnEarlierBlockSpent_RolledBack()
    {
        // b1 spends the genesis coins; b2 spends them again: each block alone is fine, together they are not.
        _b.MineBlock(_b.A.PubKeyHash);
        var digest = _b.UtxoDigest();
        var b1 = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, [_b.Pay(_b.A, _b.B, 10)]);
        var b2 = _b.BuildBlockOn(b1.Hash, 2, _b.D.PubKeyHash, [_b.Pay(_b.A, _b.C, 10)]);
        Add(b1);

        var error = Assert.Throws<RuleException>(() => _b.Submit(b2));

        Assert.Equal(RuleErrorCode.MissingInput, error.Code);
        Assert.Equal(digest, _b.UtxoDigest());
        Assert.Equal(_b.ReindexedDigest(), _b.UtxoDigest());
        Assert.Equal(20, _b.Balance(_b.A));
    }

    [Fact]
    public void AddBlock_SideBranchOnAnInvalidBlock_KnownInvalid()
    {
        _b.MineBlock(_b.A.PubKeyHash);
        var b1 = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, []);
        var bad = _b.BuildBlockOn(b1.Hash, 2, _b.D.PubKeyHash, [BreakSignature(_b.Pay(_b.A, _b.C, 4))]);
        Add(b1);
        Assert.Throws<RuleException>(() => _b.Submit(bad));

        var child = _b.BuildBlockOn(bad.Hash, 3, _b.D.PubKeyHash, []);

        Assert.Equal(RuleErrorCode.KnownInvalid, Assert.Throws<RuleException>(() => _b.Chain.AddBlock(child)).Code);
        Assert.False(_b.Chain.HasBlock(child.Hash));
        Assert.True(_b.Chain.IsKnownInvalid(child.Hash));
    }

    [Fact]
    public void AddBlock_LighterSideBranch_NothingStored()
    {
        // Thirty blocks at height 1 on genesis (a junk flood): none outweighs the tip, none reaches the database.
        _b.MineBlock(_b.A.PubKeyHash);
        _b.MineBlock(_b.A.PubKeyHash);
        var size = new FileInfo(_b.DatabasePath).Length;
        var stored = _b.StoredBlockCount();
        for (var i = 0; i < 30; i++)
            Assert.Equal(BlockAddStatus.SideBranch, _b.Chain.AddBlock(_b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, [])).Status);

        Assert.Equal(stored, _b.StoredBlockCount());
        Assert.True(new FileInfo(_b.DatabasePath).Length <= size + 64 * 1024);
    }

    [Fact]
    public void AddBlock_BadHeightOfAValidBlock_DoesNotPoisonTheRealBlock()
    {
        // The height is not part of the hashed header: a copy with a forged height must not get the real block marked invalid.
        var real = _b.BuildBlockOn(_b.Genesis, 1, _b.D.PubKeyHash, []);
        var forged = new Block(real.Timestamp, real.PrevHash, real.MerkleRoot, real.TargetBits, real.Nonce, 5, real.Transactions);

        Assert.Throws<RuleException>(() => _b.Chain.AddBlock(forged));
        Assert.False(_b.Chain.IsKnownInvalid(real.Hash));
        Assert.Equal(BlockAddStatus.Connected, _b.Chain.AddBlock(real).Status);
    }
}
